/**
 * The demo language school's books (issue 18): its chart of accounts, the owners' capital, the month's
 * invoices and payments posted as money events, rent, and last month's payroll computed from the
 * sessions taught — one teacher's approved and paid this month, another's awaiting approval. Dated
 * relative to today, as the school's term is (language-school-dates.ts).
 * Everything goes through the finance services, so the books are balanced by construction.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Database } from '../platform/db/database.js';
import { createAccessControl } from '../platform/auth/access.js';
import { runWork, type Work } from '../platform/service/work.js';
import {
  ACCOUNTS,
  approvePayroll,
  createEntry,
  ensureChartOfAccounts,
  generatePayroll,
  payPayroll,
  postMoneyEvent,
} from '../domains/finance/index.js';
import { languageSchoolCalendar } from './language-school-dates.js';

const one = async <T>(work: Work, query: SQL) => rowsOf<T>(await work.tx.execute(query));

export async function seedLanguageSchoolBooks(database: Database, tenantId: string): Promise<Record<string, number>> {
  const principal = {
    kind: 'system' as const,
    tenantId,
    actorId: 'system:demo-books',
    roles: ['finance' as const],
    scopes: [],
  };
  return runWork({ database, access: createAccessControl() }, principal, {}, async (work) => {
    const cal = languageSchoolCalendar(work.now);
    const [org] = await one<{ id: string }>(
      work,
      sql`SELECT id FROM core.organizations WHERE tenant_id = ${tenantId} ORDER BY id LIMIT 1`,
    );
    const organizationId = org!.id;
    await ensureChartOfAccounts(work, organizationId);
    const account = new Map(
      (
        await one<{ id: string; code: string }>(
          work,
          sql`SELECT id, code FROM finance.chart_of_accounts
                WHERE tenant_id = ${tenantId} AND organization_id = ${organizationId}`,
        )
      ).map((a) => [a.code, a.id]),
    );
    const manual = (entryDate: string, description: string, debit: string, credit: string, cents: number) =>
      createEntry(work, {
        organizationId,
        entryDate,
        description,
        post: true,
        lines: [
          { accountId: account.get(debit)!, debitCents: cents },
          { accountId: account.get(credit)!, creditCents: cents },
        ],
      });
    await manual(cal.day(-3, 5), 'Integralização de capital social', ACCOUNTS.bank, ACCOUNTS.shareCapital, 5_000_000);
    for (const delta of [-2, -1, 0]) {
      const on = cal.day(delta, 5) <= cal.today ? cal.day(delta, 5) : cal.day(delta, 1);
      await manual(on, `Aluguel de ${cal.monthName(delta)}`, ACCOUNTS.rent, ACCOUNTS.bank, 450_000);
    }
    let events = 0;
    const invoices = await one<{
      id: string;
      net_cents: number;
      due_date: string;
      status: string;
      payment_method: string | null;
      paid_at: Date | null;
    }>(
      work,
      sql`SELECT id, net_cents, due_date::text AS due_date, status, payment_method, paid_at
            FROM finance.invoices WHERE tenant_id = ${tenantId} ORDER BY id`,
    );
    // One posting per month and kind (and payment method): a few entries, not one per invoice.
    const groups = new Map<
      string,
      {
        kind: 'invoice_issued' | 'payment_received';
        day: string;
        cents: number;
        method?: 'pix' | 'boleto' | 'credit_card';
      }
    >();
    for (const inv of invoices) {
      const cents = Number(inv.net_cents);
      if (cents <= 0) continue;
      const month = inv.due_date.slice(0, 7);
      const issued = groups.get(`issued:${month}`) ?? { kind: 'invoice_issued', day: `${month}-01`, cents: 0 };
      issued.cents += cents;
      groups.set(`issued:${month}`, issued);
      if (inv.status === 'paid') {
        const method =
          inv.payment_method === 'card' ? 'credit_card' : inv.payment_method === 'boleto' ? 'boleto' : 'pix';
        const key = `paid:${month}:${method}`;
        const paid = groups.get(key) ?? { kind: 'payment_received', day: inv.due_date, cents: 0, method };
        paid.cents += cents;
        groups.set(key, paid);
      }
    }
    for (const [key, g] of groups) {
      await postMoneyEvent(work, {
        organizationId,
        kind: g.kind,
        amountCents: g.cents,
        occurredOn: g.day,
        description: g.kind === 'invoice_issued' ? `Mensalidades ${g.day.slice(0, 7)}` : `Recebimentos ${key.slice(5)}`,
        source: { table: 'demo.monthly_totals', id: key },
        ...(g.method ? { method: g.method } : {}),
      });
      events++;
    }
    // Contracts for two of the teachers who taught last month, and their month.
    const teachers = await one<{ teacher_id: string }>(
      work,
      sql`SELECT DISTINCT teacher_id FROM school_ops.classes
            WHERE tenant_id = ${tenantId} AND teacher_id IS NOT NULL ORDER BY 1 LIMIT 2`,
    );
    const models = [
      { contractModel: 'school_employee', paymentModel: 'fixed', rate: 3200, percentage: null },
      { contractModel: 'external_rental', paymentModel: 'per_class', rate: 85, percentage: null },
    ];
    let payrolls = 0;
    for (const [i, t] of teachers.entries()) {
      const m = models[i]!;
      const contractId = `demo-contract-${i + 1}`;
      await work.tx.execute(
        sql`INSERT INTO finance.teacher_contracts (tenant_id, id, user_id, organization_id, payment_model, rate,
              contract_model, percentage, start_date)
            VALUES (${tenantId}, ${contractId}, ${t.teacher_id}, ${organizationId}, ${m.paymentModel}, ${m.rate},
              ${m.contractModel}, ${m.percentage}, ${cal.day(-3, 1)})`,
      );
      const payroll = await generatePayroll(work, {
        contractId,
        periodStart: cal.day(-1, 1),
        periodEnd: cal.day(-1, 31),
        paymentDueDate: cal.day(0, 5),
      });
      payrolls++;
      if (i === 0) {
        await approvePayroll(work, payroll.id);
        if (payroll.netAmountCents > 0)
          await payPayroll(work, payroll.id, {
            amountCents: payroll.netAmountCents,
            methodType: 'pix',
            // On its due day, or today if that is still to come: paid this month either way.
            paidOn: cal.day(0, 5) <= cal.today ? cal.day(0, 5) : cal.today,
          });
      }
    }
    return { journalEvents: events + 4, payrolls };
  });
}
