/**
 * The nurse's pages in Chromium (headless, playwright-core) against a real server with the demo: the
 * nurse lands on the immunization compliance list (students short of required doses), searches it,
 * records a dose (a date in the future is refused next to the field), then sees today's medications by
 * time and the allergies, severe first; on a tablet, the office visits: who is in the office, a visit
 * recorded with the student typeahead (a second check-in refused in words), and the check-out. A teacher
 * is sent home from the nurse's pages. axe-core on every page; screenshots under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import {
  demoSuite,
  demoEmail,
  DESKTOP,
  idleCheckpoint as checkpoint,
  menuItems,
  openFromMenu,
  TABLET,
  traceOnFailure,
} from '../support/browser.js';

/**
 * How long a check waits for the server's answer to show. expect.poll's default (one second, then one
 * last try) is shorter than a round trip on a busy shared machine: a search (250 ms debounce, then a
 * query that audits its reads) or a refusal from the server can take longer there.
 */
const ANSWER = { timeout: 15_000 };

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;

describe('the nurse in the browser', () => {
  it('lands on the compliance list, records an immunization, reads medications and allergies', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    await traceOnFailure(context, 'nurse-immunizations');
    const page = await signIn(context, 'nurse');
    expect(new URL(page.url()).pathname).toBe('/nurse/immunizations');
    expect(await menuItems(page)).toEqual([
      'Immunizations',
      'Medications today',
      'Visits',
      'Allergies',
      'My school',
      'People',
    ]);
    const rows = page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect.poll(() => rows.count(), ANSWER).toBeGreaterThan(0);
    await checkpoint(page, 'nurse-immunizations');

    // Search by the first student's name: the server answers with that student.
    const firstCell = (await rows.first().getByRole('cell').first().textContent()) ?? '';
    const name = firstCell.replace(/ \(.*\)$/, '');
    await page.getByRole('textbox', { name: 'Search by student name or id' }).fill(name);
    await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes(name)), ANSWER).toBe(true);

    await page
      .getByRole('button', { name: `Record a dose for ${name}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Date given').fill('2999-01-01');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.textContent(), ANSWER).toContain('Date given must not be in the future');
    await checkpoint(page, 'nurse-record-immunization');
    const today = new Date().toISOString().slice(0, 10);
    await dialog.getByLabel('Date given').fill(today);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('recorded').textContent(), ANSWER).toMatch(new RegExp(`for ${name}\\.$`));

    await openFromMenu(page, 'Medications today', 'Today’s medications');
    await expect.poll(() => rows.count(), ANSWER).toBeGreaterThan(2);
    const times = (await rows.allTextContents()).map((r) => /^(\d\d:\d\d|As needed)/.exec(r)?.[1]);
    expect(times.every(Boolean)).toBe(true);
    await checkpoint(page, 'nurse-medications');

    await openFromMenu(page, 'Allergies', 'Allergies');
    await expect.poll(() => rows.count(), ANSWER).toBeGreaterThan(2);
    expect(await rows.first().textContent()).toContain('Severe');
    await checkpoint(page, 'nurse-allergies');
    await context.close();
  }, 240_000);

  it('on a tablet: sees who is in the office, records a visit and checks the student out', async () => {
    const context = await suite.world.newContext({ viewport: TABLET, locale: 'en' });
    const page = await signIn(context, 'nurse');
    await openFromMenu(page, 'Visits', 'Visits to the nurse’s office');
    const open = page
      .getByTestId('open-visits')
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    // The demo leaves two students in the office.
    await expect.poll(() => open.count()).toBe(2);
    await checkpoint(page, 'nurse-visits');

    // A student of the nurse's school who is not in the office.
    const [nurse] = await suite.world.database.query<{ schools: number[] }>(
      `SELECT school_ids AS schools FROM identity.accounts WHERE email = $1`,
      [demoEmail('nurse')],
    );
    const [student] = await suite.world.database.query<{ name: string }>(
      `SELECT st.firstname || ' ' || st.lastsurname AS name FROM edfi.student st
         JOIN edfi.studentschoolassociation ssa ON ssa.tenant_id = st.tenant_id AND ssa.studentusi = st.studentusi
        WHERE ssa.schoolid = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM health.nurse_visits v
                WHERE v.tenant_id = st.tenant_id AND v.student_usi = st.studentusi AND v.time_out IS NULL)
        ORDER BY st.lastsurname DESC LIMIT 1`,
      [nurse!.schools],
    );
    const name = student!.name;
    await page.getByRole('button', { name: 'Record a visit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Reason is required');
    await dialog.getByRole('combobox', { name: 'Student' }).fill(name);
    await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Headache');
    await checkpoint(page, 'nurse-record-visit');
    await dialog.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => page.getByTestId('visit-done').textContent()).toBe(`${name} is checked in.`);
    await expect.poll(() => open.count()).toBe(3);

    // In the office already: the server's refusal is shown in words.
    await page.getByRole('button', { name: 'Record a visit' }).click();
    await dialog.getByRole('combobox', { name: 'Student' }).fill(name);
    await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Again');
    await dialog.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('already in the nurse');
    await dialog.getByRole('button', { name: 'Cancel' }).first().click();

    await page.getByRole('button', { name: `Check out ${name}` }).click();
    await dialog.getByRole('combobox', { name: 'Action taken' }).click();
    await page.getByRole('option', { name: 'Returned to class' }).click();
    await dialog.getByRole('textbox', { name: 'Assessment' }).fill('Rested; no fever.');
    await dialog.getByRole('button', { name: 'Check out' }).click();
    await expect.poll(() => page.getByTestId('visit-done').textContent()).toBe(`${name} is checked out.`);
    await expect.poll(() => open.count()).toBe(2);
    await checkpoint(page, 'nurse-visits-after');
    await context.close();
  }, 240_000);

  it('a teacher is sent home from the nurse pages', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'teacher');
    await page.goto(`${suite.world.url}/nurse/allergies`);
    await page.waitForURL('**/sections');
    await context.close();
  }, 120_000);
});
