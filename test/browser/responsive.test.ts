/**
 * Every demo role's home and menu at its device's size (Chromium, headless, playwright-core): teachers,
 * staff and administrators on a tablet (1024×768), students and parents on a phone (390×844, the menu
 * behind the burger). On each page: the main heading is visible, the page does not scroll sideways
 * (a wide table scrolls inside its own container), axe-core finds nothing serious; a screenshot of each
 * under .tmp/screenshots (responsive-*). One browser for the file, one context per role.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  demoEmail,
  demoSuite,
  DISTRICT,
  LANGUAGE_SCHOOL,
  languageSchoolEmail,
  PHONE,
  SHOTS,
  signIn,
  TABLET,
} from '../support/browser.js';

const suite = demoSuite('district', { jobs: false });

interface Role {
  who: string;
  tenant: 'district' | 'language-school';
  device: 'tablet' | 'phone';
}

// Every sign-in `schola start` prints (src/demo/accounts.ts), with the device its people use.
const ROLES: Role[] = [
  { who: 'admin', tenant: 'district', device: 'tablet' },
  { who: 'school-admin', tenant: 'district', device: 'tablet' },
  { who: 'teacher', tenant: 'district', device: 'tablet' },
  { who: 'counselor', tenant: 'district', device: 'tablet' },
  { who: 'nurse', tenant: 'district', device: 'tablet' },
  { who: 'auditor', tenant: 'district', device: 'tablet' },
  { who: 'student', tenant: 'district', device: 'phone' },
  { who: 'parent', tenant: 'district', device: 'phone' },
  { who: 'owner', tenant: 'language-school', device: 'tablet' },
  { who: 'secretary', tenant: 'language-school', device: 'tablet' },
  { who: 'finance', tenant: 'language-school', device: 'tablet' },
  { who: 'sales', tenant: 'language-school', device: 'tablet' },
  { who: 'teacher', tenant: 'language-school', device: 'tablet' },
  { who: 'student', tenant: 'language-school', device: 'phone' },
  { who: 'parent', tenant: 'language-school', device: 'phone' },
];

/** What a person finds wrong with the page as drawn: sideways scrolling, no heading, axe's serious findings. */
async function pageProblems(page: Page, viewportWidth: number): Promise<string[]> {
  const problems: string[] = [];
  const heading = page.getByRole('heading', { level: 1 });
  if (!(await heading.isVisible())) problems.push('no visible main heading');
  const width = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    inner: window.innerWidth,
    // The widest elements sticking out, to say what to fix.
    culprits: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 4)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 2).join('.')}`),
  }));
  if (width.scroll > width.inner || width.inner !== viewportWidth)
    problems.push(`scrolls sideways: ${width.scroll} > ${width.inner} (${width.culprits.join(', ')})`);
  problems.push(...(await accessibilityProblems(page)));
  return problems;
}

/** Waits for the page's data (a live page never idles: its heading then suffices). */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('.mantine-Loader-root'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

describe('every role on its device', () => {
  for (const role of ROLES) {
    const name = `${role.tenant === 'district' ? '' : 'ls-'}${role.who}`;
    it(`${name} on a ${role.device}: every menu page fits, with its heading and no serious axe finding`, async () => {
      const phone = role.device === 'phone';
      const viewport = phone ? PHONE : TABLET;
      const context = await suite.world.newContext({ viewport, locale: 'en', isMobile: phone, hasTouch: phone });
      const [slug, email] =
        role.tenant === 'district' ? [DISTRICT, demoEmail(role.who)] : [LANGUAGE_SCHOOL, languageSchoolEmail(role.who)];
      const page = await signIn(suite.world, context, slug, email);
      const burger = page.getByRole('button', { name: 'Menu', exact: true });
      const menu = page.getByRole('navigation', { name: 'Menu' });
      await settled(page);
      // On a phone the menu hides behind the burger; on a tablet it is always there.
      expect(await burger.isVisible()).toBe(phone);
      if (phone) await burger.click();
      await menu.getByRole('link').first().waitFor({ state: 'visible' });
      const targets = await menu
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));
      if (phone) await burger.click();
      expect(targets.length).toBeGreaterThan(0);

      const found: Record<string, string[]> = {};
      const check = async (path: string) => {
        found[path] = await pageProblems(page, viewport.width);
        const shot = path.replace(/^\//, '').replace(/\//g, '-');
        await page.screenshot({ path: `${SHOTS}/responsive-${name}-${shot}.png`, fullPage: true });
      };
      // The home (the menu's first page, as a rule) as landed on, then every other page of the menu.
      const home = new URL(page.url()).pathname;
      await check(home);
      for (const [label, href] of targets.filter(([, href]) => href !== home)) {
        // The URL changes before a lazy page's code arrives, and the previous page stays on screen until
        // then: the checks must wait for its h1 to go (any h1 would do for settled()).
        const previous = await page.locator('#main').getByRole('heading', { level: 1 }).first().elementHandle();
        if (phone) await burger.click();
        await menu.getByRole('link', { name: label, exact: true }).click();
        await page.waitForURL((u) => u.pathname === href);
        await previous?.waitForElementState('hidden', { timeout: 30_000 });
        await settled(page);
        // The burger's menu closes once a page is chosen.
        if (phone) await expect.poll(() => menu.getByRole('link').first().isVisible()).toBe(false);
        await check(href!);
      }
      expect(Object.entries(found).filter(([, problems]) => problems.length > 0)).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
