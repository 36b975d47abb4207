/**
 * The interactive API documentation as a person sees it: Debian's Chromium (headless, driven by
 * playwright-core) opens /docs on a running server, the page renders the generated operations, and a
 * "Try it out" call to a list endpoint returns the problem+json of an anonymous caller.
 * CI installs /usr/bin/chromium (.ci/run); without it (a bare developer machine) the test is skipped.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';

const CHROMIUM = '/usr/bin/chromium';

describe.runIf(fs.existsSync(CHROMIUM))('API documentation page in a browser', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    database = await migratedDatabase();
    app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
  });

  it('renders the generated operations and runs one against the server', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/docs/`, { waitUntil: 'networkidle' });
    await page.getByText('Schola API').first().waitFor({ timeout: 30_000 });
    // 178 resources: the filter box finds one (the page renders tags lazily as it scrolls).
    await page.locator('input.operation-filter-input').fill('oneroster/orgs');
    await page.locator('h3.opblock-tag', { hasText: 'oneroster/orgs' }).first().waitFor();
    await page.locator('input.operation-filter-input').fill('edfi/student');
    const tag = page.locator('h3.opblock-tag', { hasText: /^edfi\/student$/ }).first();
    await tag.waitFor();
    await tag.click();
    const list = page.locator('.opblock-get .opblock-summary-path', { hasText: '/api/v1/edfi/student' }).first();
    await list.click();
    await page.getByRole('button', { name: 'Try it out' }).first().click();
    await page.getByRole('button', { name: 'Execute' }).first().click();
    const status = page.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('401');
    fs.mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/docs-page.png', fullPage: false });
    expect(errors).toEqual([]);
  }, 120_000);
});
