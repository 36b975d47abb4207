/**
 * The language school's front office in Chromium against a real server with the demo: the secretary
 * creates a lead (the form's own validation first), books it a trial class and converts it; reads what
 * cancelling a class would do and reschedules a session from the week calendar; the owner lands on the
 * overview with its figures and charts.
 * axe-core on every step (no serious violation); screenshots under .tmp/screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSuite, checkpoint, idleCheckpoint, menuItems, openFromMenu, WIDE as DESKTOP } from '../support/browser.js';
import { farFutureDay } from '../support/calendar.js';

const LEAD = `Office Test ${Date.now().toString(36)}`;

const suite = demoSuite('language-school', { jobs: false });
const { signIn } = suite;

/** Picks the first option of a Mantine select, by its label. */
async function pickFirst(page: Page, label: string): Promise<void> {
  // The label alone, or followed by Mantine's required asterisk.
  await page
    .getByRole('dialog')
    .getByLabel(new RegExp(`^${label}\\s*\\*?$`))
    .click();
  // Mantine's dropdown (not the shell's native language <select>, whose options are hidden).
  const option = page.locator('[role="listbox"] [role="option"]:visible').first();
  await option.waitFor();
  await option.click();
}

async function openLead(page: Page): Promise<void> {
  await page.getByRole('button', { name: `Open lead ${LEAD}` }).click();
  await page.getByRole('dialog').waitFor();
}

const status = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByRole('status').first().textContent()).toMatch(text);

describe('language-school front office in the browser', () => {
  it('the secretary creates a lead, books its trial class and converts it', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'secretary');
    await openFromMenu(page, 'Leads (CRM)', 'Lead board');
    await page.getByRole('button', { name: 'New lead' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: false }).first().fill(LEAD);
    await dialog.getByLabel('E-mail').fill('not-an-address');
    await dialog.getByRole('button', { name: 'Create lead' }).click();
    await expect.poll(() => dialog.getByText('must be an e-mail address').count()).toBe(1);
    await checkpoint(page, 'language-office-new-lead-invalid');
    await dialog.getByLabel('E-mail').fill('office.test@example.test');
    await dialog.getByLabel('Interest').fill('English B1');
    await dialog.getByRole('button', { name: 'Create lead' }).click();
    await status(page, `Lead ${LEAD} created.`);
    await expect.poll(() => page.locator(`[data-column=new] [data-lead="${LEAD}"]`).count()).toBe(1);

    await openLead(page);
    await pickFirst(page, 'Class with free seats');
    await pickFirst(page, 'Session');
    await checkpoint(page, 'language-office-book-trial');
    await page.getByRole('dialog').getByRole('button', { name: 'Book trial class' }).last().click();
    await status(page, `Trial class booked for ${LEAD}`);
    await expect.poll(() => page.locator(`[data-column=trial_scheduled] [data-lead="${LEAD}"]`).count()).toBe(1);

    await openLead(page);
    await page.getByRole('tab', { name: 'Convert' }).click();
    await pickFirst(page, 'Class');
    await checkpoint(page, 'language-office-convert');
    await page.getByRole('dialog').getByRole('button', { name: 'Convert' }).last().click();
    await status(page, `${LEAD} is now a student`);
    await expect.poll(() => page.locator(`[data-column=enrolled] [data-lead="${LEAD}"]`).count()).toBe(1);
    // The board behind the lead's dialog is the page to check: close the dialog and let it fade out (axe reads a
    // fading dialog's half-transparent text as low contrast).
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await idleCheckpoint(page, 'language-office-converted');
    await context.close();
  }, 240_000);

  it('the secretary transfers an enrolment to another class of the course; a full class is refused', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'secretary');
    await openFromMenu(page, 'Enrollments', 'Enrollments');
    const button = page.getByRole('button', { name: /^Transfer / }).first();
    const student = (await button.getAttribute('aria-label'))!.replace(/^Transfer /, '');
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Class to move to').click();
    const option = page.locator('[role="listbox"] [role="option"]:visible').first();
    const target = (await option.textContent())!.split(' · ')[0]!;
    await option.click();
    // Meanwhile its last seat goes: the server counts the seats under a lock and refuses, in words.
    const seats = (max: string) =>
      suite.world.database.query(`UPDATE school_ops.classes c SET max_students = ${max} WHERE c.name = $1`, [target]);
    await seats(
      `(SELECT count(*) FROM school_ops.enrollments e
         WHERE e.tenant_id = c.tenant_id AND e.class_id = c.id AND e.status = 'active')`,
    );
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toMatch('That class has no free seat left: choose another one.');
    await checkpoint(page, 'language-office-transfer-refused');
    await seats('12');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await status(page, `${student} moved to ${target}.`);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await idleCheckpoint(page, 'language-office-transferred');
    await context.close();
  }, 180_000);

  it('the secretary reschedules a session from the week calendar', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'secretary');
    await openFromMenu(page, 'Class schedule', 'Class schedule');
    // The calendar opens on this week (the demo term follows today); next week's sessions are all to come.
    for (let week = 0; week < 1; week++) {
      const range = await page.getByTestId('week-range').textContent();
      await page.getByRole('button', { name: 'Next week' }).click();
      await expect.poll(() => page.getByTestId('week-range').textContent()).not.toBe(range);
    }
    const session = page.locator('[data-session]').first();
    await session.waitFor();
    await session.click();
    const dialog = page.getByRole('dialog');
    // Before anyone cancels the class, the dialog says what a cancellation would do.
    await expect
      .poll(() => dialog.locator('[data-cancel-preview]').textContent(), { timeout: 30_000 })
      .toMatch(
        /^Cancelling it cancels \d+ sessions, ends [1-9]\d* enrolments, cancels \d+ invoices and credits families/,
      );
    // Years ahead, never past (a session is not moved into the past): 2 June, five years from now.
    await dialog.getByLabel('Date').fill(farFutureDay(141));
    await dialog.getByLabel('Start').fill('07:00');
    await dialog.getByLabel('End').fill('08:00');
    await checkpoint(page, 'language-office-session-detail');
    await dialog.getByRole('button', { name: 'Reschedule' }).click();
    await status(page, /Session moved to .*07:00–08:00/);
    // The calendar behind the session's dialog is the page to check: close the dialog and let it fade out.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await idleCheckpoint(page, 'language-office-rescheduled');
    await context.close();
  }, 180_000);

  it('the owner lands on the overview with the month’s figures and charts', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const page = await signIn(context, 'owner');
    expect(new URL(page.url()).pathname).toBe('/ls/overview');
    expect((await menuItems(page)).slice(0, 2)).toEqual(['Visão geral', 'Secretaria']);
    for (const id of ['cash-in', 'cash-out', 'overdue']) {
      await expect.poll(() => page.getByTestId(id).textContent()).toMatch(/R\$/);
    }
    // The lead the secretary created and converted this month.
    await expect.poll(() => page.getByTestId('new-leads').textContent()).toMatch(/^[1-9]/);
    await expect.poll(() => page.getByTestId('conversion').textContent()).toMatch(/%/);
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await idleCheckpoint(page, 'language-office-owner-overview');
    await context.close();
  }, 180_000);
});
