/**
 * The language school's screens in Chromium (headless, playwright-core) against a real server with
 * the demo: the secretary's enrolments and week calendar (pt-BR), the sales lead board — a lead
 * dragged forward moves, a lead dragged backward stays and the API's refusal is shown — and the
 * teacher's classes and attendance. axe-core on every page; screenshots under .tmp/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { ensureWebBuilt } from '../../src/cli/web-build.js';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { seedDemo } from '../../src/demo/seed.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { SMALL_DISTRICT } from '../support/oneroster-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '.tmp/screenshots';
const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1024, height: 768 };
const TENANT = 'demo-district-language-school';
const email = (who: string) => `${who}@demo-language-school.schola.dev`;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let database: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let url: string;

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

async function checkpoint(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await accessibilityProblems(page), name).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function signIn(context: BrowserContext, who: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await page.waitForURL('**/sign-in');
  await page.locator('input[name=tenant]').fill(TENANT);
  await page.locator('input[name=email]').fill(email(who));
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname !== '/' && !u.pathname.startsWith('/sign-in'));
  return page;
}

const newContext = (options: Parameters<Browser['newContext']>[0]) =>
  browser.newContext({ ...options, bypassCSP: true });

async function menuItems(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: /Menu/ }).getByRole('link');
  await links.first().waitFor();
  return links.allTextContents();
}

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
  await ensureWebBuilt(() => undefined);
  fs.mkdirSync(SHOTS, { recursive: true });
  database = await migratedDatabase();
  await seedDemo(database, SMALL_DISTRICT);
  app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
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

describe('language school in the browser', () => {
  it('the secretary sees the enrolments and the week calendar of the term (pt-BR)', async () => {
    const context = await newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const page = await signIn(context, 'secretary');
    expect(await menuItems(page)).toEqual(['Secretaria', 'Matrículas', 'Grade de horários', 'Leads (CRM)', 'Faturas']);
    await page.getByRole('link', { name: 'Matrículas' }).click();
    await page.waitForURL('**/ls/enrollments');
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBeGreaterThan(3);
    await checkpoint(page, 'language-secretary-enrollments');
    await page.getByRole('link', { name: 'Grade de horários' }).click();
    await page.waitForURL('**/ls/schedule');
    // Today is past the demo term: the calendar opens on the term's first week, with its classes.
    await expect.poll(() => page.getByTestId('week-range').textContent()).toMatch(/2026/);
    await expect.poll(() => page.getByText(/09:00–10:30/).count()).toBeGreaterThan(0);
    await checkpoint(page, 'language-secretary-schedule');
    await page.getByRole('button', { name: 'Próxima semana' }).click();
    await expect.poll(() => page.getByTestId('week-range').textContent()).toMatch(/9 de fev/);
    await context.close();
  }, 180_000);

  it('sales drag a lead forward; a backward drag is refused with the API problem', async () => {
    const context = await newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'sales');
    await page.getByRole('link', { name: 'Leads (CRM)' }).click();
    await page.waitForURL('**/ls/leads');
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
    const context = await newContext({ viewport: TABLET, locale: 'en' });
    const page = await signIn(context, 'teacher');
    expect(new URL(page.url()).pathname).toBe('/ls/classes');
    expect(await menuItems(page)).toEqual(['My classes']);
    await expect.poll(() => page.getByText(/seats/).count()).toBeGreaterThan(0);
    await checkpoint(page, 'language-teacher-classes');
    await page.getByRole('link', { name: 'Take attendance' }).first().click();
    await page.waitForURL('**/ls/classes/sessions/*');
    const rows = page.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await page.getByRole('radiogroup').first().getByText('Late').click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Attendance saved.');
    await checkpoint(page, 'language-teacher-attendance');
    await context.close();
  }, 180_000);
});
