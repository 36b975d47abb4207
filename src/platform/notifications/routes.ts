/** The notification endpoints: thin routes over manage.ts, inbox.ts and notify.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../service/routes.js';
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
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'POST',
    url: P.base,
    summary: 'Send a notification to accounts',
    description:
      'Renders the template in each recipient’s locale and delivers it in-app at once, by e-mail and webhook ' +
      'through background jobs (preferences, quiet hours and the contact policy apply).',
    body: s.sendInput,
    response: {
      status: 202,
      description: 'The notification and its deliveries by channel and status',
      schema: s.sendView,
    },
    run: async (work, { body }) => {
      await work.authorize(notifications, 'write');
      return notify(work, body);
    },
  });
  serve({
    method: 'GET',
    url: `${P.base}/:notificationId/deliveries`,
    summary: 'Delivery status of a notification, per recipient and channel',
    params: s.notificationParams,
    response: { status: 200, description: 'The deliveries', schema: s.deliveriesView },
    errors: [],
    run: (work, { params }) => deliveries(work, params.notificationId),
  });

  serve({
    method: 'GET',
    url: P.templates,
    summary: 'Notification templates',
    query: s.templateQuery,
    response: { status: 200, description: 'Templates by name, locale, channel', schema: s.templateList },
    errors: [],
    run: (work, { query }) => listTemplates(work, query),
  });
  serve({
    method: 'POST',
    url: P.templates,
    summary: 'Add a notification template (one name, locale and channel)',
    description:
      'Subject and body are Mustache without unescaped output, partials or delimiter changes; a template that ' +
      'does not compile is refused with 400 naming the field.',
    body: s.templateInput,
    response: { status: 201, description: 'The template', schema: s.templateView },
    run: (work, { body }) => createTemplate(work, body),
  });
  serve({
    method: 'PATCH',
    url: `${P.templates}/:templateId`,
    summary: 'Change a notification template (a new version)',
    params: s.templateParams,
    body: s.templatePatch,
    response: { status: 200, description: 'The template', schema: s.templateView },
    run: (work, { params, body }) => updateTemplate(work, params.templateId, body),
  });

  serve({
    method: 'GET',
    url: P.settings,
    summary: 'The tenant’s notification settings',
    response: { status: 200, description: 'Settings', schema: s.settingsView },
    errors: [],
    run: (work) => getSettings(work),
  });
  serve({
    method: 'PUT',
    url: P.settings,
    summary: 'Change the time zone, default locale, quiet hours or sender address',
    body: s.settingsInput,
    response: { status: 200, description: 'Settings', schema: s.settingsView },
    errors: [],
    run: (work, { body }) => updateSettings(work, body),
  });

  serve({
    method: 'GET',
    url: P.webhooks,
    summary: 'Webhook subscriptions',
    response: { status: 200, description: 'Subscriptions (never their secrets)', schema: s.webhookList },
    errors: [],
    run: (work) => listWebhooks(work),
  });
  serve({
    method: 'POST',
    url: P.webhooks,
    summary: 'Subscribe a URL to signed webhooks',
    description: 'The answer carries the HMAC-SHA256 signing secret, once.',
    body: s.webhookInput,
    response: { status: 201, description: 'The subscription and its signing secret', schema: s.webhookView },
    errors: [],
    run: (work, { body }) => createWebhook(work, body),
  });
  serve({
    method: 'POST',
    url: `${P.webhooks}/:webhookId/deactivate`,
    summary: 'Stop a webhook subscription',
    params: s.webhookParams,
    response: { status: 200, description: 'The subscription', schema: s.webhookView },
    errors: [],
    run: (work, { params }) => deactivateWebhook(work, params.webhookId),
  });

  serve({
    method: 'GET',
    url: P.inbox,
    summary: 'My in-app notifications and unread count',
    query: s.inboxQuery,
    response: { status: 200, description: 'Newest first', schema: s.inboxView },
    run: (work, { query }) => inbox(work, query),
  });
  serve({
    method: 'POST',
    url: `${P.inbox}/:itemId/read`,
    summary: 'Mark one in-app notification read',
    params: s.inboxItemParams,
    body: empty.optional(),
    response: { status: 200, description: 'How many were marked, and the unread count', schema: s.markedView },
    run: (work, { params }) => markRead(work, params.itemId),
  });
  serve({
    method: 'POST',
    url: `${P.inbox}/read-all`,
    summary: 'Mark every in-app notification read',
    body: empty.optional(),
    response: { status: 200, description: 'How many were marked, and the unread count', schema: s.markedView },
    run: (work) => markRead(work),
  });
  serve({
    method: 'GET',
    url: P.preferences,
    summary: 'My notification preferences',
    response: { status: 200, description: 'Locale, quiet hours, opt-outs', schema: s.preferencesView },
    run: (work) => getPreferences(work),
  });
  serve({
    method: 'PUT',
    url: P.preferences,
    summary: 'Change my locale, quiet hours or opt-outs (per channel and category)',
    body: s.preferencesInput,
    response: { status: 200, description: 'Locale, quiet hours, opt-outs', schema: s.preferencesView },
    run: (work, { body }) => updatePreferences(work, body),
  });
}
