/**
 * K-12 attendance in Chromium (headless, playwright-core) against a real server with the demo: the
 * teacher takes a section's attendance on a tablet, by keyboard, with two exceptions (they persist
 * after a reload; saving again replaces; a non-school day is announced before anything is filled in);
 * the counselor sees the chronically absent students and the rates by grade and section; a parent opens
 * a child's attendance on a phone, and the student their own. axe-core on every page; screenshots under
 * .tmp/screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentSchoolYear } from '../../src/demo/seed.js';
import {
  demoSuite,
  DESKTOP,
  gotoPage,
  idleCheckpoint as checkpoint,
  menuItems,
  openLink,
  PHONE,
  TABLET,
} from '../support/browser.js';

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;
// A loaded machine (six engineers, two cores) may take seconds to draw a page: poll for long enough.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
// The demo district's attendance weeks (k12-daily.ts) lie in the first weeks of its school year, which starts
// on 17 August (k12.ts) of the year before currentSchoolYear(): it follows today, so the dates below do too.
const START = currentSchoolYear() - 1;
const DEMO_RANGE = `from=${START}-08-17&to=${START}-10-30`;
// The first Saturday of that November: no school day.
const SATURDAY = (() => {
  const day = new Date(Date.UTC(START, 10, 1));
  day.setUTCDate(1 + ((6 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
})();

describe('the teacher takes attendance', () => {
  it('marks two exceptions by keyboard on a tablet, saves once, and finds them after a reload', async () => {
    const context = await suite.world.newContext({ viewport: TABLET, locale: 'en' });
    const page = await signIn(context, 'teacher');
    await openLink(page, page.locator('a[href^="/sections/"]').first(), /Roster$/);
    await openLink(page, page.getByRole('link', { name: 'Attendance' }), /Attendance$/);
    const table = page.getByRole('table', { name: 'Attendance' });
    const rows = table.locator('tbody tr');
    await poll(() => rows.count()).toBeGreaterThan(2);
    // The latest school day is open, everyone present by default.
    const date = await page.getByLabel('Date', { exact: true }).inputValue();
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByRole('navigation', { name: 'Recent school days' }).getByRole('link').count()).toBe(5);
    expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-mark'))))).toEqual(
      new Set(['present']),
    );
    expect(await overflows(page)).toBe(false);
    await checkpoint(page, 'k12-attendance-teacher');

    const [first, second] = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-student')))) as [
      string,
      string,
    ];
    const mark = (name: string) => page.getByLabel(`Attendance of ${name}`, { exact: true });
    const reason = (name: string) => page.getByLabel(`Reason for ${name}`, { exact: true });
    // By keyboard: focus a student's mark, choose with the arrow keys, Tab to the reason and type it.
    await mark(first).focus();
    await mark(first).selectOption('absent');
    await page.keyboard.press('Tab');
    expect(await reason(first).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Illness');
    await mark(second).focus();
    await mark(second).selectOption('tardy');
    await page.getByRole('button', { name: 'Save attendance' }).focus();
    await page.keyboard.press('Enter');
    const status = page.getByRole('status').filter({ hasText: /Attendance/ });
    await poll(() => status.textContent()).toMatch(/^Attendance saved for .+: \d+ present, 2 not present\.$/);
    await checkpoint(page, 'k12-attendance-teacher-saved');

    await page.reload();
    await poll(() => mark(first).inputValue()).toBe('absent');
    expect(await reason(first).inputValue()).toBe('Illness');
    expect(await mark(second).inputValue()).toBe('tardy');
    expect(await page.getByText(/^Attendance taken for .+ not present\)\. Saving again replaces it\.$/).count()).toBe(
      1,
    );
    const current = page.getByRole('navigation', { name: 'Recent school days' }).locator('[aria-current="date"]');
    expect(await current.textContent()).toContain('taken');

    // Re-submitting replaces the day's marks; until then the change is flagged as unsaved.
    await mark(second).selectOption('present');
    await page.locator('[data-unsaved]').waitFor();
    await checkpoint(page, 'k12-attendance-teacher-unsaved');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await poll(() => status.textContent()).toMatch(/^Attendance for .+ replaced: \d+ present, 1 not present\.$/);
    await page.reload();
    await poll(() => mark(first).inputValue()).toBe('absent');
    expect(await mark(second).inputValue()).toBe('present');

    // Each recent day has its own URL.
    await page.getByRole('navigation', { name: 'Recent school days' }).getByRole('link').nth(1).click();
    await page.waitForURL(/\/attendance\/\d{4}-\d{2}-\d{2}$/);
    const other = new URL(page.url()).pathname.split('/').at(-1)!;
    await poll(() => page.getByLabel('Date', { exact: true }).inputValue()).toBe(other);
    expect(other < date).toBe(true);

    // A Saturday is no school day: the page says so before anything is filled in (the server refuses it too).
    await page.goto(`${suite.world.url}${new URL(page.url()).pathname.replace(other, SATURDAY)}`);
    const offDay = page.locator('[data-off-day]');
    await poll(() => offDay.textContent()).toMatch(/^Not a school day.+is not on the school calendar: attendance is/);
    expect(await rows.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save attendance' }).count()).toBe(0);
    await checkpoint(page, 'k12-attendance-teacher-off-day');
    await context.close();
  }, 240_000);
});

describe('the counselor sees chronic absence', () => {
  it('lists the chronically absent students with their trend, and the rates by grade and section', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'counselor');
    expect(new URL(page.url()).pathname).toBe('/attendance/chronic');
    expect(await menuItems(page)).toEqual(['Chronic absence', 'Attendance rates', 'People']);
    await gotoPage(page, `${suite.world.url}/attendance/chronic?${DEMO_RANGE}`, 'Chronic absence');
    expect(await page.getByLabel('From').inputValue()).toBe(`${START}-08-17`);
    const rows = page.getByRole('table', { name: 'Chronic absence' }).locator('tbody tr');
    await poll(() => rows.count()).toBeGreaterThan(0);
    for (const percent of await page.locator('[data-percent]').allTextContents())
      expect(Number.parseFloat(percent)).toBeGreaterThanOrEqual(10);
    expect(
      await rows
        .first()
        .getByRole('img', { name: new RegExp(`^Days missed by month: ${START}-08`) })
        .count(),
    ).toBe(1);
    await checkpoint(page, 'k12-attendance-chronic');

    // The range is in the URL: a narrower one is another list.
    await page.getByLabel('To').fill(`${START}-08-31`);
    await page.waitForURL(new RegExp(`to=${START}-08-31`));
    await page.reload();
    expect(await page.getByLabel('To').inputValue()).toBe(`${START}-08-31`);

    await gotoPage(page, `${suite.world.url}/attendance/chronic?${DEMO_RANGE}`, 'Chronic absence');
    const student = rows.first().getByRole('link');
    await student.click();
    await page.waitForURL(/\/students\/\d+$/);
    await openLink(page, page.getByRole('link', { name: /^Attendance of / }), /^Attendance of /);
    await page.locator('[data-rate]').waitFor();

    await gotoPage(page, `${suite.world.url}/attendance/rates?${DEMO_RANGE}`, 'Attendance rates');
    // Three rate queries over the school's student-days: allow a loaded machine its time.
    await page.locator('[data-school-rate]').waitFor({ timeout: 90_000 });
    await poll(() => page.getByRole('table', { name: 'By grade' }).locator('tbody tr').count()).toBeGreaterThan(0);
    await poll(() => page.getByRole('table', { name: 'By section' }).locator('tbody tr').count()).toBeGreaterThan(0);
    await checkpoint(page, 'k12-attendance-rates');
    await context.close();
  }, 300_000);
});

describe('families see attendance on a phone', () => {
  it('the parent opens a child’s attendance from their children', async () => {
    const context = await suite.world.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en' });
    const page = await signIn(context, 'parent');
    expect(new URL(page.url()).pathname).toBe('/children');
    await openLink(page, page.getByRole('link', { name: /^Attendance of / }).first(), /^Attendance of /);
    await poll(() => page.locator('[data-rate]').textContent()).toMatch(/%/);
    expect(await overflows(page)).toBe(false);
    await checkpoint(page, 'k12-attendance-parent');
    await context.close();
  }, 180_000);

  it('the student opens their own attendance from their menu', async () => {
    const desktop = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const menuPage = await signIn(desktop, 'student');
    expect(await menuItems(menuPage)).toEqual(['My classes', 'My grades', 'My attendance']);
    await desktop.close();

    const context = await suite.world.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'en' });
    const page = await signIn(context, 'student');
    await gotoPage(page, `${suite.world.url}/my-attendance`, 'My attendance');
    await poll(() => page.locator('[data-rate]').textContent()).toMatch(/%/);
    expect(await overflows(page)).toBe(false);
    await checkpoint(page, 'k12-attendance-student');
    await context.close();
  }, 180_000);
});
