/**
 * Fiscal documents against a real database (demo language school, whose billing step paid some
 * invoices): an NF-e for a paid invoice with a valid 44-digit key, issued once however often (also
 * concurrently) it is asked for, and the refusals — unpaid invoice, wrong total, a number already used,
 * bad CNPJ or key, unknown invoice, the generic API and a role without access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { isValidNfeKey } from './nfe-key.js';

let h: DomainHarness;
let finance: Principal;
let tenant: string;
let paid: { id: string; net_cents: number }[];
let unpaid: { id: string; net_cents: number };

const URL = '/api/v1/finance/fiscal/documents';
const CNPJ = '33009911002506';
const issue = (body: Record<string, unknown>, who: Principal = finance) =>
  h.inject(who, {
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      cUF: 35,
      series: 1,
      issueDate: '2026-03-12',
      issuerCnpj: '33.009.911/0025-06',
      issuerName: 'Escola de Idiomas Demo',
      ...body,
    }),
  });
const forInvoice = (invoice: { id: string; net_cents: number }, number: number) =>
  issue({ invoiceId: invoice.id, totalAmountCents: Number(invoice.net_cents), number });

beforeAll(async () => {
  h = await domainHarness({ languageSchoolStudents: 12 });
  tenant = h.demo.languageSchoolTenantId;
  finance = h.principal(['finance'], { tenantId: tenant });
  paid = await h.database.query<{ id: string; net_cents: number }>(
    `SELECT id, net_cents FROM finance.invoices WHERE tenant_id = $1 AND status = 'paid' AND net_cents > 0
      ORDER BY id LIMIT 4`,
    [tenant],
  );
  [unpaid] = (await h.database.query<{ id: string; net_cents: number }>(
    `SELECT id, net_cents FROM finance.invoices WHERE tenant_id = $1 AND status IN ('pending', 'overdue')
      ORDER BY id LIMIT 1`,
    [tenant],
  )) as [{ id: string; net_cents: number }];
}, 120_000);
afterAll(() => h?.dispose());

describe('fiscal documents', () => {
  it('issues an NF-e for a paid invoice with a valid access key describing it', async () => {
    expect(paid.length).toBeGreaterThanOrEqual(4);
    const res = await forInvoice(paid[0]!, 101);
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ documentType: 'nfe', series: '1', documentNumber: '101', status: 'pending' });
    expect(doc.totalAmountCents).toBe(Number(paid[0]!.net_cents));
    expect(isValidNfeKey(doc.accessKey)).toBe(true);
    // cUF 35, 2026-03, the CNPJ, model 55, series 001, number 000000101
    expect(doc.accessKey.slice(0, 34)).toBe(`352603${CNPJ}55001000000101`);
    const [row] = await h.database.query<{ invoice_id: string; access_key: string }>(
      `SELECT invoice_id, access_key FROM finance.fiscal_documents WHERE tenant_id = $1 AND id = $2`,
      [tenant, doc.id],
    );
    expect(row).toEqual({ invoice_id: paid[0]!.id, access_key: doc.accessKey });
  });

  it('is idempotent per invoice: again, and twice at once, give the one document', async () => {
    const first = (await forInvoice(paid[0]!, 101)).json();
    const again = (await forInvoice(paid[0]!, 101)).json();
    expect(again).toEqual(first);
    const both = await Promise.all([forInvoice(paid[1]!, 102), forInvoice(paid[1]!, 102)]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(both[0]!.json().id).toBe(both[1]!.json().id);
    const [count] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM finance.fiscal_documents WHERE tenant_id = $1 AND invoice_id = ANY($2)`,
      [tenant, [paid[0]!.id, paid[1]!.id]],
    );
    expect(count!.n).toBe(2);
  });

  it('refuses a number already used, also by two invoices at once', async () => {
    const taken = await forInvoice(paid[2]!, 101);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('fiscal_number_taken');
    const race = await Promise.all([forInvoice(paid[2]!, 200), forInvoice(paid[3]!, 200)]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses an unpaid invoice, a wrong total, an unknown invoice, a bad CNPJ and bad keys', async () => {
    const notPaid = await forInvoice(unpaid, 300);
    expect(notPaid.statusCode).toBe(409);
    expect(notPaid.json().code).toBe('invoice_not_paid');
    const wrongTotal = await issue({ invoiceId: paid[3]!.id, totalAmountCents: 1, number: 301 });
    expect(wrongTotal.statusCode).toBe(400);
    expect(wrongTotal.body).toContain('totalAmountCents');
    // Also when the invoice already has its document: a repeat with another total is not that document.
    const wrongRepeat = await issue({ invoiceId: paid[0]!.id, totalAmountCents: 1, number: 101 });
    expect(wrongRepeat.statusCode).toBe(400);
    expect(wrongRepeat.body).toContain('totalAmountCents');
    expect((await issue({ invoiceId: 'nope', totalAmountCents: 1, number: 302 })).statusCode).toBe(404);
    const cnpj = await issue({ issuerCnpj: '33.009.911/0025-07', totalAmountCents: 1, number: 303 });
    expect(cnpj.statusCode).toBe(400);
    expect(cnpj.body).toContain('issuerCnpj');
    const badDigit = await issue({ totalAmountCents: 1, number: 780, accessKey: '5'.repeat(44) });
    expect(badDigit.statusCode).toBe(400);
    expect(badDigit.body).toContain('accessKey');
    // The manual's valid key describes another state, date and series: refused for this document.
    const other = await issue({
      totalAmountCents: 1,
      number: 780,
      accessKey: '52060433009911002506550120000007800267301615',
    });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('accessKey');
  });

  it('refuses generic writes and roles without access', async () => {
    const generic = await h.inject(finance, {
      method: 'POST',
      url: '/api/v1/finance/fiscal-documents',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'x', access_key: '1'.repeat(44) }),
    });
    expect(generic.statusCode).toBe(405);
    const parent = h.principal(['parent'], { tenantId: tenant });
    expect((await issue({ totalAmountCents: 1, number: 900 }, parent)).statusCode).toBe(403);
  });
});
