/**
 * Language-school billing in Chromium (headless, playwright-core) against a real server with the demo
 * (whose billing step issued invoices in cents, some paid, some overdue): the secretary filters the
 * invoices, opens one, records a cash payment typed in reais and creates a PIX charge (QR and copia e
 * cola); the parent pays an invoice by PIX. axe-core on every page; screenshots under .tmp/screenshots.
 */
import fs from 'node:fs';
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
import { createLogger } from '../../src/platform/log/logger.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { SMALL_DISTRICT } from '../support/oneroster-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = '.tmp/screenshots';
const DESKTOP = { width: 1440, height: 900 };
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

describe('billing in the browser', () => {
  it('the secretary sees the invoices, opens one, records a payment and creates a PIX charge', async () => {
    const context = await newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'secretary');
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.waitForURL('**/billing/invoices');
    const rows = page.getByRole('table', { name: 'Invoices' }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    await checkpoint(page, 'billing-secretary-invoices');
    for (const status of ['Paid', 'Overdue', 'Pending']) {
      await page.getByText(status, { exact: true }).first().click();
      await expect.poll(() => rows.nth(1).getByText(status, { exact: true }).count()).toBe(1);
    }
    await rows.nth(1).getByRole('link', { name: 'Open' }).click();
    await page.waitForURL('**/billing/invoices/*');
    const balance = page.getByTestId('balance');
    await expect.poll(() => balance.textContent()).toMatch(/Balance: R\$/);
    const before = (await balance.textContent())!;
    await page.getByLabel('Amount (R$)').fill('10,50');
    await page.getByRole('button', { name: 'Record payment' }).last().click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Payment recorded.');
    await expect.poll(() => balance.textContent()).not.toBe(before);
    await expect.poll(() => page.getByRole('table', { name: 'Payments' }).getByText('R$10.50').count()).toBe(1);
    await page.getByRole('button', { name: 'Create PIX charge' }).click();
    const qr = page.getByRole('img', { name: /PIX QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('pix-code').textContent()).toMatch(/^000201.*br\.gov\.bcb\.pix/i);
    await checkpoint(page, 'billing-secretary-pix');
    await context.close();
  }, 180_000);

  it('the parent sees the family invoices and pays one by PIX (pt-BR)', async () => {
    const context = await newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const page = await signIn(context, 'parent');
    expect(new URL(page.url()).pathname).toBe('/billing/my-invoices');
    const pay = page.getByRole('button', { name: 'Pagar com PIX' });
    await expect.poll(() => pay.count()).toBeGreaterThan(0);
    await pay.first().click();
    await page.getByRole('img', { name: /QR Code PIX/ }).waitFor();
    await checkpoint(page, 'billing-parent-pix');
    await context.close();
  }, 180_000);
});
