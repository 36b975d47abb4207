/**
 * Gateway charges and webhooks through HTTP: a PIX charge with a real BR Code and QR, a boleto whose
 * line and barcode agree, card authorise / capture / refund, and the signed webhook — a bad signature
 * is refused, the same event delivered 20 times at once settles the invoice exactly once, and a 999
 * PIX payment on a 450 invoice settles it with the rest credited to the family.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { barcodeFromLine, parsePixPayload, simulatorEvent, TEST_CARDS } from '../gateways/index.js';
import { generateInvoices } from './generate.js';
import { periodFromNow } from '../../../../test/support/calendar.js';

let h: DomainHarness;
let finance: Principal;
let tenant: string;
let invoiceIds: string[];

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.languageSchoolTenantId;
  finance = h.principal(['finance'], { tenantId: tenant });
  // Four months ahead, after the demo's term (so not billed yet): the early discount applies,
  // so the tests compare with the charge's amount (what the invoice owes today), never a fixed figure.
  invoiceIds = (await h.work(finance, (w) => generateInvoices(w, { period: periodFromNow(4) }))).invoiceIds;
}, 120_000);
afterAll(() => h?.dispose());

const deliver = (body: string, signature: string) =>
  h.inject(undefined, {
    method: 'POST',
    url: `/api/v1/billing/webhooks/simulator/${tenant}`,
    headers: { 'content-type': 'application/json', 'schola-gateway-signature': signature },
    payload: body,
  });

describe('charges and webhooks', () => {
  it('creates a PIX charge with a valid BR Code and QR, and settles it once from 20 concurrent deliveries', async () => {
    const id = invoiceIds[0]!;
    const res = await h.inject(finance, { method: 'POST', url: `/api/v1/billing/invoices/${id}/pix` });
    expect(res.statusCode).toBe(201);
    const charge = res.json();
    const pix = parsePixPayload(charge.details.copyPaste);
    expect(pix.crcValid).toBe(true);
    expect(pix.merchantAccount['00']).toBe('br.gov.bcb.pix');
    expect(pix.fields['54']).toBe((charge.amountCents / 100).toFixed(2));
    expect(pix.additionalData['05']).toBe(charge.externalId);
    expect(charge.details.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(Date.parse(charge.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    const event = simulatorEvent({
      id: 'evt_pix_1',
      type: 'charge.paid',
      chargeExternalId: charge.externalId,
      amountCents: charge.amountCents,
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => deliver(event.body, event.signature)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(results.filter((r) => r.json().duplicate === false)).toHaveLength(1);
    const [count] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM finance.transactions WHERE tenant_id = $1 AND invoice_id = $2`,
      [tenant, id],
    );
    expect(count!.n).toBe(1);
    const detail = (await h.inject(finance, { method: 'GET', url: `/api/v1/billing/invoices/${id}` })).json();
    expect(detail).toMatchObject({ status: 'paid', balanceCents: 0 });
  });

  it('settles each charge once from 100 concurrent deliveries (repeated and re-issued events)', async () => {
    const ids = invoiceIds.slice(4, 14);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const perCharge = Math.ceil(100 / ids.length);
    const charges = await Promise.all(
      ids.map(async (id) =>
        (await h.inject(finance, { method: 'POST', url: `/api/v1/billing/invoices/${id}/pix` })).json(),
      ),
    );
    // Per charge: its share of 100 deliveries, of 3 distinct event ids (a gateway re-sends, and re-issues).
    const deliveries = charges.flatMap((charge, c) =>
      Array.from({ length: perCharge }, (_, d) =>
        simulatorEvent({
          id: `evt_many_${c}_${d % 3}`,
          type: 'charge.paid',
          chargeExternalId: charge.externalId,
          amountCents: charge.amountCents,
        }),
      ),
    );
    const results = await Promise.all(deliveries.map((e) => deliver(e.body, e.signature)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(deliveries.length).fill(200));
    // Each event id is recorded once; each charge is settled by exactly one of its events.
    expect(results.filter((r) => r.json().duplicate === false)).toHaveLength(3 * ids.length);
    expect(results.filter((r) => r.json().outcome === 'settled')).toHaveLength(ids.length);
    const [payments] = await h.database.query<{ n: number; invoices: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT invoice_id)::int AS invoices FROM finance.transactions
        WHERE tenant_id = $1 AND invoice_id = ANY($2)`,
      [tenant, ids],
    );
    expect(payments).toEqual({ n: ids.length, invoices: ids.length });
    const [events] = await h.database.query<{ n: number; open: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE outcome IS NULL)::int AS open FROM finance.gateway_events
        WHERE tenant_id = $1 AND event_id LIKE 'evt_many_%'`,
      [tenant],
    );
    expect(events).toEqual({ n: 3 * ids.length, open: 0 });
    // The books: every entry balanced, numbers 1..n per organisation without gaps or repeats.
    const books = await h.database.query<{ entries: number; distinct_numbers: number; top: number; off: number }>(
      `SELECT count(*)::int AS entries, count(DISTINCT entry_number)::int AS distinct_numbers,
              max(entry_number)::int AS top,
              count(*) FILTER (WHERE (SELECT coalesce(sum(CASE entry_type WHEN 'debit' THEN amount_cents
                                                   ELSE -amount_cents END), 0)
                                        FROM finance.journal_entry_lines l
                                       WHERE l.tenant_id = e.tenant_id AND l.entry_id = e.id) <> 0)::int AS off
         FROM finance.journal_entries e WHERE tenant_id = $1 AND status <> 'draft' GROUP BY organization_id`,
      [tenant],
    );
    for (const b of books) expect(b).toEqual({ entries: b.top, distinct_numbers: b.top, top: b.top, off: 0 });
  });

  it('refuses an unsigned, tampered or stale delivery with 401 and changes nothing', async () => {
    const event = simulatorEvent({ id: 'evt_bad', type: 'charge.paid', chargeExternalId: 'X', amountCents: 100 });
    expect((await deliver(event.body, '')).statusCode).toBe(401);
    expect((await deliver(event.body.replace('100', '900'), event.signature)).statusCode).toBe(401);
    const stale = simulatorEvent(
      { id: 'evt_old', type: 'charge.paid', chargeExternalId: 'X', amountCents: 100 },
      new Date(Date.now() - 10 * 60_000),
    );
    expect((await deliver(stale.body, stale.signature)).statusCode).toBe(401);
    const [count] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM finance.gateway_events
        WHERE tenant_id = $1 AND event_id IN ('evt_bad', 'evt_old')`,
      [tenant],
    );
    expect(count!.n).toBe(0);
  });

  it('settles a 999 PIX payment on a 450 invoice and credits the rest to the family', async () => {
    const id = invoiceIds[1]!;
    const charge = (await h.inject(finance, { method: 'POST', url: `/api/v1/billing/invoices/${id}/pix` })).json();
    const event = simulatorEvent({
      id: 'evt_pix_999',
      type: 'charge.paid',
      chargeExternalId: charge.externalId,
      amountCents: 99_900,
    });
    expect((await deliver(event.body, event.signature)).json()).toMatchObject({ outcome: 'settled' });
    const detail = (await h.inject(finance, { method: 'GET', url: `/api/v1/billing/invoices/${id}` })).json();
    expect(detail).toMatchObject({ status: 'paid', balanceCents: 0 });
    expect(detail.familyCreditCents).toBe(99_900 - detail.paidCents);
  });

  it('makes a boleto whose line gives back its barcode', async () => {
    const res = await h.inject(finance, { method: 'POST', url: `/api/v1/billing/invoices/${invoiceIds[2]}/boleto` });
    expect(res.statusCode).toBe(201);
    const { details, amountCents } = res.json();
    expect(details.line).toHaveLength(47);
    expect(barcodeFromLine(details.line)).toBe(details.barcode);
    expect(Number(details.barcode.slice(9, 19))).toBe(amountCents);
  });

  it('authorises, captures and refunds a card; declines the decline test card', async () => {
    const id = invoiceIds[3]!;
    const declined = await h.inject(finance, {
      method: 'POST',
      url: `/api/v1/billing/invoices/${id}/card`,
      ...json({ cardNumber: TEST_CARDS.declined }),
    });
    expect(declined.statusCode).toBe(402);
    const luhn = await h.inject(finance, {
      method: 'POST',
      url: `/api/v1/billing/invoices/${id}/card`,
      ...json({ cardNumber: '4111111111111112' }),
    });
    expect(luhn.statusCode).toBe(400);
    const auth = await h.inject(finance, {
      method: 'POST',
      url: `/api/v1/billing/invoices/${id}/card`,
      ...json({ cardNumber: TEST_CARDS.approvedVisa }),
    });
    expect(auth.statusCode).toBe(201);
    const chargeId = auth.json().id;
    const capture = await h.inject(finance, { method: 'POST', url: `/api/v1/billing/charges/${chargeId}/capture` });
    expect(capture.json()).toMatchObject({ charge: { status: 'paid' }, payment: { invoice: { status: 'paid' } } });
    const again = await h.inject(finance, { method: 'POST', url: `/api/v1/billing/charges/${chargeId}/capture` });
    expect(again.statusCode).toBe(409);
    const refund = await h.inject(finance, { method: 'POST', url: `/api/v1/billing/charges/${chargeId}/refund` });
    expect(refund.json()).toMatchObject({ charge: { status: 'refunded' }, payment: { invoice: { paidCents: 0 } } });
  });
});
