/**
 * The notification bell in Chromium (headless, playwright-core) against a real server with the demo:
 * a notification sent to the signed-in teacher raises the bell's unread count without a reload (the
 * account's realtime channel, not the fallback poll), and the item is in the panel. axe-core and a
 * screenshot of the open panel under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { demoSuite, checkpoint, demoEmail, DESKTOP, DISTRICT } from '../support/browser.js';

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;

/** Sends an in-app notification to `email`'s account, as the demo district administrator (the API). */
async function notifyAccount(email: string, date: string): Promise<void> {
  const signedIn = await suite.world.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { tenant: DISTRICT, email: demoEmail('admin'), password: DEMO_PASSWORD },
  });
  const [account] = await suite.world.database.query<{ id: string }>(
    'SELECT id FROM identity.accounts WHERE email = $1',
    [email],
  );
  const sent = await suite.world.app.inject({
    method: 'POST',
    url: '/api/v1/notifications',
    headers: { authorization: `Bearer ${signedIn.json().sessionToken}` },
    payload: {
      recipients: [account!.id],
      template: 'attendance.absence',
      data: { student: { firstName: 'Ana', lastSurname: 'Lima' }, school: 'Demo Elementary', date },
      channels: ['in_app'],
    },
  });
  expect(sent.statusCode, sent.body).toBe(202);
}

describe('the notification bell', () => {
  it('counts a new notification at once, without a reload', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'teacher');
    const bell = page.getByRole('button', { name: /^Notifications \(\d+ unread\)$/ });
    await bell.waitFor();
    const unread = async () => Number(/\((\d+) unread\)/.exec((await bell.getAttribute('aria-label')) ?? '')![1]);
    // The socket is up once its subscription is answered; give it a moment before sending.
    await page.waitForTimeout(1000);
    const before = await unread();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));

    await notifyAccount(demoEmail('teacher'), '2026-12-02');
    // Well within the fallback poll (minutes): the realtime event made the bell refetch.
    await expect.poll(unread, { timeout: 5000 }).toBe(before + 1);
    expect(navigations).toEqual([]);

    await bell.click();
    await expect.poll(() => page.getByTestId('notification-list').textContent()).toContain('was absent on 2026-12-02');
    await checkpoint(page, 'notifications-bell');
    await context.close();
  });
});
