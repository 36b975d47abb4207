/** The notification endpoints: thin routes over manage.ts, inbox.ts and notify.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../service/routes.js';
import { requestWork } from '../service/work.js';
import { NOTIFICATION_ERROR_CODES } from './errors.js';
import { deliveries, getPreferences, inbox, markRead, updatePreferences } from './inbox.js';
import {
  createTemplate,
  createWebhook,
  deactivateWebhook,
  getSettings,
  listTemplates,
  listWebhooks,
  updateSettings,
  updateTemplate,
} from './manage.js';
import { notify } from './notify.js';
import * as s from './schemas.js';
import { notifications } from './tables.js';

const tags = ['notifications'];
const errors = NOTIFICATION_ERROR_CODES;
export const NOTIFICATION_PATHS = {
  base: '/api/v1/notifications',
  templates: '/api/v1/notifications/templates',
  settings: '/api/v1/notifications/settings',
  webhooks: '/api/v1/notifications/webhooks',
  inbox: '/api/v1/notifications/inbox',
  preferences: '/api/v1/notifications/preferences',
} as const;
const P = NOTIFICATION_PATHS;
const empty = z.strictObject({});

export function notificationRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'POST',
      url: P.base,
      summary: 'Send a notification to accounts',
      description:
        'Renders the template in each recipient’s locale and delivers it in-app at once, by e-mail and webhook ' +
        'through background jobs (preferences, quiet hours and the contact policy apply).',
      tags,
      body: s.sendInput,
      response: {
        status: 202,
        description: 'The notification and its deliveries by channel and status',
        schema: s.sendView,
      },
      errors,
    },
    ({ body, request }) =>
      requestWork(request, async (work) => {
        await work.authorize(notifications, 'write');
        return notify(work, body);
      }),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${P.base}/:notificationId/deliveries`,
      summary: 'Delivery status of a notification, per recipient and channel',
      tags,
      params: s.notificationParams,
      response: { status: 200, description: 'The deliveries', schema: s.deliveriesView },
    },
    ({ params, request }) => requestWork(request, (work) => deliveries(work, params.notificationId)),
  );

  route(
    app,
    {
      method: 'GET',
      url: P.templates,
      summary: 'Notification templates',
      tags,
      query: s.templateQuery,
      response: { status: 200, description: 'Templates by name, locale, channel', schema: s.templateList },
    },
    ({ query, request }) => requestWork(request, (work) => listTemplates(work, query)),
  );
  route(
    app,
    {
      method: 'POST',
      url: P.templates,
      summary: 'Add a notification template (one name, locale and channel)',
      description:
        'Subject and body are Mustache without unescaped output, partials or delimiter changes; a template that ' +
        'does not compile is refused with 400 naming the field.',
      tags,
      body: s.templateInput,
      response: { status: 201, description: 'The template', schema: s.templateView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => createTemplate(work, body)),
  );
  route(
    app,
    {
      method: 'PATCH',
      url: `${P.templates}/:templateId`,
      summary: 'Change a notification template (a new version)',
      tags,
      params: s.templateParams,
      body: s.templatePatch,
      response: { status: 200, description: 'The template', schema: s.templateView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => updateTemplate(work, params.templateId, body)),
  );

  route(
    app,
    {
      method: 'GET',
      url: P.settings,
      summary: 'The tenant’s notification settings',
      tags,
      response: { status: 200, description: 'Settings', schema: s.settingsView },
    },
    ({ request }) => requestWork(request, (work) => getSettings(work)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: P.settings,
      summary: 'Change the time zone, default locale, quiet hours or sender address',
      tags,
      body: s.settingsInput,
      response: { status: 200, description: 'Settings', schema: s.settingsView },
    },
    ({ body, request }) => requestWork(request, (work) => updateSettings(work, body)),
  );

  route(
    app,
    {
      method: 'GET',
      url: P.webhooks,
      summary: 'Webhook subscriptions',
      tags,
      response: { status: 200, description: 'Subscriptions (never their secrets)', schema: s.webhookList },
    },
    ({ request }) => requestWork(request, (work) => listWebhooks(work)),
  );
  route(
    app,
    {
      method: 'POST',
      url: P.webhooks,
      summary: 'Subscribe a URL to signed webhooks',
      description: 'The answer carries the HMAC-SHA256 signing secret, once.',
      tags,
      body: s.webhookInput,
      response: { status: 201, description: 'The subscription and its signing secret', schema: s.webhookView },
    },
    ({ body, request }) => requestWork(request, (work) => createWebhook(work, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${P.webhooks}/:webhookId/deactivate`,
      summary: 'Stop a webhook subscription',
      tags,
      params: s.webhookParams,
      response: { status: 200, description: 'The subscription', schema: s.webhookView },
    },
    ({ params, request }) => requestWork(request, (work) => deactivateWebhook(work, params.webhookId)),
  );

  route(
    app,
    {
      method: 'GET',
      url: P.inbox,
      summary: 'My in-app notifications and unread count',
      tags,
      query: s.inboxQuery,
      response: { status: 200, description: 'Newest first', schema: s.inboxView },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => inbox(work, query)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${P.inbox}/:itemId/read`,
      summary: 'Mark one in-app notification read',
      tags,
      params: s.inboxItemParams,
      body: empty.optional(),
      response: { status: 200, description: 'How many were marked, and the unread count', schema: s.markedView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => markRead(work, params.itemId)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${P.inbox}/read-all`,
      summary: 'Mark every in-app notification read',
      tags,
      body: empty.optional(),
      response: { status: 200, description: 'How many were marked, and the unread count', schema: s.markedView },
      errors,
    },
    ({ request }) => requestWork(request, (work) => markRead(work)),
  );
  route(
    app,
    {
      method: 'GET',
      url: P.preferences,
      summary: 'My notification preferences',
      tags,
      response: { status: 200, description: 'Locale, quiet hours, opt-outs', schema: s.preferencesView },
      errors,
    },
    ({ request }) => requestWork(request, (work) => getPreferences(work)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: P.preferences,
      summary: 'Change my locale, quiet hours or opt-outs (per channel and category)',
      tags,
      body: s.preferencesInput,
      response: { status: 200, description: 'Locale, quiet hours, opt-outs', schema: s.preferencesView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => updatePreferences(work, body)),
  );
}
