/**
 * The finance payouts and payroll-calculation screens in Chromium (headless, playwright-core) against a
 * real server with the demo books: payouts filtered by status and month, a pending one approved and paid
 * through the payroll service, the payroll table with INSS and IRRF apart and one payroll's calculation.
 * axe-core on every page; screenshots under .tmp/screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  demoSuite,
  idleCheckpoint as checkpoint,
  openFromMenu,
  openLink,
  WIDE as DESKTOP,
} from '../support/browser.js';

const suite = demoSuite('language-school', { jobs: false });
const { signIn } = suite;

const rows = (page: Page) => page.getByRole('table', { name: 'Payouts' }).locator('tbody tr');
const filter = (page: Page, label: string) => page.getByRole('radiogroup').getByText(label, { exact: true }).click();

describe('finance payouts and payroll calculation in the browser', () => {
  it('filters payouts, approves and pays one, and reads a payroll calculation', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'finance');
    await openFromMenu(page, 'Payouts', 'Payouts');
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('payout-totals').textContent()).toMatch(/Paid: R\$/);
    await checkpoint(page, 'finance-payouts');

    // Pending only: the payout awaiting approval; approving it goes through its payroll.
    await filter(page, 'Pending');
    await expect.poll(async () => (await rows(page).allTextContents()).every((r) => r.includes('Pending'))).toBe(true);
    const pending = rows(page).filter({ hasText: 'Awaiting approval' }).first();
    await pending.getByRole('button', { name: /^Approve/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Payroll approved');

    // Approved: pay what is still due in one click; it then shows as paid.
    await filter(page, 'Approved');
    const approved = rows(page)
      .filter({ has: page.getByRole('button', { name: /^Pay R\$/ }) })
      .first();
    await approved.waitFor();
    await approved.getByRole('button', { name: /^Pay R\$/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Payment recorded.');
    await filter(page, 'Paid');
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);
    await filter(page, 'All');

    // A month without payouts shows none; the demo's payroll month shows them.
    const month = page.getByLabel('Month');
    await month.fill('2020-01');
    await expect.poll(() => page.getByText('Nothing here yet.').count()).toBe(1);
    await month.fill('');
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);

    // Payroll: INSS and IRRF in their own columns; the CLT teacher's calculation opens from the name.
    await openFromMenu(page, 'Payroll', 'Payroll');
    await page.getByRole('table', { name: 'Payroll' }).locator('thead th').first().waitFor();
    const headers = await page.getByRole('table', { name: 'Payroll' }).locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Gross', 'INSS', 'IRRF', 'Other deductions', 'Additions', 'Net']));
    await checkpoint(page, 'finance-payroll-columns');
    const links = page.getByRole('table', { name: 'Payroll' }).locator('tbody tr td:first-child a');
    const count = await links.count();
    let opened = false;
    for (let i = 0; i < count && !opened; i++) {
      await openLink(page, links.nth(i), /^Payroll of /);
      await page.getByRole('table', { name: 'Summary' }).waitFor();
      if ((await page.getByRole('table', { name: /INSS withheld/ }).count()) > 0) opened = true;
      else await page.goBack();
    }
    expect(opened).toBe(true);
    const slices = page.getByRole('table', { name: /INSS withheld/ }).locator('tbody tr');
    expect(await slices.count()).toBeGreaterThan(1);
    const irrf = await page.getByRole('table', { name: /IRRF withheld/ }).textContent();
    expect(irrf).toContain('Taxable base');
    expect(irrf).toMatch(/Bracket \d/);
    await checkpoint(page, 'finance-payroll-detail');
    await context.close();
  }, 240_000);
});
