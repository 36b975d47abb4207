/**
 * The language school's screens in Chromium (headless, playwright-core) against a real server with
 * the demo: the secretary's enrolments and week calendar (pt-BR), the sales lead board — a lead
 * dragged forward moves, a lead dragged backward stays and the API's refusal is shown — and the
 * teacher's classes and attendance. axe-core on every page; screenshots under .tmp/screenshots.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserWorld,
  type BrowserWorld,
  idleCheckpoint as checkpoint,
  LANGUAGE_SCHOOL,
  languageSchoolEmail,
  menuItems,
  openFromMenu,
  openLink,
  signIn as signInAs,
  TABLET,
} from '../support/browser.js';

const DESKTOP = { width: 1440, height: 900 };

let world: BrowserWorld;

const signIn = (context: BrowserContext, who: string) =>
  signInAs(world, context, LANGUAGE_SCHOOL, languageSchoolEmail(who));

/** Drags with the mouse, in steps (the board's pointer sensor starts after 5 px). */
async function drag(page: Page, card: Locator, column: Locator): Promise<void> {
  const from = (await card.boundingBox())!;
  const to = (await column.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 12 });
  await page.mouse.up();
}

beforeAll(async () => {
  world = await browserWorld({ jobs: false });
}, 300_000);
afterAll(() => world?.close());

describe('language school in the browser', () => {
  it('the secretary sees the enrolments and the week calendar of the term (pt-BR)', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const page = await signIn(context, 'secretary');
    expect(await menuItems(page)).toEqual(['Secretaria', 'Matrículas', 'Grade de horários', 'Leads (CRM)', 'Faturas']);
    await openFromMenu(page, 'Matrículas', 'Matrículas');
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBeGreaterThan(3);
    await checkpoint(page, 'language-secretary-enrollments');
    await openFromMenu(page, 'Grade de horários', 'Grade de horários');
    // The demo term follows today: the calendar opens on this week, with its classes.
    await expect.poll(() => page.getByTestId('week-range').textContent()).toMatch(/\d{4}/);
    await expect.poll(() => page.getByText(/09:00–10:30/).count()).toBeGreaterThan(0);
    await checkpoint(page, 'language-secretary-schedule');
    const thisWeek = await page.getByTestId('week-range').textContent();
    await page.getByRole('button', { name: 'Próxima semana' }).click();
    await expect.poll(() => page.getByTestId('week-range').textContent()).not.toBe(thisWeek);
    await expect.poll(() => page.getByText(/09:00–10:30/).count()).toBeGreaterThan(0);
    await context.close();
  }, 180_000);

  it('sales drag a lead forward; a backward drag is refused with the API problem', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'sales');
    await openFromMenu(page, 'Leads (CRM)', 'Lead board');
    const column = (status: string) => page.locator(`[data-column=${status}]`);
    const firstNew = column('new').locator('[data-lead]').first();
    await firstNew.waitFor();
    const name = (await firstNew.getAttribute('data-lead'))!;
    await checkpoint(page, 'language-sales-lead-board');
    await drag(page, firstNew, column('contacted'));
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'moved' }).textContent())
      .toContain(`${name} moved to Contacted`);
    await expect.poll(() => column('contacted').locator(`[data-lead="${name}"]`).count()).toBe(1);
    // backward: qualified → new is refused, the card stays
    const qualified = column('qualified').locator('[data-lead]').first();
    const back = (await qualified.getAttribute('data-lead'))!;
    await drag(page, qualified, column('new'));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/only forward/);
    expect(await column('qualified').locator(`[data-lead="${back}"]`).count()).toBe(1);
    await checkpoint(page, 'language-sales-refused-move');
    await context.close();
  }, 180_000);

  it('the teacher opens their classes and takes a session’s attendance', async () => {
    const context = await world.newContext({ viewport: TABLET, locale: 'en' });
    const page = await signIn(context, 'teacher');
    expect(new URL(page.url()).pathname).toBe('/ls/classes');
    expect(await menuItems(page)).toEqual(['My classes']);
    await expect.poll(() => page.getByText(/seats/).count()).toBeGreaterThan(0);
    await checkpoint(page, 'language-teacher-classes');
    // The page's title names the class once the session has loaded: then its rows are the session's.
    await openLink(page, page.getByRole('link', { name: 'Take attendance' }).first(), /^Attendance · /);
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await page.getByRole('radiogroup').first().getByText('Late').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Attendance saved.');
    await checkpoint(page, 'language-teacher-attendance');
    await context.close();
  }, 180_000);
});
