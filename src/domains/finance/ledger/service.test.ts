/**
 * The journal's invariants through the API and in the database: unbalanced entries refused (400 naming
 * lines), only drafts post, posted entries immutable through the API and through raw SQL, reversal
 * (swapped lines, linked, posted), gapless numbering under 20 concurrent postings, reports that
 * balance, and the generic API refusing writes to the journal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';

let h: DomainHarness;
let finance: Principal;
let tenant: string;
let organizationId: string;
let account: Record<string, string>;

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  h.inject(finance, { method, url, ...(body === undefined ? {} : json(body)) });
const E = '/api/v1/finance/ledger/entries';

const entry = (debit: number, credit: number, extra: Record<string, unknown> = {}) => ({
  entryDate: '2026-03-10',
  description: 'Compra de material',
  lines: [
    { accountId: account['5.2.01.002'], debitCents: debit },
    { accountId: account['1.1.01.001'], creditCents: credit },
  ],
  ...extra,
});

beforeAll(async () => {
  h = await domainHarness({ languageSchoolStudents: 4 });
  tenant = h.demo.languageSchoolTenantId;
  finance = h.principal(['finance'], { tenantId: tenant });
  const accounts = await api('GET', '/api/v1/finance/ledger/accounts');
  expect(accounts.statusCode).toBe(200);
  account = Object.fromEntries(
    (accounts.json() as { items: { code: string; id: string }[] }).items.map((a) => [a.code, a.id]),
  );
  const [org] = await h.database.query<{ id: string }>('SELECT id FROM core.organizations WHERE tenant_id = $1', [
    tenant,
  ]);
  organizationId = org!.id;
});
afterAll(() => h.dispose());

describe('manual journal entries', () => {
  it("refuses the issue's entry (debit 45,000 / credit 100) with 400 naming lines", async () => {
    const res = await api('POST', E, entry(45_000, 100, { post: true }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().validationErrors)).toContain('lines');
  });

  it('refuses a single line, a line both debit and credit, negative or fractional cents, summary accounts', async () => {
    const one = await api('POST', E, {
      ...entry(100, 100),
      lines: [{ accountId: account['1.1.01.001'], debitCents: 1 }],
    });
    expect(one.statusCode).toBe(400);
    const both = await api('POST', E, {
      ...entry(100, 100),
      lines: [
        { accountId: account['1.1.01.001'], debitCents: 100, creditCents: 100 },
        { accountId: account['5.2.01.002'], creditCents: 0, debitCents: 0 },
      ],
    });
    expect(both.statusCode).toBe(400);
    expect((await api('POST', E, entry(-5, -5))).statusCode).toBe(400);
    expect((await api('POST', E, entry(10.5, 10.5))).statusCode).toBe(400);
    const summary = await api('POST', E, {
      ...entry(100, 100),
      lines: [
        { accountId: account['1.1.01'], debitCents: 100 },
        { accountId: account['1.1.01.001'], creditCents: 100 },
      ],
    });
    expect(summary.statusCode).toBe(400);
    expect(summary.json().validationErrors).toHaveProperty(['lines.0.accountId']);
  });

  it('drafts have no number, can be edited and deleted; posting numbers them; posted ones are immutable', async () => {
    const draft = await api('POST', E, entry(2500, 2500));
    expect(draft.statusCode).toBe(201);
    const d = draft.json();
    expect(d).toMatchObject({ status: 'draft', entryNumber: null, totalCents: 2500 });
    const edited = await api('PATCH', `${E}/${d.id}`, { lines: entry(3000, 3000).lines, description: 'Material' });
    expect(edited.json()).toMatchObject({ totalCents: 3000, description: 'Material' });
    const posted = await api('POST', `${E}/${d.id}/post`);
    expect(posted.statusCode).toBe(200);
    expect(posted.json().status).toBe('posted');
    expect(posted.json().entryNumber).toBeGreaterThanOrEqual(1);
    // Immutable through the API…
    expect((await api('PATCH', `${E}/${d.id}`, { description: 'x' })).statusCode).toBe(409);
    expect((await api('DELETE', `${E}/${d.id}`)).statusCode).toBe(409);
    expect((await api('POST', `${E}/${d.id}/post`)).statusCode).toBe(409);
    // …and in the database, whoever writes.
    await expect(
      h.database.query(`UPDATE finance.journal_entries SET description = 'hacked' WHERE tenant_id = $1 AND id = $2`, [
        tenant,
        d.id,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(
      h.database.query(
        `UPDATE finance.journal_entry_lines SET amount_cents = 100 WHERE tenant_id = $1 AND entry_id = $2`,
        [tenant, d.id],
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      h.database.query(`DELETE FROM finance.journal_entries WHERE tenant_id = $1 AND id = $2`, [tenant, d.id]),
    ).rejects.toThrow(/cannot be deleted/);
    await expect(
      h.database.query(`DELETE FROM finance.journal_entry_lines WHERE tenant_id = $1 AND entry_id = $2`, [
        tenant,
        d.id,
      ]),
    ).rejects.toThrow(/immutable/);

    const other = (await api('POST', E, entry(700, 700))).json();
    expect((await api('DELETE', `${E}/${other.id}`)).statusCode).toBe(200);
    expect((await api('GET', `${E}/${other.id}`)).statusCode).toBe(404);
  });

  it('the database refuses posting an unbalanced draft and inserting a posted entry', async () => {
    const d = (await api('POST', E, entry(100, 100))).json();
    await h.database.query(
      `UPDATE finance.journal_entry_lines SET amount_cents = 99
        WHERE tenant_id = $1 AND entry_id = $2 AND line_number = 2`,
      [tenant, d.id],
    );
    await expect(
      h.database.query(
        `UPDATE finance.journal_entries SET status = 'posted', entry_number = 999999 WHERE tenant_id = $1 AND id = $2`,
        [tenant, d.id],
      ),
    ).rejects.toThrow(/not balanced/);
    await expect(
      h.database.query(
        `INSERT INTO finance.journal_entries
           (tenant_id, id, organization_id, entry_number, fiscal_year, fiscal_month, status)
         VALUES ($1, 'raw-posted', $2, 999998, 2026, 3, 'posted')`,
        [tenant, organizationId],
      ),
    ).rejects.toThrow(/created as drafts/);
  });

  it('a reversal posts the swapped lines, links both entries, and the books still balance', async () => {
    const original = (await api('POST', E, entry(12_345, 12_345, { post: true }))).json();
    const rev = await api('POST', `${E}/${original.id}/reverse`, { reason: 'Lançado em duplicidade' });
    expect(rev.statusCode).toBe(201);
    const r = rev.json();
    expect(r).toMatchObject({ status: 'posted', isReversal: true, reversesEntryId: original.id });
    expect(r.entryNumber).toBeGreaterThan(original.entryNumber);
    expect(r.lines.map((l: { debitCents: number; creditCents: number }) => [l.debitCents, l.creditCents])).toEqual(
      original.lines.map((l: { debitCents: number; creditCents: number }) => [l.creditCents, l.debitCents]),
    );
    const after = (await api('GET', `${E}/${original.id}`)).json();
    expect(after).toMatchObject({ status: 'reversed', reversedByEntryId: r.id });
    expect((await api('POST', `${E}/${original.id}/reverse`, { reason: 'again' })).statusCode).toBe(409);
    const tb = (await api('GET', '/api/v1/finance/ledger/reports/trial-balance?from=2026-01-01&to=2026-12-31')).json();
    expect(tb.balanced).toBe(true);
    expect(tb.totalDebitCents).toBe(tb.totalCreditCents);
  });

  it('numbers 20 concurrent postings 1..n without gaps or duplicates', async () => {
    const drafts = await Promise.all(
      Array.from({ length: 20 }, async () => (await api('POST', E, entry(100, 100))).json().id as string),
    );
    const posted = await Promise.all(drafts.map((id) => api('POST', `${E}/${id}/post`)));
    expect(posted.every((p) => p.statusCode === 200)).toBe(true);
    const numbers = (
      await h.database.query<{ entry_number: number }>(
        `SELECT entry_number FROM finance.journal_entries WHERE tenant_id = $1 AND organization_id = $2
           AND entry_number IS NOT NULL ORDER BY entry_number`,
        [tenant, organizationId],
      )
    ).map((r) => r.entry_number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Also when the entries are created and posted in one request each, concurrently.
    const direct = await Promise.all(Array.from({ length: 20 }, () => api('POST', E, entry(50, 50, { post: true }))));
    expect(direct.every((p) => p.statusCode === 201)).toBe(true);
    const all = (
      await h.database.query<{ n: number; max: number }>(
        `SELECT count(*)::int AS n, max(entry_number) AS max FROM finance.journal_entries
          WHERE tenant_id = $1 AND organization_id = $2 AND entry_number IS NOT NULL`,
        [tenant, organizationId],
      )
    )[0]!;
    expect(all.n).toBe(all.max);
  });

  it('income statement and balance sheet agree: assets = liabilities + equity incl. the result', async () => {
    await api('POST', E, {
      entryDate: '2026-03-01',
      description: 'Integralização de capital',
      post: true,
      lines: [
        { accountId: account['1.1.01.002'], debitCents: 1_000_000 },
        { accountId: account['3.1.01.001'], creditCents: 1_000_000 },
      ],
    });
    const is = (
      await api('GET', '/api/v1/finance/ledger/reports/income-statement?from=2026-01-01&to=2026-12-31')
    ).json();
    const bs = (await api('GET', '/api/v1/finance/ledger/reports/balance-sheet?asOf=2026-12-31')).json();
    expect(bs.balanced).toBe(true);
    expect(bs.periodResultCents).toBe(is.netIncomeCents);
    expect(bs.totalAssetsCents).toBe(bs.totalLiabilitiesCents + bs.totalEquityCents);
    const bad = await api('GET', '/api/v1/finance/ledger/reports/trial-balance?from=2026-12-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
  });

  it('the generic API refuses writes to the journal', async () => {
    const res = await h.inject(h.principal(['district_admin'], { tenantId: tenant }), {
      method: 'POST',
      url: '/api/v1/finance/journal-entries',
      ...json({ id: 'x', organization_id: organizationId, entry_number: 1, fiscal_year: 2026, fiscal_month: 1 }),
    });
    expect(res.statusCode).toBe(405);
  });
});
