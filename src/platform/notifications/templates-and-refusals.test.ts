/**
 * What a notification may not be (unknown recipients, a missing template variable, an unknown
 * template: refused, nothing changed) and the administrators' template editing (compiled and checked
 * for unescaped output, refused naming the field).
 */
import { describe, expect, it } from 'vitest';
import {
  absence,
  admin,
  asAccount,
  h,
  ids,
  send,
  useNotificationWorld,
} from '../../../test/support/notification-world.js';

useNotificationWorld();

describe('refusals', () => {
  it('refuses unknown recipients, a missing template variable and an unknown template, changing nothing', async () => {
    const before = await h.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.notifications`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(send(absence([ids.teacher!, unknown]))).rejects.toMatchObject({
      status: 400,
      extras: { validationErrors: { 'recipients[1]': ['is not an account of this tenant'] } },
    });
    await expect(send({ ...absence([ids.teacher!]), data: { school: 'x', date: 'y' } })).rejects.toMatchObject({
      status: 400,
      extras: { validationErrors: { 'data.student': ["is used by template 'attendance.absence'"] } },
    });
    await expect(send({ ...absence([ids.teacher!]), template: 'no.such' })).rejects.toMatchObject({
      status: 404,
      code: 'template_not_found',
    });
    const after = await h.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.notifications`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('templates (administrators)', () => {
  it('adds and changes templates; one that does not compile or is unsafe is refused naming the field', async () => {
    const url = '/api/v1/notifications/templates';
    const body = {
      name: 'library.overdue',
      locale: 'es',
      category: 'academic',
      subject: 'Préstamo vencido: {{title}}',
      body: 'Hola {{recipient.name}}, devuelva {{title}}.',
    };
    const created = await h.inject(admin(), { method: 'POST', url, body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ channel: 'all', version: 1, variables: ['recipient', 'title'] });

    const broken = await h.inject(admin(), { method: 'POST', url, body: { ...body, locale: 'en', body: '{{#open}}' } });
    expect(broken.statusCode).toBe(400);
    expect(Object.keys(broken.json().validationErrors)).toEqual(['body']);
    const unsafe = await h.inject(admin(), {
      method: 'PATCH',
      url: `${url}/${created.json().id}`,
      body: { subject: '{{{title}}}' },
    });
    expect(unsafe.statusCode).toBe(400);
    expect(unsafe.json().validationErrors).toEqual({
      subject: ['unescaped output ({{{title}}} or {{& title}}) is not allowed'],
    });
    const changed = await h.inject(admin(), {
      method: 'PATCH',
      url: `${url}/${created.json().id}`,
      body: { subject: 'Vencido: {{title}}' },
    });
    expect(changed.json()).toMatchObject({ subject: 'Vencido: {{title}}', version: 2 });
    const forbidden = await h.inject(asAccount('teacher'), { method: 'POST', url, body: { ...body, locale: 'en' } });
    expect(forbidden.statusCode).toBe(403);
  });
});
