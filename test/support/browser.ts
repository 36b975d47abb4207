/**
 * Browser-test helpers (playwright-core with Debian's Chromium, headless): a real server on a fresh
 * PGlite database with the demo district, axe-core checks (serious and critical violations) and
 * screenshots under .tmp/screenshots, signing in by field name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { ensureWebBuilt } from '../../src/cli/web-build.js';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { seedDemo } from '../../src/demo/seed.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createJobRunner } from '../../src/platform/jobs/runner.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { migratedDatabase, type TestDatabase } from './db.js';
import { SMALL_DISTRICT } from './oneroster-fixture.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = '.tmp/screenshots';
export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 1024, height: 768 };
export const DESKTOP = { width: 1280, height: 860 };
/** The wider desktop the office and finance suites screenshot at. */
export const WIDE = { width: 1440, height: 900 };
export const DISTRICT = 'demo-district';
export const demoEmail = (who: string) => `${who}@demo-district.schola.dev`;
export const LANGUAGE_SCHOOL = 'demo-district-language-school';
export const languageSchoolEmail = (who: string) => `${who}@demo-language-school.schola.dev`;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface BrowserWorld {
  database: TestDatabase;
  app: FastifyInstance;
  browser: Browser;
  url: string;
  /** A browser profile; axe-core is injected as an inline script, which the app's CSP rightly forbids. */
  newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface BrowserWorldOptions {
  /** Runs the background jobs (pg-boss); without them, endpoints that enqueue jobs answer 503. Default true. */
  jobs?: boolean;
}

export async function browserWorld({ jobs = true }: BrowserWorldOptions = {}): Promise<BrowserWorld> {
  await ensureWebBuilt(() => undefined);
  fs.mkdirSync(SHOTS, { recursive: true });
  const database = await migratedDatabase();
  await seedDemo(database, SMALL_DISTRICT);
  const logger = createLogger('silent');
  const uploadDir = jobs ? fs.mkdtempSync(path.join(os.tmpdir(), 'schola-web-uploads-')) : undefined;
  const app = await buildApp({
    database,
    logger,
    jobs: uploadDir ? createJobRunner(database, { logger, uploadDir, pollIntervalMs: 200 }) : undefined,
    plugins: applicationPlugins(),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  return {
    database,
    app,
    browser,
    url,
    newContext: (options) => browser.newContext({ ...options, bypassCSP: true }),
    async close() {
      await browser.close();
      await app.close();
      await database.dispose();
    },
  };
}

/** axe-core on the page as it is: serious and critical violations, described. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
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

/** Checks accessibility and saves the screenshot of a main page (a live page never idles: no network wait). */
export async function checkpoint(page: Page, name: string): Promise<void> {
  expect(await accessibilityProblems(page), name).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The checkpoint of a page that settles: waits for the network to idle first (a live page never does). */
export async function idleCheckpoint(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await checkpoint(page, name);
}

/** How long a page's own heading may take to show: its lazy code and first query, on a busy shared machine. */
const PAGE_ARRIVAL = { timeout: 30_000 };

/** The page's own title (every page draws one h1 through `Page`); a string matches the whole title. */
export function pageHeading(page: Page, heading: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name: heading, exact: typeof heading === 'string' });
}

/**
 * Follows a link and waits for the page it opens. Routes are lazy: the URL changes first and the previous
 * page stays on screen until the new page's code has arrived, so a test that reads right after the click
 * (or after waitForURL) can read the old page's rows as the new one's. The new page's own h1 is the proof.
 */
export async function openLink(page: Page, link: Locator, heading: string | RegExp): Promise<void> {
  await link.click();
  await pageHeading(page, heading).waitFor(PAGE_ARRIVAL);
}

/** Opens an entry of the shell's menu (by its exact label) and waits for that page's h1 (see openLink). */
export async function openFromMenu(page: Page, label: string, heading: string | RegExp): Promise<void> {
  const menu = page.getByRole('navigation', { name: /Menu/ });
  await openLink(page, menu.getByRole('link', { name: label, exact: true }), heading);
}

/** Loads an address and waits for the page's own h1 (the app's shell draws before the lazy page arrives). */
export async function gotoPage(page: Page, url: string, heading: string | RegExp): Promise<void> {
  await page.goto(url);
  await pageHeading(page, heading).waitFor(PAGE_ARRIVAL);
}

/** The entries of the shell's menu, once it is drawn. */
export async function menuItems(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: /Menu/ }).getByRole('link');
  await links.first().waitFor();
  return links.allTextContents();
}

/**
 * Evidence of a failure that happens now and then: records the context (Playwright trace with screenshots
 * and DOM snapshots, `npx playwright show-trace`) and, if the test fails, saves it with a screenshot and
 * the browser's console under .tmp/traces/<name>-<time>.
 */
export async function traceOnFailure(context: BrowserContext, name: string): Promise<void> {
  const console: string[] = [];
  const started = Date.now();
  context.on('console', (m) => console.push(`${Date.now() - started} ms ${m.type()}: ${m.text()}`));
  await context.tracing.start({ screenshots: true, snapshots: true });
  onTestFailed(async () => {
    const base = path.join('.tmp', 'traces', `${name}-${started}`);
    fs.mkdirSync(path.dirname(base), { recursive: true });
    fs.writeFileSync(`${base}.console.txt`, console.join('\n'));
    await context
      .pages()[0]
      ?.screenshot({ path: `${base}.png`, fullPage: true })
      .catch(() => undefined);
    await context.tracing.stop({ path: `${base}.zip` });
  });
}

/** A page that fails the test on any uncaught error in the browser. */
export async function strictPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

export async function signIn(world: BrowserWorld, context: BrowserContext, tenant: string, who: string): Promise<Page> {
  const page = await strictPage(context);
  await page.goto(world.url);
  await page.waitForURL('**/sign-in');
  // By field name: the labels are in the browser's language.
  await page.locator('input[name=tenant]').fill(tenant);
  await page.locator('input[name=email]').fill(who);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  // Signed in, the app sends '/' on to the role's home.
  await page.waitForURL((u) => u.pathname !== '/' && !u.pathname.startsWith('/sign-in'));
  // The home is a lazy route too: the shell draws first, the home's own h1 once its code has arrived.
  await page.locator('#main').getByRole('heading', { level: 1 }).first().waitFor(PAGE_ARRIVAL);
  return page;
}

/**
 * A test file's browser world over the demo: started before its tests, closed after them. `signIn(context,
 * who)` opens a page signed in as one of the demo tenant's people ('teacher', 'secretary'…).
 */
export function demoSuite(tenant: 'district' | 'language-school', options?: BrowserWorldOptions) {
  const [slug, email] = tenant === 'district' ? [DISTRICT, demoEmail] : [LANGUAGE_SCHOOL, languageSchoolEmail];
  const suite = {
    world: undefined as unknown as BrowserWorld,
    signIn: (context: BrowserContext, who: string) => signIn(suite.world, context, slug, email(who)),
  };
  beforeAll(async () => {
    suite.world = await browserWorld(options);
  }, 300_000);
  afterAll(() => suite.world?.close());
  return suite;
}
