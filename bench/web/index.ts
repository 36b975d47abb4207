/**
 * The web app's first load in headless Chromium on the local server (PGlite only: the browser's work
 * does not depend on the engine): bytes transferred and JavaScript (gzip) of the sign-in page and of
 * the teacher's home, time until each is usable, and a 2,000-student roster scrolled for a second
 * (virtualised: frames over 50 ms counted). Baselines: the 250 kB gzip JavaScript goal for the first
 * route, and the Swagger UI page (/docs) the server already served for load time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { applicationPlugins, WEB_ROOT } from '../../src/app.js';
import { ensureWebBuilt } from '../../src/cli/web-build.js';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { latency, type Benchmark, type Measurement } from '../lib/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const JS_GOAL_BYTES = 250 * 1024;
const ROSTER_SIZE = 2000;

interface Load {
  transferred: number;
  jsGzip: number;
  ms: number;
}

/** Loads `url` in a fresh page; `ready` is the element that makes the page usable. */
async function firstLoad(browser: Browser, url: string, ready: string, cookie?: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  if (cookie) await context.addCookies([{ name: 'schola_session', value: cookie, url }]);
  const page = await context.newPage();
  const responses: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) =>
    responses.push(
      request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize })),
    ),
  );
  const start = Date.now();
  await page.goto(url);
  await page.locator(ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = Date.now() - start;
  await page.waitForLoadState('networkidle');
  const loaded = await Promise.all(responses);
  const jsGzip = loaded
    .filter((r) => new URL(r.url).pathname.endsWith('.js'))
    // The web app's own scripts (precompressed beside them); /docs loads Swagger UI's, not counted here.
    .map((r) => path.join(WEB_ROOT, `${new URL(r.url).pathname}.gz`))
    .reduce((sum, file) => sum + (fs.existsSync(file) ? fs.statSync(file).size : 0), 0);
  await context.close();
  return { transferred: loaded.reduce((sum, r) => sum + r.bytes, 0), jsGzip, ms };
}

/** Scrolls the roster for about a second; frames longer than 50 ms are dropped ones. */
async function scrollRoster(
  page: Page,
): Promise<{ frames: number; slow: number; missedVsync: number; longest: number; rows: number }> {
  return page.evaluate(async () => {
    const region = document.querySelector('[role=region][aria-label]') as HTMLElement;
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 60; i++) {
      region.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return {
      frames: times.length,
      slow: times.filter((t) => t > 50).length,
      // Longer than two 60 Hz frames: at least one vsync missed.
      missedVsync: times.filter((t) => t > 33.4).length,
      longest: Math.round(Math.max(...times)),
      rows: region.querySelectorAll('tbody tr').length,
    };
  });
}

