/**
 * The live classroom in a browser (issue 16): the demo teacher opens their live sessions on a tablet,
 * opens the demo session that is ready to start and reads its access code; a student, in a second
 * browser profile on a phone, joins by that code (without an account) and waits; the teacher sees the
 * participant appear live (groups and feed, no reload), starts, pauses and ends the session with the
 * student's screen following each change; the ended session shows its analytics. Bad input is shown
 * next to its field, a wrong code in words. The shell's notification bell (issue 14): the teacher's
 * unread count, the list, marking read. Every page passes axe-core; screenshots in .tmp/screenshots.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoSuite, checkpoint, CHROMIUM, openFromMenu, PHONE, strictPage, TABLET } from '../support/browser.js';

const suite = demoSuite('district');
const { signIn } = suite;

describe.runIf(fs.existsSync(CHROMIUM))('live classroom sessions in a browser', () => {
  it('a student joins by code in a second browser; the teacher sees them live and runs the session', async () => {
    const teacherContext = await suite.world.newContext({ viewport: TABLET });
    const teacher = await signIn(teacherContext, 'teacher');
    await openFromMenu(teacher, 'Live sessions', 'Live sessions');
    const cards = teacher.getByTestId('live-session-card');
    await cards.first().waitFor();
    // Open sessions come first: the demo's one ready to start, then the ended one.
    expect(await cards.first().textContent()).toContain('Not started');
    expect(await cards.filter({ hasText: 'Ended' }).count()).toBeGreaterThan(0);
    await checkpoint(teacher, 'live-sessions');

    await cards.first().click();
    await teacher.waitForURL('**/live/*');
    await expect.poll(() => teacher.getByTestId('live-connection').getAttribute('data-state')).toBe('open');
    const code = (await teacher.getByTestId('access-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{6}$/);
    expect(await teacher.getByTestId('live-group').count()).toBeGreaterThan(1);
    await checkpoint(teacher, 'live-teacher-ready');

    // The student: no account, a phone, a second browser profile.
    const studentContext = await suite.world.newContext({ viewport: PHONE });
    const student = await strictPage(studentContext);
    await student.goto(`${suite.world.url}/join`);
    await student.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => student.getByText('Access code must be 6 characters').count()).toBe(1);
    await checkpoint(student, 'live-join');
    await student.getByLabel('Access code').fill('ZZZZZZ');
    await student.getByLabel('Your name').fill('Visiting Student');
    await student.getByLabel('Birth date').fill('2010-03-04');
    await student.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => student.getByRole('alert').textContent()).toMatch(/\S/);
    await student.getByLabel('Access code').fill(code.toLowerCase());
    await student.getByRole('button', { name: 'Join' }).click();
    const state = student.getByTestId('student-state');
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toContain('Wait for your teacher');
    await expect.poll(() => student.getByTestId('live-connection').getAttribute('data-state')).toBe('open');
    expect(await student.getByTestId('student-members').textContent()).toContain('Visiting Student (you)');
    await checkpoint(student, 'live-student-waiting');

    // The teacher's page shows the participant without a reload: in a group, and in the feed.
    await expect
      .poll(() => teacher.getByTestId('live-participant').allTextContents(), { timeout: 10_000 })
      .toContain('Visiting Student');
    await expect.poll(() => teacher.getByTestId('live-feed').textContent()).toContain('Visiting Student joined');
    await checkpoint(teacher, 'live-teacher-joined');

    await teacher.getByRole('button', { name: 'Start the session' }).click();
    await expect.poll(() => teacher.getByTestId('session-status').textContent()).toBe('Active');
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toContain('The discussion is on');
    await checkpoint(student, 'live-student-active');

    await teacher.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toContain('paused');
    await teacher.getByLabel('Why it ends').selectOption('early_completion');
    await teacher.getByRole('button', { name: 'End the session' }).click();
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toContain('has ended');
    await expect.poll(() => teacher.getByTestId('session-status').textContent()).toBe('Ended');
    await expect.poll(() => teacher.getByTestId('live-feed').textContent()).toContain('The session is now Ended');
    await teacher.getByTestId('engagement-score').waitFor();
    await checkpoint(teacher, 'live-teacher-ended');
    await checkpoint(student, 'live-student-ended');
    await studentContext.close();
    await teacherContext.close();
  }, 240_000);

  it("the notification bell: the teacher's unread count, the list, mark all read", async () => {
    const context = await suite.world.newContext({ viewport: TABLET });
    const page = await signIn(context, 'teacher');
    const bell = page.getByRole('button', { name: /^Notifications \(\d+ unread\)$/ });
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications (1 unread)');
    await bell.click();
    const list = page.getByTestId('notification-list');
    await expect.poll(() => list.textContent()).toMatch(/dismissal drill/i);
    await checkpoint(page, 'notification-bell');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications (0 unread)');
    await context.close();
  }, 120_000);
});
