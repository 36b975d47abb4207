/**
 * Language-school billing (issue 18) on the demo school grown to BENCH_BILLING_ENROLMENTS students
 * (10,000 on PostgreSQL; 2,000 on PGlite): 40 through the demo seed, the rest in bulk (grow.ts).
 * (1) The month-end invoice run through the billing service (invoices/s, and the journal entries it
 * posts) beside inserting the same rows — invoices, journal entries and their lines — with plain
 * INSERT … SELECTs in the same run; (2) BENCH_BILLING_PAYMENTS payments (1,000) recorded at the desk,
 * one unit of work each (payments/s and the p99 of one) beside the same number of single-row INSERTs
 * of a transaction; (3) BENCH_BILLING_WEBHOOKS PIX charges (100) settled by signed webhooks, every
 * event delivered twice and all at once (settlements/s, no double settlement) beside plain INSERTs of
 * the same gateway events. The trial balance after the run must balance to the cent.
 */
import { sql } from 'drizzle-orm';
import { seedDemo, DEFAULT_DEMO_SIZE } from '../../src/demo/seed.js';
import { generateInvoices, recordPayment, trialBalance } from '../../src/domains/finance/index.js';
import { createPixCharge } from '../../src/domains/finance/billing/charges.js';
import { handleWebhook } from '../../src/domains/finance/billing/webhooks.js';
import { simulatorEvent } from '../../src/domains/finance/gateways/index.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { createAccessControl } from '../../src/platform/auth/access.js';
import { openDatabase, rowsOf, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { runWork, systemPrincipal } from '../../src/platform/service/work.js';
import { latency, throughput, type Benchmark, type Measurement } from '../lib/harness.js';
import { countStatements } from '../lib/statements.js';
import { growLanguageSchool } from './grow.js';

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const RUN = '2031-01';
const BASELINE = '2031-02';
/** Students the demo seeds one by one; the rest are added in bulk (grow.ts). */
const DEMO_STUDENTS = 40;

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

const count = async (database: Database, text: string, params: unknown[]) =>
  Number((await database.query<{ n: number }>(text, params))[0]?.n ?? 0);

export const benchmark: Benchmark = {
  name: 'billing',
  description: 'language-school billing: month-end invoice run, desk payments, PIX webhook settlements',
  settings: ['BENCH_BILLING_ENROLMENTS', 'BENCH_BILLING_PAYMENTS', 'BENCH_BILLING_WEBHOOKS'],
  about:
    'The demo language school with BENCH_BILLING_ENROLMENTS students (one enrolment each, about 1 in 17 ' +
    'dropped; 10,000 on PostgreSQL, 2,000 on PGlite by default): 40 seeded by the demo, the rest in bulk ' +
    '(set-based INSERT … SELECTs, classes of 12 seats, families with siblings). ' +
    'Invoice run: `generateInvoices` for one month in one unit of work (set-based in batches of 500: ' +
    'discounts, family credit, one journal entry per money event, ' +
    'idempotent per enrolment and month) against INSERT … SELECTs of the same rows (invoices, journal entries, ' +
    'their lines) for another month in one transaction. Payments: `recordPayment` of each invoice’s net, ' +
    'one unit of work ' +
    'each (row lock, early-payment discount, books), against single-row INSERTs of a transaction. Webhooks: ' +
    'PIX charges settled by signed simulator events, each delivered twice concurrently, against plain INSERTs ' +
    'of the same gateway events.',
  async run({ engine, pgUrl, log, note }) {
    const enrolments = Number(process.env.BENCH_BILLING_ENROLMENTS ?? (engine === 'postgres' ? 10_000 : 2_000));
    const paymentCount = Number(process.env.BENCH_BILLING_PAYMENTS ?? 1_000);
    const webhookCount = Number(process.env.BENCH_BILLING_WEBHOOKS ?? 100);
    const database =
      engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl!, poolMax: 10 });
    const out: Measurement[] = [];
    const base = { benchmark: 'billing', engine } as const;
    try {
      await migrate(database);
      log(`seeding the language school with ${enrolments} students`);
      const small = Math.min(enrolments, DEMO_STUDENTS);
      const demo = await seedDemo(database, {
        ...DEFAULT_DEMO_SIZE,
        students: 30,
        schools: 1,
        sectionsPerSchool: 2,
        languageSchoolStudents: small,
      });
      const tenantId = demo.languageSchoolTenantId;
      // The rest in bulk (set-based INSERT … SELECTs), then fresh statistics for the planner.
      const grown = await timed(() => growLanguageSchool(database, tenantId, enrolments - small));
      await database.exec('ANALYZE');
      log(`bulk set-up: ${grown.value} students in ${grown.seconds.toFixed(1)} s`);
      note(`set-up: ${small} demo students, ${fmt(grown.value)} more in bulk in ${grown.seconds.toFixed(1)} s.`);
      const env = { database, access: createAccessControl() };
      const finance: Principal = {
        kind: 'system',
        tenantId,
        actorId: 'system:bench-billing',
        roles: ['finance'],
        scopes: [],
      };
      const entries = () =>
        count(database, 'SELECT count(*)::int AS n FROM finance.journal_entries WHERE tenant_id = $1', [tenantId]);

      // (1) The month-end invoice run.
      const entriesBefore = await entries();
      const run = await timed(() => runWork(env, finance, {}, (w) => generateInvoices(w, { period: RUN })));
      const posted = (await entries()) - entriesBefore;
      const runEntries = (
        await database.query<{ id: string }>(
          `SELECT id FROM finance.journal_entries WHERE tenant_id = $1 ORDER BY entry_number DESC LIMIT $2`,
          [tenantId, posted],
        )
      ).map((r) => r.id);
      // The same rows written plainly: the invoices, the journal entries (as drafts, as the journal's guard
      // wants them inserted) and their lines, copied for another month in one transaction.
      const insert = await timed(() =>
        database.withSession(async (session) => {
          await session.exec('BEGIN');
          await session.query(
            `INSERT INTO finance.invoices (tenant_id, id, organization_id, payer_id, student_id, amount,
                    discount_amount, due_date, status, items, enrollment_id, period, gross_cents, discount_cents,
                    fee_cents, credit_cents, net_cents, paid_cents)
             SELECT tenant_id, id || '-b', organization_id, payer_id, student_id, amount, discount_amount,
                    due_date + 31, status, items, enrollment_id, $3, gross_cents, discount_cents, fee_cents,
                    credit_cents, net_cents, paid_cents
               FROM finance.invoices WHERE tenant_id = $1 AND period = $2`,
            [tenantId, RUN, BASELINE],
          );
          await session.query(
            `INSERT INTO finance.journal_entries (tenant_id, id, organization_id, reference_date, fiscal_year,
                    fiscal_month, description, memo, source_type, source_id, source_table, event_kind, status)
             SELECT tenant_id, id || '-b', organization_id, reference_date, fiscal_year, fiscal_month, description,
                    memo, source_type, source_id || '-b', source_table, event_kind, 'draft'
               FROM finance.journal_entries WHERE tenant_id = $1 AND id = ANY($2::text[])`,
            [tenantId, runEntries],
          );
          await session.query(
            `INSERT INTO finance.journal_entry_lines (tenant_id, id, entry_id, account_id, amount_cents, entry_type,
                    line_number)
             SELECT tenant_id, id || '-b', entry_id || '-b', account_id, amount_cents, entry_type, line_number
               FROM finance.journal_entry_lines WHERE tenant_id = $1 AND entry_id = ANY($2::text[])`,
            [tenantId, runEntries],
          );
          await session.exec('COMMIT');
        }),
      );
      const invoices = run.value.created;
      log(
        `invoice run: ${fmt(invoices / run.seconds)}/s (${posted} entries), INSERT ${fmt(invoices / insert.seconds)}/s`,
      );
      out.push(
        throughput({
          ...base,
          metric: `month-end invoice run (${fmt(invoices)} invoices)`,
          unit: 'invoices/s',
          value: invoices / run.seconds,
          baselineName: 'INSERT … SELECT of the same rows (invoices, journal entries, lines)',
          baseline: invoices / insert.seconds,
        }),
      );
      note(`invoice run: ${fmt(invoices)} invoices, ${fmt(posted)} journal entries posted with them.`);

      // (2) Desk payments, one unit of work each.
      const due = await database.query<{ id: string; net_cents: number }>(
        `SELECT id, net_cents FROM finance.invoices WHERE tenant_id = $1 AND period = $2 AND net_cents > 0
          ORDER BY id LIMIT $3`,
        [tenantId, RUN, paymentCount],
      );
      // The statements of one payment (round trips, BEGIN/COMMIT included), counted on the first.
      const [first, ...rest] = due;
      const counted = await countStatements(() =>
        runWork(env, finance, {}, (w) =>
          recordPayment(w, first!.id, { amountCents: Number(first!.net_cents), method: 'pix', reference: 'bench' }),
        ),
      );
      note(`statements of one desk payment (early, overpaying by the early discount): ${counted.statements}.`);
      const payTimes: number[] = [];
      const pay = await timed(async () => {
        for (const inv of rest) {
          const t = performance.now();
          await runWork(env, finance, {}, (w) =>
            recordPayment(w, inv.id, { amountCents: Number(inv.net_cents), method: 'pix', reference: 'bench' }),
          );
          payTimes.push(performance.now() - t);
        }
      });
      const [org] = await database.query<{ organization_id: string }>(
        'SELECT organization_id FROM finance.invoices WHERE tenant_id = $1 AND id = $2',
        [tenantId, due[0]!.id],
      );
      const insertTimes: number[] = [];
      const plain = await timed(async () => {
        for (const [i, inv] of due.entries()) {
          const t = performance.now();
          await database.query(
            `INSERT INTO finance.transactions (tenant_id, id, organization_id, invoice_id, amount, amount_cents, type,
                    method, processed_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'income', 'pix', now())`,
            [tenantId, `bench-tx-${i}`, org!.organization_id, inv.id, Number(inv.net_cents) / 100, inv.net_cents],
          );
          insertTimes.push(performance.now() - t);
        }
      });
      log(`payments: ${fmt(rest.length / pay.seconds)}/s, p99 ${p99(payTimes).toFixed(1)} ms`);
      out.push(
        throughput({
          ...base,
          metric: `desk payments recorded (${fmt(rest.length)})`,
          unit: 'payments/s',
          value: rest.length / pay.seconds,
          baselineName: 'single-row INSERT of a transaction',
          baseline: due.length / plain.seconds,
        }),
        latency({
          ...base,
          metric: 'p99 of one payment',
          unit: 'ms',
          value: p99(payTimes),
          baselineName: 'p99 of one single-row INSERT',
          baseline: p99(insertTimes),
        }),
      );

      // (3) PIX webhooks: every event delivered twice, all at once.
      const open = await database.query<{ id: string }>(
        `SELECT id FROM finance.invoices WHERE tenant_id = $1 AND period = $2 AND status <> 'paid'
          ORDER BY id LIMIT $3`,
        [tenantId, RUN, webhookCount],
      );
      const charges = await runWork(env, finance, {}, async (w) => {
        const made = [];
        for (const inv of open) made.push(await createPixCharge(w, inv.id));
        return made;
      });
      const events = charges.map((c, i) =>
        simulatorEvent({
          id: `bench_evt_${i}`,
          type: 'charge.paid',
          chargeExternalId: c.externalId,
          amountCents: c.amountCents,
        }),
      );
      const webhook = systemPrincipal(tenantId, 'billing-webhook');
      const deliveries = await timed(() =>
        Promise.all(
          [...events, ...events].map((e) =>
            runWork(env, webhook, {}, (w) => handleWebhook(w, 'simulator', e.body, e.signature)),
          ),
        ),
      );
      const settled = deliveries.value.filter((r) => !r.duplicate).length;
      const payments = await count(
        database,
        `SELECT count(*)::int AS n FROM finance.transactions t JOIN finance.payment_charges c
            ON c.tenant_id = t.tenant_id AND c.invoice_id = t.invoice_id AND c.external_id = t.external_id
          WHERE t.tenant_id = $1 AND t.type = 'income' AND c.external_id = ANY($2)`,
        [tenantId, charges.map((c) => c.externalId)],
      );
      const rawEvents = await timed(() =>
        Promise.all(
          events.map((e, i) =>
            database.query(
              `INSERT INTO finance.gateway_events (tenant_id, gateway, event_id, type, payload)
               VALUES ($1, 'bench', $2, 'charge.paid', $3::jsonb)`,
              [tenantId, `bench_raw_${i}`, e.body],
            ),
          ),
        ),
      );
      log(`webhooks: ${settled} settled of ${deliveries.value.length} deliveries, ${payments} payments`);
      out.push(
        throughput({
          ...base,
          metric: `PIX webhook settlements (${events.length} events, each delivered twice at once)`,
          unit: 'settlements/s',
          value: settled / deliveries.seconds,
          baselineName: 'plain INSERT of the same gateway events',
          baseline: events.length / rawEvents.seconds,
          target: 'each event settles once',
          met: settled === events.length && payments === events.length,
        }),
      );

      // The books after all of it.
      const books = await runWork(env, finance, {}, (w) => trialBalance(w, { from: '2000-01-01', to: '2100-12-31' }));
      const [unbalanced] = rowsOf<{ n: number }>(
        await runWork(env, finance, {}, (w) =>
          w.tx.execute(sql`SELECT count(*)::int AS n FROM (SELECT e.id FROM finance.journal_entries e
              JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
             WHERE e.tenant_id = ${tenantId} GROUP BY e.id
            HAVING sum(CASE WHEN l.entry_type = 'debit' THEN l.amount_cents ELSE -l.amount_cents END) <> 0) x`),
        ),
      );
      note(
        `webhooks: ${settled} settlements from ${deliveries.value.length} deliveries, ${payments} payments ` +
          `(no double settlement: ${payments === events.length}).`,
      );
      note(
        `trial balance after the run: debits ${books.totalDebitCents} ¢ = credits ${books.totalCreditCents} ¢ ` +
          `(balanced: ${books.balanced}); unbalanced entries: ${unbalanced?.n ?? 0}.`,
      );
      if (!books.balanced) throw new Error('the trial balance does not balance after the billing run');
    } finally {
      await database.close();
    }
    return out;
  },
};
