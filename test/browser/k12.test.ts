/**
 * The K-12 grade screens in Chromium (headless, playwright-core) against a real server with the demo:
 * the teacher opens a section's gradebook from the section page, types scores at the keyboard (Enter
 * moves down, Tab right; each is saved through the scores route and still there after a reload), then
 * computes the period's grades and sees a letter per student with a report-card PDF link that opens.
 * axe-core on every page; screenshots under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { demoSuite, idleCheckpoint as checkpoint, menuItems, openLink } from '../support/browser.js';

const DESKTOP = { width: 1440, height: 900 };

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;

describe('K-12 grades in the browser', () => {
  it('the teacher enters scores with the keyboard and computes the period grades', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'teacher');
    expect(new URL(page.url()).pathname).toBe('/sections');
    expect(await menuItems(page)).toEqual(['My sections', 'Live sessions']);
    await openLink(page, page.locator('a[href^="/sections/"]').first(), /Roster$/);
    expect(new URL(page.url()).pathname).toMatch(/^\/sections\/[0-9a-f-]{36}$/);
    const sectionPath = new URL(page.url()).pathname;
    await openLink(page, page.getByRole('link', { name: 'Gradebook' }), /Gradebook$/);
    const cell = (row: number, col: number) => page.locator(`input[data-cell="${row}-${col}"]`);
    await cell(0, 0).waitFor();
    // the demo's gradebook has scores already
    await expect.poll(() => page.locator('input[data-cell]').count()).toBeGreaterThan(10);
    await checkpoint(page, 'k12-gradebook');

    const status = page.getByRole('status');
    await cell(0, 0).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toMatch(/Saved: .+ = 7$/);
    expect(await cell(1, 0).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await cell(0, 0).getAttribute('data-state')).toBe('saved');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('8.5');
    await page.keyboard.press('Tab');
    await expect.poll(() => status.textContent()).toMatch(/Saved: .+ = 8\.5$/);
    expect(await cell(1, 1).evaluate((el) => el === document.activeElement)).toBe(true);
    // a word is not a score: refused in the cell, nothing saved
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toMatch(/Not saved: .+Type a number/);
    await expect.poll(() => cell(1, 1).getAttribute('aria-invalid')).toBe('true');
    await checkpoint(page, 'k12-gradebook-scored');

    // saved on the server: a reload shows them
    await page.reload();
    await cell(0, 0).waitFor();
    await expect.poll(() => cell(0, 0).inputValue()).toBe('7');
    expect(await cell(1, 0).inputValue()).toBe('8.5');

    await openLink(page, page.getByRole('link', { name: 'Period grades' }), /Period grades$/);
    expect(new URL(page.url()).pathname).toBe(`${sectionPath}/grades`);
    const rows = page.getByRole('table', { name: 'Period grades' }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Compute grades' }).click();
    await expect.poll(() => status.textContent()).toMatch(/Grades computed for \d+ students\./);
    const letters = await page.locator('[data-letter]').allTextContents();
    expect(letters.length).toBeGreaterThan(1);
    for (const letter of letters) expect(letter).toMatch(/^[A-F][+-]?$/);
    await checkpoint(page, 'k12-period-grades');

    const pdfLink = page.getByRole('link', { name: /^Report card of .+ \(PDF\)$/ }).first();
    const href = (await pdfLink.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/students\/\d+\/report-card\.pdf\?schoolId=\d+&gradingPeriod=/);
    const pdf = await page.request.get(new URL(href, suite.world.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  }, 240_000);

  it('the period grades in Portuguese', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const page = await signIn(context, 'teacher');
    await openLink(page, page.locator('a[href^="/sections/"]').first(), /Lista de alunos$/);
    await openLink(page, page.getByRole('link', { name: 'Notas do período' }), /Notas do período$/);
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Calcular notas' }).waitFor();
    await checkpoint(page, 'k12-period-grades-pt-BR');
    await context.close();
  }, 180_000);
});

describe('a parent sees the grades', () => {
  it('the parent opens a child’s grades from their children', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'parent');
    expect(new URL(page.url()).pathname).toBe('/children');
    await openLink(page, page.getByRole('link', { name: /^Grades of / }).first(), /^Grades of /);
    await expect.poll(() => page.getByRole('table', { name: 'Grades' }).getByRole('row').count()).toBeGreaterThan(1);
    await checkpoint(page, 'k12-parent-grades');
    await context.close();
  }, 180_000);
});
