/**
 * Courses and GPA levels in Chromium (headless, playwright-core) against a real server with the demo:
 * the school administrator opens Grades & report cards from the menu, sees the district's courses with
 * the levels the district set (not offered for change) and, at this elementary school, is offered no
 * honors or AP level for its own course (the server refuses one outside grades 9–12); the demo's final
 * grades give a student a cumulative GPA, unweighted and weighted, and an official transcript with their
 * courses. axe-core (zero serious violations) and
 * screenshots under .tmp/screenshots.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoSuite, DESKTOP, idleCheckpoint as checkpoint, menuItems, openFromMenu } from '../support/browser.js';
import { pdfText } from '../support/pdf.js';

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;
// A loaded machine may take seconds to draw a page: poll for long enough.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });

describe('the school administrator sets GPA levels', () => {
  it('sees the district’s levels; an elementary school’s own course is offered no honors or AP', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'school-admin');
    expect(await menuItems(page)).toContain('Grades & report cards');
    await openFromMenu(page, 'Grades & report cards', 'Courses and GPA levels');
    const table = page.getByRole('table', { name: 'Courses and GPA levels' });
    await poll(() => table.locator('tbody tr').count()).toBeGreaterThan(3);
    // A district course (taught from kindergarten on): regular, set by the district; the demo's weighted
    // courses are a high school's own (this first school is an elementary school).
    const math = table.locator('tr[data-course="MATH"]');
    expect(await math.textContent()).toContain('Regular');
    expect(await math.textContent()).not.toMatch(/Honors|AP/);
    expect(await math.textContent()).toContain('set by the district');
    expect(await math.getByRole('combobox').count()).toBe(0);
    await checkpoint(page, 'k12-courses-school-admin');

    await page.getByText('Honors and AP are for high schools (grades 9–12)', { exact: false }).waitFor();
    const level = page.getByLabel('GPA level of Creative Writing');
    expect(await level.inputValue()).toBe('regular');
    expect(await level.locator('option[value="ap"]').isDisabled()).toBe(true);
    expect(await level.locator('option[value="honors"]').isDisabled()).toBe(true);
    await context.close();
  }, 240_000);
});

describe('the demo’s final grades', () => {
  it('give a student a cumulative GPA (unweighted and weighted) and a transcript with their courses', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'student');
    await openFromMenu(page, 'My grades', 'My grades');
    const gpa = page.getByText(/^Cumulative GPA: [\d.]+ \(weighted [\d.]+\), [\d.]+ credits$/);
    await gpa.waitFor({ timeout: 30_000 });
    // Final grades are labelled so (not as the last grading period's), and make no report card.
    expect(await page.getByRole('table', { name: 'Grades' }).getByText('Final grade').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /^Report card, Fourth Quarter/ }).count()).toBe(0);
    const transcript = page.getByRole('link', { name: 'Transcript (PDF)' });
    const pdf = await page.request.get(new URL((await transcript.getAttribute('href'))!, suite.world.url).toString());
    expect(pdf.status()).toBe(200);
    // Kept to look at (pdftoppm -png); pdftotext (poppler-utils) must be installed for the text checks.
    fs.mkdirSync('.tmp/screenshots', { recursive: true });
    fs.writeFileSync('.tmp/screenshots/k12-student-transcript.pdf', await pdf.body());
    const text = pdfText(await pdf.body());
    expect(text).toContain('Official transcript');
    expect(text).toMatch(/Mathematics|English Language Arts|Science|Social Studies/);
    // An elementary school's transcript: no honors or AP course.
    expect(text).toContain('Regular');
    expect(text).not.toMatch(/\bHonors\b/);
    expect(text.match(/\bAP\b/g)).toHaveLength(1); // the footer's note on the weighted GPA
    await checkpoint(page, 'k12-student-gpa');
    await context.close();
  }, 240_000);
});
