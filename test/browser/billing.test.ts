/**
 * Language-school billing in Chromium (headless, playwright-core) against a real server with the demo
 * (whose billing step issued invoices in cents, some paid, some overdue): the secretary filters the
 * invoices, opens one, records a cash payment typed in reais and a bank transfer with its reference, and
 * creates a PIX charge (QR and copia e cola); the parent pays an invoice by PIX. axe-core on every page;
 * screenshots under .tmp/screenshots.
 */
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

describe('billing in the browser', () => {
  it('the secretary sees the invoices, opens one, records a payment and creates a PIX charge', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'secretary');
    await openFromMenu(page, 'Invoices', 'Invoices');
    const rows = page.getByRole('table', { name: 'Invoices' }).getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    await checkpoint(page, 'billing-secretary-invoices');
    for (const status of ['Paid', 'Overdue', 'Pending']) {
      await page.getByText(status, { exact: true }).first().click();
      await expect.poll(() => rows.nth(1).getByText(status, { exact: true }).count()).toBe(1);
    }
    await openLink(page, rows.nth(1).getByRole('link', { name: 'Open' }), 'Invoice');
    const balance = page.getByTestId('balance');
    await expect.poll(() => balance.textContent()).toMatch(/Balance: R\$/);
    const before = (await balance.textContent())!;
    await page.getByLabel('Amount (R$)').fill('10,50');
    await page.getByRole('button', { name: 'Record payment' }).last().click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Payment recorded.');
    await expect.poll(() => balance.textContent()).not.toBe(before);
    await expect.poll(() => page.getByRole('table', { name: 'Payments' }).getByText('R$10.50').count()).toBe(1);
    // A bank transfer asks for the bank and the document number before it is recorded.
    await page.getByText('Bank transfer', { exact: true }).click();
    await page.getByLabel('Bank and document').fill('Itaú TED 004512');
    await page.getByLabel('Amount (R$)').fill('5,25');
    await page.getByRole('button', { name: 'Record payment' }).last().click();
    await expect.poll(() => page.getByRole('table', { name: 'Payments' }).getByText('R$5.25').count()).toBe(1);
    await page.getByRole('button', { name: 'Create PIX charge' }).click();
    const qr = page.getByRole('img', { name: /PIX QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('pix-code').textContent()).toMatch(/^000201.*br\.gov\.bcb\.pix/i);
    await checkpoint(page, 'billing-secretary-pix');
    await context.close();
  }, 180_000);

  it('the parent sees the family invoices and pays one by PIX (pt-BR)', async () => {
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
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
