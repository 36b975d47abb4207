/**
 * The web app as each kind of person uses it, in Debian's Chromium (headless, playwright-core) against
 * a real server on a fresh PGlite database with the demo district: sign-in (refusals in words, field
 * errors next to fields), each role's home and menu with real demo data, the district administrator's
 * screens (import with progress and report, OAuth client secret shown once and revoked, policies,
 * audit chain verified), the teacher's sections → roster → profile on a tablet, the parent's and the
 * student's homes on a phone, the global search as one types. Every page passes axe-core with no
 * serious or critical violation; each main page is saved as a screenshot under .tmp/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../src/standards/oneroster/csv/zip-writer.js';
import {
  browserWorld,
  type BrowserWorld,
  CHROMIUM,
  demoEmail as email,
  DESKTOP,
  DISTRICT,
  idleCheckpoint as checkpoint,
  LANGUAGE_SCHOOL,
  menuItems,
  openFromMenu,
  gotoPage,
  openLink,
  pageHeading,
  PHONE,
  signIn as signInAs,
  TABLET,
} from '../support/browser.js';

let world: BrowserWorld;

const signIn = (context: BrowserContext, tenant: string, who: string) => signInAs(world, context, tenant, who);

beforeAll(async () => {
  world = await browserWorld();
}, 300_000);
afterAll(() => world?.close());

describe.runIf(fs.existsSync(CHROMIUM))('the web app in a browser', () => {
  it('signs in: refusals in words, field errors next to fields; signs out', async () => {
    const context = await world.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${world.url}/overview`);
    await page.waitForURL('**/sign-in');
    await pageHeading(page, 'Sign in to Schola').waitFor();
    await checkpoint(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Organization is required').count()).toBe(1);
    await page.getByLabel('Organization').fill(DISTRICT);
    await page.getByLabel('E-mail').fill(email('admin'));
    await page.locator('input[name=password]').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('email or password is incorrect');
    // The reset form asks for the organization too: its own heading first, or the sign-in form is filled.
    await openLink(page, page.getByRole('link', { name: 'Forgot your password?' }), 'Reset your password');
    await page.getByLabel('Organization').fill(DISTRICT);
    await page.getByLabel('E-mail').fill(email('admin'));
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('reset link is on its way');
    await checkpoint(page, 'password-reset');
    await gotoPage(page, `${world.url}/password-reset/complete?token=abc`, 'Reset your password');
    await page.getByLabel('Organization').fill(DISTRICT);
    await page.locator('input[name=password]').fill('short');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByText('New password must be at least 12 characters').count()).toBe(1);
    await context.close();
  }, 180_000);

  it('the district administrator: overview, people, imports with progress, integrations, policies, audit, accounts', async () => {
    const context = await world.newContext({ viewport: DESKTOP });
    const page = await signIn(context, DISTRICT, email('admin'));
    expect(new URL(page.url()).pathname).toBe('/overview');
    expect(await menuItems(page)).toEqual([
      'Overview',
      'Schools',
      'People',
      'Imports & exports',
      'Integrations',
      'Access policies',
      'Audit trail',
      'Accounts',
      'Retention',
      'Legal holds',
      'Records requests',
      'FERPA export',
    ]);
    await expect.poll(() => page.getByTestId('count-students').textContent()).toContain('40');
    await checkpoint(page, 'admin-overview');

    await openFromMenu(page, 'People', 'People');
    await page.getByRole('region', { name: 'Students' }).getByRole('link').first().waitFor();
    await checkpoint(page, 'admin-people');

    await openFromMenu(page, 'Imports & exports', 'Imports & exports');
    const fixture = 'test/fixtures/oneroster-csv/lakeside-1.2';
    const zip = path.resolve('.tmp/lakeside-1.2.zip');
    fs.writeFileSync(
      zip,
      writeZip(
        fs
          .readdirSync(fixture)
          .filter((f) => f.endsWith('.csv'))
          .map((name) => ({ name, content: fs.readFileSync(path.join(fixture, name)) })),
      ),
    );
    const importCard = page.getByTestId('oneroster-import');
    await importCard.locator('input[type=file]').setInputFiles(zip);
    await importCard.getByRole('button', { name: 'Upload and start' }).click();
    await expect
      .poll(() => importCard.getByTestId('job-status').textContent(), { timeout: 90_000 })
      .toMatch(/Completed|Failed/);
    await importCard.getByRole('button', { name: 'Download the report (JSON)' }).waitFor();
    await checkpoint(page, 'admin-imports');

    await openFromMenu(page, 'Integrations', 'Integrations (OAuth clients)');
    await page.getByLabel('Name').fill('Gradebook sync');
    await page.getByRole('button', { name: 'Create a client' }).click();
    const secret = await page.getByTestId('client-secret').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    await checkpoint(page, 'admin-integrations');
    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('button', { name: /Revoke/ })
      .first()
      .click();
    await expect.poll(() => page.getByText('Revoked').count()).toBe(1);
    await page.reload();
    expect(await page.getByText(secret!).count()).toBe(0);

    await openFromMenu(page, 'Access policies', 'Access policies');
    await page.getByRole('switch').first().waitFor();
    await checkpoint(page, 'admin-access-policies');

    await openFromMenu(page, 'Audit trail', 'Audit trail');
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/The chain of \d+ rows is intact/);
    await checkpoint(page, 'admin-audit');

    await openFromMenu(page, 'Accounts', 'Accounts');
    await page.getByText(email('teacher')).waitFor();
    await checkpoint(page, 'admin-accounts');

    // The global search answers as one types, and opens a student's profile.
    const search = page.getByRole('combobox', { name: 'Global search' }).first();
    await search.fill('an');
    await page.getByRole('listbox').getByRole('option').first().click();
    await page.waitForURL('**/students/*');
    await page.getByRole('heading', { name: 'Sections' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${world.url}/overview`);
    await page.waitForURL('**/sign-in');
    await context.close();
  }, 240_000);

  it('the teacher on a tablet: my sections → roster → a student, and only their menu', async () => {
    const context = await world.newContext({ viewport: TABLET });
    const page = await signIn(context, DISTRICT, email('teacher'));
    expect(new URL(page.url()).pathname).toBe('/sections');
    expect(await menuItems(page)).toEqual(['My sections', 'Live sessions']);
    const firstSection = page.locator('a[href^="/sections/"]').first();
    await firstSection.waitFor();
    await checkpoint(page, 'teacher-sections');
    await openLink(page, firstSection, /Roster$/);
    const student = page.getByRole('region', { name: 'Roster' }).getByRole('link').first();
    await student.waitFor();
    await checkpoint(page, 'teacher-roster');
    await student.click();
    await page.getByRole('heading', { name: 'Sections' }).waitFor();
    await checkpoint(page, 'teacher-student-profile');
    // Another role's section of the app leads home.
    await page.goto(`${world.url}/audit`);
    await page.waitForURL('**/sections');
    await context.close();
  }, 180_000);

  it('the parent and the student on a phone', async () => {
    const parent = await world.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await signIn(parent, DISTRICT, email('parent'));
    expect(new URL(page.url()).pathname).toBe('/children');
    await page.getByRole('heading', { name: 'Sections' }).waitFor();
    await checkpoint(page, 'parent-children');
    await parent.close();

    const student = await world.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const studentPage = await signIn(student, DISTRICT, email('student'));
    expect(new URL(studentPage.url()).pathname).toBe('/classes');
    await studentPage
      .getByText(/students$/)
      .first()
      .waitFor();
    await checkpoint(studentPage, 'student-classes');
    await student.close();
  }, 180_000);

  it('the nurse and the language-school secretary land on their homes with demo data', async () => {
    const nurse = await world.newContext({ viewport: DESKTOP });
    const page = await signIn(nurse, DISTRICT, email('nurse'));
    expect(new URL(page.url()).pathname).toBe('/nurse/immunizations');
    expect(await menuItems(page)).toEqual([
      'Immunizations',
      'Medications today',
      'Visits',
      'Allergies',
      'My school',
      'People',
    ]);
    await openFromMenu(page, 'My school', 'Overview');
    // Schools are reference data; the students are those of the nurse's school (half of the 40).
    await expect.poll(() => page.getByTestId('count-students').textContent()).toMatch(/Students20$/);
    await checkpoint(page, 'nurse-home');
    await nurse.close();

    const secretary = await world.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const desk = await signIn(secretary, LANGUAGE_SCHOOL, 'secretary@demo-language-school.schola.dev');
    expect(new URL(desk.url()).pathname).toBe('/front-desk');
    await expect.poll(() => desk.getByTestId('overdue-total').textContent()).toMatch(/R\$/);
    await checkpoint(desk, 'secretary-front-desk');
    await secretary.close();
  }, 180_000);

  it('a school administrator of two schools switches between them, by name; every page narrows', async () => {
    const schools = await world.database.query<{ id: number; name: string }>(
      `SELECT s.schoolid AS id, eo.nameofinstitution AS name FROM edfi.school s
         JOIN edfi.educationorganization eo ON eo.tenant_id = s.tenant_id AND eo.educationorganizationid = s.schoolid
        ORDER BY s.schoolid`,
    );
    expect(schools).toHaveLength(2);
    await world.database.query(`UPDATE identity.accounts SET school_ids = $1::int[] WHERE email = $2`, [
      schools.map((s) => s.id),
      email('school-admin'),
    ]);
    const context = await world.newContext({ viewport: DESKTOP });
    const page = await signIn(context, DISTRICT, email('school-admin'));
    expect(new URL(page.url()).pathname).toBe('/overview');
    const students = () => page.getByTestId('count-students').textContent();
    await expect.poll(students).toMatch(/Students40$/);
    const switcher = page.getByRole('combobox', { name: 'School' });
    await expect
      .poll(() => switcher.locator('option').allTextContents())
      .toEqual(['All my schools', ...schools.map((s) => s.name)]);
    await switcher.selectOption({ label: schools[0]!.name });
    await expect.poll(students).toMatch(/Students20$/);
    await checkpoint(page, 'school-admin-one-school');
    // Another page narrows too, and the choice survives a reload (this device).
    await openFromMenu(page, 'People', 'People');
    await page.reload();
    await openFromMenu(page, 'My school', 'Overview');
    await expect.poll(students).toMatch(/Students20$/);
    expect(await switcher.inputValue()).toBe(String(schools[0]!.id));
    await switcher.selectOption({ label: 'All my schools' });
    await expect.poll(students).toMatch(/Students40$/);
    await context.close();
  }, 180_000);
});
