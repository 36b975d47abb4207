/**
 * The district administrator's Compliance screens in Chromium (headless, playwright-core) against a real
 * server with the demo district: the demo retention policies, a new one refused field by field then saved,
 * a dry run with per-table counts (a student's rows kept by the demo legal hold), a run now confirmed,
 * followed to its report (the demo's old classroom transcripts gone), a hold placed on a student
 * found by name and released with a reason, a records request refused without a reason then decided, and a
 * student's FERPA package exported with its progress and downloaded. The auditor reads the same screens
 * without their buttons. axe-core on every page; screenshots under .tmp/screenshots.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserWorld,
  type BrowserWorld,
  DESKTOP,
  demoEmail,
  DISTRICT,
  idleCheckpoint as checkpoint,
  openFromMenu,
  signIn as signInAs,
} from '../support/browser.js';

let world: BrowserWorld;
let student: { last: string; first: string };

const signIn = (context: BrowserContext, who: string) => signInAs(world, context, DISTRICT, demoEmail(who));

/** A compliance page from the menu; each page's h1 is its menu label. */
async function open(page: Page, menu: string, path: string) {
  await openFromMenu(page, menu, menu);
  expect(new URL(page.url()).pathname).toBe(path);
}

/** Picks a student in a student picker by typing their last name. */
async function pickStudent(page: Page, testId: string) {
  await page.getByTestId(testId).fill(student.last);
  await page.getByRole('option', { name: new RegExp(`${student.last}, ${student.first}`) }).click();
}

beforeAll(async () => {
  world = await browserWorld();
  // A student the demo holds nothing on (the demo's hold is on the district's last student).
  const [row] = await world.database.query<{ last: string; first: string }>(
    `SELECT lastsurname AS last, firstname AS first FROM edfi.student s
      WHERE NOT EXISTS (SELECT 1 FROM compliance.legal_holds h WHERE h.record_id = s.studentusi::text)
      ORDER BY studentusi LIMIT 1`,
  );
  student = row!;
}, 300_000);
afterAll(() => world?.close());

