/**
 * The language school's finance screens in Chromium (headless, playwright-core) against a real server
 * with the demo books: the finance role's menu, a balanced trial balance, the journal and one entry with
 * its lines, a reversal, and the payroll awaiting approval approved, then a payment above what is owed
 * refused with the API's words. axe-core on every page; screenshots under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import {
  demoSuite,
  idleCheckpoint as checkpoint,
  menuItems,
  openFromMenu,
  openLink,
  WIDE as DESKTOP,
} from '../support/browser.js';

const suite = demoSuite('language-school', { jobs: false });
const { signIn } = suite;

describe('language-school finance in the browser', () => {
  it('finance sees a balanced trial balance, opens the journal and an entry, approves the payroll', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'finance');
    expect(new URL(page.url()).pathname).toBe('/finance/trial-balance');
    expect(await menuItems(page)).toEqual(['Trial balance', 'Journal', 'Payroll', 'Payouts', 'Invoices']);

    // The trial balance of the demo's months (around today) balances: the totals row shows equal debits and credits.
    const year = new Date().getUTCFullYear();
    await page.getByLabel('From').fill(`${year - 1}-01-01`);
    await page.getByLabel('To').fill(`${year + 1}-12-31`);
    const totals = page.getByTestId('trial-balance-totals');
    await expect.poll(() => totals.textContent()).toContain('Balanced: debits equal credits');
    const cells = await totals.locator('th').allTextContents();
    expect(cells[1]).toBe(cells[2]);
    expect(cells[1]).toMatch(/R\$/);
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBeGreaterThan(4);
    await checkpoint(page, 'finance-trial-balance');

    // The journal lists the entries; the capital contribution opens with its two lines.
    await openFromMenu(page, 'Journal', 'Journal');
    const row = page.getByRole('row').filter({ hasText: 'Integralização de capital social' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Posted');
    await checkpoint(page, 'finance-journal');
    await openLink(page, row.getByRole('link'), /^Journal entry #\d+/);
    const lines = page.getByRole('table', { name: 'Lines' }).getByRole('row');
    await expect.poll(() => lines.count()).toBe(3);
    await expect.poll(() => page.getByText(/R\$\s?50,000\.00/).count()).toBe(2);
    await checkpoint(page, 'finance-journal-entry');

    // Reversing needs a reason; the entry then shows as reversed, with a link to its reversal.
    const reverse = page.getByRole('button', { name: 'Reverse entry' });
    expect(await reverse.isDisabled()).toBe(true);
    await page.getByLabel('Reason for reversing').fill('Posted to the wrong period');
    await reverse.click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Entry reversed');
    await expect.poll(() => page.getByText('Reversed', { exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: /Reversed by a later entry/ }).click();
    await expect.poll(() => page.getByText(/This entry reverses another/).count()).toBe(1);

    // Payroll: last month's payroll awaiting approval is approved; the other was approved and paid.
    await openFromMenu(page, 'Payroll', 'Payroll');
    const waiting = page.getByRole('row').filter({ hasText: 'Awaiting approval' });
    await waiting.waitFor();
    expect(await page.getByRole('table', { name: 'Payroll' }).getByRole('row').count()).toBeGreaterThan(2);
    await checkpoint(page, 'finance-payroll');
    await waiting.getByRole('button', { name: /^Approve/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Payroll approved');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Awaiting approval' }).count()).toBe(0);

    // A payment above what is owed is refused, and the API's reason is shown in words.
    const approved = page.getByRole('row').filter({ hasText: 'Approved' });
    await approved.getByRole('button', { name: 'Record payment' }).click();
    await approved.getByLabel('Amount').fill('9999999');
    await approved.getByRole('button', { name: 'Confirm payment' }).click();
    // The demo's payroll follows today's date, so what is still due is read from the refusal itself.
    const refusal = /The payment is more than what is still due \(R\$([\d,]+\.\d\d)\)\./;
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(refusal);
    const due = refusal.exec((await page.getByRole('alert').textContent()) ?? '')![1]!.replace(/,/g, '');
    expect(Number(due)).toBeGreaterThan(0);
    await checkpoint(page, 'finance-payroll-refused-payment');
    // The amount still due is paid: the payroll is then paid in full.
    await approved.getByLabel('Amount').fill(due);
    await approved.getByRole('button', { name: 'Confirm payment' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Payment recorded.');
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Approved' }).count()).toBe(0);
    await context.close();
  }, 240_000);
});
