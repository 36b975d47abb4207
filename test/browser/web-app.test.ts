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
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { ensureWebBuilt } from '../../src/cli/web-build.js';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { seedDemo } from '../../src/demo/seed.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createJobRunner } from '../../src/platform/jobs/runner.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { writeZip } from '../../src/standards/oneroster/csv/zip-writer.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { SMALL_DISTRICT } from '../support/oneroster-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '.tmp/screenshots';
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };
const DESKTOP = { width: 1280, height: 860 };
const DISTRICT = 'demo-district';
const LANGUAGE_SCHOOL = 'demo-district-language-school';
const email = (who: string) => `${who}@demo-district.schola.dev`;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let database: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let url: string;

/** axe-core on the page as it is: serious and critical violations, described. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe.run();
    return result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Checks accessibility and saves the screenshot of a main page. */
async function checkpoint(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await accessibilityProblems(page), name).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function signIn(context: BrowserContext, tenant: string, who: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await page.waitForURL('**/sign-in');
  // By field name: the labels are in the browser's language.
  await page.locator('input[name=tenant]').fill(tenant);
  await page.locator('input[name=email]').fill(who);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  // Signed in, the app sends '/' on to the role's home.
  await page.waitForURL((u) => u.pathname !== '/' && !u.pathname.startsWith('/sign-in'));
  return page;
}

/** A browser profile; axe-core is injected as an inline script, which the app's CSP rightly forbids. */
const newContext = (options: Parameters<Browser['newContext']>[0]) =>
  browser.newContext({ ...options, bypassCSP: true });

async function menuItems(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Menu' }).getByRole('link');
  await links.first().waitFor();
  return links.allTextContents();
}

beforeAll(async () => {
  await ensureWebBuilt(() => undefined);
  fs.mkdirSync(SHOTS, { recursive: true });
  database = await migratedDatabase();
  await seedDemo(database, SMALL_DISTRICT);
  const logger = createLogger('silent');
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-web-uploads-'));
  app = await buildApp({
    database,
    logger,
    jobs: createJobRunner(database, { logger, uploadDir, pollIntervalMs: 200 }),
    plugins: applicationPlugins(),
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.dispose();
});

describe.runIf(fs.existsSync(CHROMIUM))('the web app in a browser', () => {
  it('signs in: refusals in words, field errors next to fields; signs out', async () => {
    const context = await newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${url}/overview`);
    await page.waitForURL('**/sign-in');
    await checkpoint(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Organization is required').count()).toBe(1);
    await page.getByLabel('Organization').fill(DISTRICT);
    await page.getByLabel('E-mail').fill(email('admin'));
    await page.locator('input[name=password]').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('email or password is incorrect');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Organization').fill(DISTRICT);
    await page.getByLabel('E-mail').fill(email('admin'));
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('reset link is on its way');
    await checkpoint(page, 'password-reset');
    await page.goto(`${url}/password-reset/complete?token=abc`);
    await page.getByLabel('Organization').fill(DISTRICT);
    await page.locator('input[name=password]').fill('short');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByText('New password must be at least 12 characters').count()).toBe(1);
    await context.close();
  }, 180_000);

  it('the district administrator: overview, people, imports with progress, integrations, policies, audit, accounts', async () => {
    const context = await newContext({ viewport: DESKTOP });
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
    ]);
    await expect.poll(() => page.getByTestId('count-students').textContent()).toContain('40');
    await checkpoint(page, 'admin-overview');

    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('region', { name: 'Students' }).getByRole('link').first().waitFor();
    await checkpoint(page, 'admin-people');

    await page.getByRole('link', { name: 'Imports & exports' }).click();
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

    await page.getByRole('link', { name: 'Integrations' }).click();
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

    await page.getByRole('link', { name: 'Access policies' }).click();
    await page.getByRole('switch').first().waitFor();
    await checkpoint(page, 'admin-access-policies');

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/The chain of \d+ rows is intact/);
    await checkpoint(page, 'admin-audit');

    await page.getByRole('link', { name: 'Accounts' }).click();
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
    await page.goto(`${url}/overview`);
    await page.waitForURL('**/sign-in');
    await context.close();
  }, 240_000);

  it('the teacher on a tablet: my sections → roster → a student, and only their menu', async () => {
    const context = await newContext({ viewport: TABLET });
    const page = await signIn(context, DISTRICT, email('teacher'));
    expect(new URL(page.url()).pathname).toBe('/sections');
    expect(await menuItems(page)).toEqual(['My sections', 'Live sessions']);
    const firstSection = page.locator('a[href^="/sections/"]').first();
    await firstSection.waitFor();
    await checkpoint(page, 'teacher-sections');
    await firstSection.click();
    const student = page.getByRole('region', { name: 'Roster' }).getByRole('link').first();
    await student.waitFor();
    await checkpoint(page, 'teacher-roster');
    await student.click();
    await page.getByRole('heading', { name: 'Sections' }).waitFor();
    await checkpoint(page, 'teacher-student-profile');
    // Another role's section of the app leads home.
    await page.goto(`${url}/audit`);
    await page.waitForURL('**/sections');
    await context.close();
  }, 180_000);

  it('the parent and the student on a phone', async () => {
    const parent = await newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await signIn(parent, DISTRICT, email('parent'));
    expect(new URL(page.url()).pathname).toBe('/children');
    await page.getByRole('heading', { name: 'Sections' }).waitFor();
    await checkpoint(page, 'parent-children');
    await parent.close();

    const student = await newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
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
    const nurse = await newContext({ viewport: DESKTOP });
    const page = await signIn(nurse, DISTRICT, email('nurse'));
    expect(new URL(page.url()).pathname).toBe('/overview');
    expect(await menuItems(page)).toEqual(['My school', 'People']);
    // Schools are reference data; the students are those of the nurse's school (half of the 40).
    await expect.poll(() => page.getByTestId('count-students').textContent()).toMatch(/Students20$/);
    await checkpoint(page, 'nurse-home');
    await nurse.close();

    const secretary = await newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const desk = await signIn(secretary, LANGUAGE_SCHOOL, 'secretary@demo-language-school.schola.dev');
    expect(new URL(desk.url()).pathname).toBe('/front-desk');
    await expect.poll(() => desk.getByTestId('overdue-total').textContent()).toMatch(/R\$/);
    await checkpoint(desk, 'secretary-front-desk');
    await secretary.close();
  }, 180_000);
});