// Each test's own time: a dry run and a run over the demo take a minute and more on a loaded two-core machine.
describe('compliance screens in the browser', () => {
  it('retention: demo policies, a new policy checked field by field, a dry run with counts', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'admin');
    await open(page, 'Retention', '/compliance/retention');
    const policies = page.getByTestId('policies');
    await expect.poll(() => policies.getByRole('row').count()).toBe(7);
    for (const table of ['compliance.audit_logs', 'audio.recordings', 'edfi.disciplineaction'])
      expect(await policies.getByRole('cell', { name: table, exact: true }).count()).toBe(1);
    await checkpoint(page, 'compliance-retention');

    await page.getByTestId('dry-run').click();
    const report = page.getByTestId('dry-run-report');
    await report.waitFor();
    const audio = page.getByTestId('dry-audio.recordings');
    expect(await audio.getByTestId('would-remove').textContent()).toBe('24');
    const discipline = page.getByTestId('dry-edfi.disciplineaction');
    expect(await discipline.getByTestId('would-remove').textContent()).toBe('4');
    expect(await discipline.getByTestId('kept-by-hold').textContent()).toBe('2');
    expect(await page.getByTestId('dry-operational.api_metrics').getByTestId('would-remove').textContent()).toBe('150');
    const transcripts = page.getByTestId('dry-run-report').locator('tr[data-category="classroom_transcripts"]');
    expect(await transcripts.getByTestId('would-remove').textContent()).toBe('33');
    await checkpoint(page, 'compliance-retention-dry-run');

    // A new policy: the form names each wrong field, then the policy is saved and listed.
    await page.getByTestId('new-policy').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Table').fill('messages');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByText('Category is required').count()).toBe(1);
    await expect.poll(() => dialog.getByText('Table must be schema.table').count()).toBe(1);
    await expect.poll(() => dialog.getByText('Legal basis is required').count()).toBe(1);
    await checkpoint(page, 'compliance-retention-policy-form');
    await dialog.getByLabel('Category').fill('classroom_chat');
    await dialog.getByLabel('Table').fill('communication.messages');
    await dialog.getByLabel('Period in days (overrides the years)').fill('365');
    await dialog.getByLabel('Legal basis').fill('Classroom chat: one school year');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => policies.getByRole('row').count()).toBe(8);
    expect(await policies.getByRole('row').filter({ hasText: 'communication.messages' }).textContent()).toContain(
      '365 days',
    );
    await context.close();
  }, 240_000);

  it('retention run now: confirmed, followed to its report; the dry run then finds nothing of it', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'admin');
    await open(page, 'Retention', '/compliance/retention');
    await page.getByTestId('run-now').click();
    const dialog = page.getByRole('dialog', { name: 'Run retention now?' });
    await dialog.getByText('This cannot be undone').waitFor();
    await checkpoint(page, 'compliance-retention-run-confirm');
    await dialog.getByRole('button', { name: 'Run retention now' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 60_000 }).toMatch(/Completed/i);
    const report = page.getByTestId('run-report');
    await report.waitFor();
    const row = (category: string) => report.locator(`tr[data-category="${category}"]`);
    expect(await row('classroom_transcripts').getByTestId('removed').textContent()).toBe('33');
    expect(await row('classroom_audio').getByTestId('removed').textContent()).toBe('24');
    expect(await row('discipline').getByTestId('removed').textContent()).toBe('4');
    expect(await row('discipline').getByTestId('kept-by-hold').textContent()).toBe('2');
    await expect.poll(() => report.getByRole('status').textContent()).toMatch(/rows deleted or anonymised; 2 kept/);
    await checkpoint(page, 'compliance-retention-run-report');

    await page.getByTestId('dry-run').click();
    const dry = page.getByTestId('dry-run-report').locator('tr[data-category="classroom_transcripts"]');
    await expect.poll(() => dry.getByTestId('would-remove').textContent()).toBe('0');
    await context.close();
  }, 240_000);

  it('legal holds: the demo hold, a hold placed on a student by name, released with a reason', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'admin');
    await open(page, 'Legal holds', '/compliance/legal-holds');
    const holds = page.getByTestId('holds');
    await expect.poll(() => holds.getByText(/every record of student .+, .+ \(/).count()).toBe(1);
    await checkpoint(page, 'compliance-legal-holds');

    await pickStudent(page, 'hold-student');
    await page.getByLabel('Reason').fill('Records subpoena 2026-77');
    await page.getByRole('button', { name: 'Place hold' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Legal hold placed.');
    const mine = holds.getByRole('row').filter({ hasText: 'Records subpoena 2026-77' });
    await expect.poll(() => mine.textContent()).toContain(`every record of student ${student.last}, ${student.first}`);

    await mine.getByRole('button', { name: 'Release' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => dialog.getByText('Reason is required').count()).toBe(1);
    await checkpoint(page, 'compliance-legal-hold-release');
    await dialog.getByLabel('Why is the hold released?').fill('Subpoena withdrawn');
    await dialog.getByRole('button', { name: 'Release' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Legal hold released.');
    await expect.poll(() => mine.textContent()).toContain('Released');
    await context.close();
  }, 240_000);

  it('records requests: listed by status, a decision refused without a reason, then recorded', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'admin');
    await open(page, 'Records requests', '/compliance/records-requests');
    const requests = page.getByTestId('requests');
    await expect.poll(() => requests.getByRole('row').count()).toBe(3);
    await page.getByText('Under review', { exact: true }).first().click();
    await expect.poll(() => requests.getByRole('row').count()).toBe(2);
    await page.getByText('All', { exact: true }).click();
    await expect.poll(() => requests.getByRole('row').count()).toBe(3);
    await checkpoint(page, 'compliance-records-requests');

    await requests.getByRole('row').filter({ hasText: 'Correction' }).getByRole('button').click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.textContent()).toContain('middle name is missing');
    await drawer.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => drawer.getByText(/required/).count()).toBeGreaterThan(0);
    await checkpoint(page, 'compliance-records-request-detail');
    await drawer.getByLabel('Reason for the decision').fill('Birth certificate checked');
    await drawer.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => drawer.getByRole('status').textContent()).toContain('Decision recorded.');
    await expect.poll(() => drawer.textContent()).toContain('Approved');
    await expect.poll(() => drawer.textContent()).toContain('Birth certificate checked');
    await context.close();
  }, 240_000);

  it("FERPA export: a student's package built with progress, then downloaded", async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en', acceptDownloads: true });
    const page = await signIn(context, 'admin');
    await open(page, 'FERPA export', '/compliance/ferpa-export');
    await pickStudent(page, 'export-student');
    await page.getByRole('button', { name: 'Start the export' }).click();
    await expect.poll(() => page.getByTestId('job-status').textContent(), { timeout: 60_000 }).toMatch(/Completed/i);
    const link = page.getByTestId('download-export');
    await link.waitFor();
    await checkpoint(page, 'compliance-ferpa-export');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^ferpa-student-\d+-\d{4}-\d{2}-\d{2}\.zip$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(200);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await context.close();
  }, 240_000);

  it('the auditor reads retention, holds and requests, without the buttons that change them', async () => {
    const context = await world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'auditor');
    await open(page, 'Retention', '/compliance/retention');
    await expect.poll(() => page.getByTestId('policies').getByRole('row').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('new-policy').count()).toBe(0);
    expect(await page.getByTestId('run-now').count()).toBe(0);
    await open(page, 'Legal holds', '/compliance/legal-holds');
    await expect.poll(() => page.getByTestId('holds').getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByRole('button', { name: 'Release' }).count()).toBe(0);
    await checkpoint(page, 'compliance-auditor-holds');
    await context.close();
  }, 240_000);
});
