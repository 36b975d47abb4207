/**
 * A teacher corrects an assignment from the gradebook in Chromium (headless, playwright-core) against a real server
 * with the demo: the column's Edit button opens a dialog prefilled with the assignment (focus on its title, Escape
 * closes it and gives the focus back); a due date outside the section's session and points possible cleared on a
 * scored assignment are refused next to their fields; a new title and points possible are saved, announced, and the
 * column shows them. An assignment someone else changed while the dialog was open is not overwritten: the save is
 * refused, said, and the gradebook shows their version. axe-core on the dialog (zero serious violations);
 * screenshots under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { daysAfter, schoolYearMonth } from '../support/calendar.js';
import { demoSuite, DESKTOP, idleCheckpoint as checkpoint, openLink } from '../support/browser.js';

const suite = demoSuite('district', { jobs: false });

/** The teacher, signed in, on their first section's gradebook (scores shown). */
async function teachersGradebook() {
  const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
  const page = await suite.signIn(context, 'teacher');
  await openLink(page, page.locator('a[href^="/sections/"]').first(), /Roster$/);
  await openLink(page, page.getByRole('link', { name: 'Gradebook' }), /Gradebook$/);
  await page.locator('input[data-cell="0-0"]').waitFor();
  return { context, page };
}

describe('the teacher edits an assignment from the gradebook', () => {
  it('opens it prefilled, is refused a date outside the session and cleared points, saves title and points', async () => {
    const { context, page } = await teachersGradebook();

    // The first column whose assignment has scores (the demo scores its assignments).
    const edit = page.getByRole('button', { name: /^Edit the assignment / }).first();
    const title = (await edit.getAttribute('aria-label'))!.replace(/^Edit the assignment /, '');
    expect(await page.locator('input[data-cell^="0-"]').first().inputValue()).not.toBe('');
    await edit.click();
    const dialog = page.getByRole('dialog', { name: `Edit the assignment ${title}` });
    await dialog.waitFor();
    const titleField = dialog.getByRole('textbox', { name: 'Title' });
    expect(await titleField.inputValue()).toBe(title);
    await expect.poll(() => titleField.evaluate((el) => el === document.activeElement)).toBe(true);
    const points = dialog.getByRole('textbox', { name: 'Points possible' });
    expect(await points.inputValue()).toMatch(/^\d+(\.\d+)?$/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => edit.evaluate((el) => el === document.activeElement)).toBe(true);

    // A due date in the next school year: outside the section's session, refused next to the field.
    await edit.click();
    const due = dialog.getByLabel('Due on');
    const dueBefore = await due.inputValue();
    await due.fill(daysAfter(schoolYearMonth(9).from, 366));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByText(/^Due on must be within the session /).count()).toBe(1);
    // Points possible below the scores entered: allowed (extra credit), and said.
    await points.fill('1');
    await expect.poll(() => dialog.getByText(/scores? (is|are) above this: .* extra credit\.$/).count()).toBe(1);
    await checkpoint(page, 'k12-gradebook-edit-entry');

    // Points possible cleared once scores are entered: refused (the scores would read as percentages).
    await due.fill(dueBefore);
    await points.fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByText(/^Points possible cannot be cleared once scores are entered \(\d+\)$/).count())
      .toBe(1);

    await titleField.fill(`${title} (revised)`);
    await points.fill('40');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Assignment "${title} (revised)" saved.`);
    const escaped = `${title} (revised)`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const header = page.getByRole('columnheader', { name: new RegExp(`^${escaped}`) });
    await expect.poll(() => header.count(), { timeout: 10_000 }).toBe(1);
    expect(await header.textContent()).toContain('out of 40');
    await checkpoint(page, 'k12-gradebook-entry-edited');
    await context.close();
  }, 300_000);

  it('does not overwrite a change someone else saved while the dialog was open', async () => {
    const { context, page } = await teachersGradebook();
    // Titles repeat across grading periods: the co-teacher's change below names the period shown.
    const period = await page.getByLabel('Grading period').first().inputValue();
    const edit = page.getByRole('button', { name: /^Edit the assignment / }).nth(1);
    const title = (await edit.getAttribute('aria-label'))!.replace(/^Edit the assignment /, '');
    await edit.click();
    const dialog = page.getByRole('dialog', { name: `Edit the assignment ${title}` });
    await dialog.waitFor();

    // Meanwhile a co-teacher renames it (the same API, from another tab).
    const sectionId = /\/sections\/([^/]+)\//.exec(page.url())![1]!;
    const theirs = `${title} (co-teacher)`;
    const status = await page.evaluate(
      async ({ sectionId, period, title, theirs }) => {
        const query = new URLSearchParams({ gradingPeriod: period });
        const book = await (await fetch(`/api/v1/sections/${sectionId}/gradebook?${query}`)).json();
        const entry = (book.entries as { id: string; title: string }[]).find((e) => e.title === title)!;
        const res = await fetch(`/api/v1/sections/${sectionId}/gradebook/entries/${entry.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: theirs }),
        });
        return res.status;
      },
      { sectionId, period, title, theirs },
    );
    expect(status).toBe(200);

    await dialog.getByRole('textbox', { name: 'Title' }).fill(`${title} (mine)`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(
        `Someone changed "${title}" after you opened it, so your change was not saved. ` +
          'The gradebook now shows their version: edit it again if needed.',
      );
    const escaped = theirs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect.poll(() => page.getByRole('columnheader', { name: new RegExp(`^${escaped}`) }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: /\(mine\)/ }).count()).toBe(0);
    await checkpoint(page, 'k12-gradebook-entry-changed-meanwhile');
    await context.close();
  }, 300_000);
});
