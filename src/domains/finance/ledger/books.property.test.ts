/**
 * Property: whatever sequence of money events is posted (any kind, amount, method, date, with some
 * entries reversed), the trial balance balances to the cent (whole year and a partial period), and
 * the balance sheet satisfies assets = liabilities + equity (incl. the result).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import {
  balanceSheet,
  MONEY_EVENT_KINDS,
  MONEY_METHODS,
  postMoneyEvent,
  reverseEntry,
  trialBalance,
} from '../index.js';

let h: DomainHarness;
let finance: Principal;
let organizationId: string;
let run = 0;

beforeAll(async () => {
  h = await domainHarness({ languageSchoolStudents: 4 });
  const tenant = h.demo.languageSchoolTenantId;
  const [org] = await h.database.query<{ id: string }>('SELECT id FROM core.organizations WHERE tenant_id = $1', [
    tenant,
  ]);
  organizationId = org!.id;
  finance = h.principal(['finance'], { tenantId: tenant });
});
afterAll(() => h.dispose());

const eventArb = fc.record({
  kind: fc.constantFrom(...MONEY_EVENT_KINDS),
  amountCents: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 50_000_000 })),
  method: fc.constantFrom(...MONEY_METHODS),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  reverse: fc.boolean(),
});

describe('books property', () => {
  it('the trial balance always balances to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 12 }), async (events) => {
        run++;
        await h.work(finance, async (work) => {
          for (const [i, e] of events.entries()) {
            const occurredOn = `2026-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`;
            const posted = await postMoneyEvent(work, {
              organizationId,
              kind: e.kind,
              amountCents: e.amountCents,
              occurredOn,
              description: `property ${run}.${i}`,
              source: { table: 'property', id: `${run}.${i}` },
              method: e.method,
            });
            if (e.reverse) await reverseEntry(work, posted.entryId, { reason: 'property' });
          }
        });
        const [tb, bs, partial] = await h.work(finance, (w) =>
          Promise.all([
            trialBalance(w, { from: '2026-01-01', to: '2026-12-31' }),
            balanceSheet(w, { asOf: '2026-12-31' }),
            trialBalance(w, { from: '2026-03-01', to: '2026-07-15' }),
          ]),
        );
        expect(tb.totalDebitCents).toBe(tb.totalCreditCents);
        expect(tb.balanced).toBe(true);
        expect(partial.balanced).toBe(true);
        expect(bs.totalAssetsCents).toBe(bs.totalLiabilitiesCents + bs.totalEquityCents);
      }),
      { numRuns: 25, seed: 18 },
    );
  });
});
