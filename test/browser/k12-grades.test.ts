/**
 * K-12 grades in Chromium (headless, playwright-core) against a real server with the demo: the student
 * opens their own grades from their menu on a phone (cards, report-card and transcript PDFs); the teacher
 * overrides a period grade (the reason is required: refused next to the field without it), writes the
 * report-card comment, and the report card's PDF text (pdftotext) carries the new letter and the comment;
 * the teacher adds a gradebook category and an assignment in dialogs. axe-core on every page (zero serious
 * violations); screenshots under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { daysAfter, schoolYearMonth } from '../support/calendar.js';
import {
  demoSuite,
  DESKTOP,
  idleCheckpoint as checkpoint,
  menuItems,
  openFromMenu,
  openLink,
  PHONE,
} from '../support/browser.js';
import { pdfText } from '../support/pdf.js';

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;

describe('a student sees their own grades', () => {
  it('opens My grades from the menu on a phone: cards, report card and transcript', async () => {
    const context = await suite.world.newContext({ viewport: PHONE, locale: 'en', hasTouch: true, isMobile: true });
    const page = await signIn(context, 'student');
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await menuItems(page)).toEqual(['My classes', 'My grades', 'My attendance']);
    await openFromMenu(page, 'My grades', 'My grades');
    const cards = page.getByRole('list', { name: 'Grades' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBeGreaterThan(1);
    expect(await cards.first().textContent()).toMatch(/ · \d+(\.\d+)? %/);
    // the table is for wider screens
    expect(await page.getByRole('table', { name: 'Grades' }).count()).toBe(0);
    // nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const reportCard = page.getByRole('link', { name: /^Report card, .+ \(PDF\)$/ }).first();
    const href = (await reportCard.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/v1\/students\/\d+\/report-card\.pdf\?schoolId=\d+&gradingPeriod=/);
    const pdf = await page.request.get(new URL(href, suite.world.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdfText(await pdf.body())).toContain('Report card');
    const transcript = page.getByRole('link', { name: 'Transcript (PDF)' });
    const transcriptPdf = await page.request.get(
      new URL((await transcript.getAttribute('href'))!, suite.world.url).toString(),
    );
    expect(transcriptPdf.status()).toBe(200);
    expect(pdfText(await transcriptPdf.body())).toContain('Official transcript');
    await checkpoint(page, 'k12-student-grades-phone');

    // Another student's grades are not theirs to see.
    const usi = Number(/students\/(\d+)\//.exec(href)![1]);
    const other = await page.request.get(new URL(`/api/v1/students/${usi + 1}/grades`, suite.world.url).toString());
    expect(other.status()).toBe(403);
    await context.close();
  }, 240_000);
});

describe('the teacher overrides a grade and comments on it', () => {
  it('override with a reason, a comment, both on the report-card PDF; a category and an assignment added', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'teacher');
    await openLink(page, page.locator('a[href^="/sections/"]').first(), /Roster$/);
    await openLink(page, page.getByRole('link', { name: 'Period grades' }), /Period grades$/);
    const rows = page.getByRole('table', { name: 'Period grades' }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const row = rows.nth(1);
    const student = (await row.getByRole('rowheader').textContent())!;
    const before = (await row.locator('[data-letter]').textContent())!;
    const letter = before === 'A' ? 'B' : 'A';

    await row.getByRole('button', { name: `Edit the grade of ${student}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit the grade of ${student}` });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Letter' }).click();
    await page.getByRole('option', { name: letter, exact: true }).click();
    // No reason: refused next to the field, nothing sent.
    await dialog.getByRole('button', { name: 'Override', exact: true }).click();
    await expect.poll(() => dialog.getByText('Reason must say why (at least 3 characters)').count()).toBe(1);
    await checkpoint(page, 'k12-grade-editor');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Retake of the unit test accepted');
    await dialog.getByRole('button', { name: 'Override', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toBe(`The grade of ${student} is now ${letter}.`);
    expect(await row.locator('[data-letter]').textContent()).toBe(letter);
    expect(await row.locator('[data-override-reason]').textContent()).toBe(
      `Overridden from ${before}: Retake of the unit test accepted`,
    );

    const comment = 'Strong finish after the retake.';
    await row.getByRole('button', { name: `Edit the grade of ${student}` }).click();
    await dialog.getByRole('textbox', { name: 'Teacher comment' }).fill(comment);
    await dialog.getByRole('button', { name: 'Save the comment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent()).toBe(`Comment saved for ${student}.`);
    await expect.poll(() => row.textContent()).toContain(comment);
    await checkpoint(page, 'k12-period-grades-overridden');

    const href = (await row.getByRole('link', { name: `Report card of ${student} (PDF)` }).getAttribute('href'))!;
    const pdf = await page.request.get(new URL(href, suite.world.url).toString());
    expect(pdf.status()).toBe(200);
    const text = pdfText(await pdf.body());
    expect(text).toContain(student);
    expect(text).toMatch(new RegExp(`\\d+\\.\\d\\s+${letter}\\s+Strong finish`));

    // The gradebook: a category, then an assignment in it.
    await openLink(page, page.getByRole('link', { name: 'Gradebook' }), /Gradebook$/);
    await page.locator('input[data-cell="0-0"]').waitFor();
    await page.getByRole('button', { name: 'Add a category' }).click();
    const categoryDialog = page.getByRole('dialog', { name: 'Add a category' });
    await categoryDialog.getByRole('textbox', { name: 'Name' }).fill('Projects');
    await categoryDialog.getByRole('textbox', { name: 'Weight (%)' }).fill('120');
    await categoryDialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => categoryDialog.getByText('Weight (%) must be ≤ 100').count()).toBe(1);
    await categoryDialog.getByRole('textbox', { name: 'Weight (%)' }).fill('10');
    await categoryDialog.getByRole('button', { name: 'Add' }).click();
    await categoryDialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent()).toBe('Category "Projects" added.');

    await page.getByRole('button', { name: 'Add an assignment' }).click();
    const entryDialog = page.getByRole('dialog', { name: 'Add an assignment' });
    await entryDialog.getByRole('textbox', { name: 'Title' }).fill('Science fair poster');
    await entryDialog.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: /^Projects/ }).click();
    // October of the demo's school year (it follows today): in its first grading period, whatever the year.
    const october = schoolYearMonth(10).from;
    await entryDialog.getByLabel('Assigned on').fill(october);
    await entryDialog.getByLabel('Due on').fill(schoolYearMonth(9).from);
    await entryDialog.getByRole('textbox', { name: 'Points possible' }).fill('50');
    await entryDialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => entryDialog.getByText('Due on must not be before dateAssigned').count()).toBe(1);
    await checkpoint(page, 'k12-gradebook-add-entry');
    await entryDialog.getByLabel('Due on').fill(daysAfter(october, 14));
    await entryDialog.getByRole('button', { name: 'Add' }).click();
    await entryDialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent()).toMatch(/^Assignment "Science fair poster" added to .+\.$/);
    await expect
      .poll(() => page.getByRole('columnheader', { name: /Science fair poster/ }).count(), { timeout: 10_000 })
      .toBe(1);
    await checkpoint(page, 'k12-gradebook-entry-added');
    await context.close();
  }, 300_000);
});