export const benchmark: Benchmark = {
  name: 'web',
  description: 'web app first load (sign-in, teacher home) in headless Chromium; a 2,000-student roster scrolled',
  async run({ engine, log, note }) {
    if (engine !== 'pglite') return [];
    if (!fs.existsSync(CHROMIUM)) {
      log(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
      return [];
    }
    await ensureWebBuilt(log);
    const database = await openDatabase({});
    await migrate(database);
    // The demo generator is slow at 2,000 students (it writes every product's data for each): a small demo, then
    // the rest of the roster's students in one set-based INSERT.
    const seedStart = Date.now();
    const demo = await seedDemo(database, {
      ...DEFAULT_DEMO_SIZE,
      students: 100,
      schools: 1,
      sectionsPerSchool: 4,
      languageSchoolStudents: 4,
      finalGrades: false,
    });
    await database.query(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
       SELECT $1, 'WEB-' || g, 'Student' || g, 'Roster' || lpad(g::text, 4, '0'), DATE '2012-01-01' + (g % 365)
         FROM generate_series(1, $2::int) g`,
      [demo.districtTenantId, ROSTER_SIZE - 100],
    );
    // One section with every student of the school: the roster to scroll.
    await database.query(`
      INSERT INTO edfi.studentsectionassociation (tenant_id, studentusi, sectionidentifier, localcoursecode, schoolid,
        schoolyear, begindate)
      SELECT a.tenant_id, s.studentusi, a.sectionidentifier, a.localcoursecode, a.schoolid, a.schoolyear, a.begindate
        FROM (SELECT x.* FROM edfi.staffsectionassociation t JOIN identity.accounts acc
          ON acc.edfi_staff_usi = t.staffusi
                JOIN edfi.studentsectionassociation x ON x.tenant_id = t.tenant_id
                  AND x.sectionidentifier = t.sectionidentifier
               WHERE acc.email = 'teacher@demo-district.schola.dev' ORDER BY x.sectionidentifier LIMIT 1) a
        JOIN edfi.student s ON s.tenant_id = a.tenant_id
       ON CONFLICT DO NOTHING`);
    log(`seeded ${ROSTER_SIZE} students in ${Math.round((Date.now() - seedStart) / 1000)} s`);
    const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const signInResponse = await fetch(`${url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          tenant: 'demo-district',
          email: 'teacher@demo-district.schola.dev',
          password: DEMO_PASSWORD,
        }),
      });
      const { sessionToken } = (await signInResponse.json()) as { sessionToken: string };
      const docs = await firstLoad(browser, `${url}/docs/`, '.swagger-ui .info');
      const signIn = await firstLoad(browser, `${url}/sign-in`, 'button[type=submit]');
      const home = await firstLoad(browser, `${url}/sections`, 'a[href^="/sections/"]', sessionToken);
      log(`sign-in: ${signIn.transferred} B transferred, ${signIn.jsGzip} B JS gzip, usable in ${signIn.ms} ms`);
      log(`teacher home: ${home.transferred} B transferred, ${home.jsGzip} B JS gzip, usable in ${home.ms} ms`);
      log(`/docs (Swagger UI): usable in ${docs.ms} ms`);

      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      await context.addCookies([{ name: 'schola_session', value: sessionToken, url }]);
      const page = await context.newPage();
      await page.goto(`${url}/sections`);
      const biggest = page.locator('a[href^="/sections/"]', { hasText: String(ROSTER_SIZE) }).first();
      await biggest.click();
      await page.locator('tbody a[href^="/students/"]').first().waitFor();
      const scroll = await scrollRoster(page);
      note(
        `roster of ${ROSTER_SIZE}: ${scroll.rows} rows in the DOM, ${scroll.slow} of ${scroll.frames} frames over ` +
          `50 ms, ${scroll.missedVsync} over 33 ms, longest ${scroll.longest} ms`,
      );
      await context.close();

      const m = (metric: string, unit: string, value: number, baselineName: string, baseline: number, target: string) =>
        latency({ benchmark: 'web', engine, metric, unit, value, baselineName, baseline, target });
      const results: Measurement[] = [
        m('sign-in first load, JS gzip', 'B', signIn.jsGzip, 'goal', JS_GOAL_BYTES, '≤ 250 kB'),
        m('sign-in first load, transferred', 'B', signIn.transferred, 'goal', JS_GOAL_BYTES, ''),
        m('sign-in usable', 'ms', signIn.ms, 'Swagger UI /docs', docs.ms, ''),
        m('teacher home first load, JS gzip', 'B', home.jsGzip, 'goal', JS_GOAL_BYTES, ''),
        m('teacher home first load, transferred', 'B', home.transferred, 'goal', JS_GOAL_BYTES, ''),
        m('teacher home usable', 'ms', home.ms, 'Swagger UI /docs', docs.ms, ''),
        m(`roster of ${ROSTER_SIZE} scrolled, frames over 50 ms`, 'frames', scroll.slow, 'none dropped', 0, '0'),
      ];
      return results;
    } finally {
      await browser.close();
      await app.close();
      await database.close();
    }
  },
};
