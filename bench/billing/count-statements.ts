/**
 * Statements per desk payment and per PIX webhook settlement, on a small language school (one unit of
 * work each, counted by bench/lib/statements.ts). `npx tsx bench/billing/count-statements.ts [postgres-url]`.
 */
import '../../src/schema.js';
import { seedDemo, DEFAULT_DEMO_SIZE } from '../../src/demo/seed.js';
import { generateInvoices, recordPayment } from '../../src/domains/finance/index.js';
import { refundPayment } from '../../src/domains/finance/billing/index.js';
import { createPixCharge } from '../../src/domains/finance/billing/charges.js';
import { handleWebhook } from '../../src/domains/finance/billing/webhooks.js';
import { simulatorEvent } from '../../src/domains/finance/gateways/index.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { createAccessControl } from '../../src/platform/auth/access.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { runWork, systemPrincipal } from '../../src/platform/service/work.js';
import { countStatements } from '../lib/statements.js';

export async function statementsPerMoneyEvent(url?: string) {
  const database = await openDatabase(url ? { databaseUrl: url } : {});
  try {
    await migrate(database);
    const demo = await seedDemo(database, {
      ...DEFAULT_DEMO_SIZE,
      students: 30,
      schools: 1,
      sectionsPerSchool: 2,
      languageSchoolStudents: 40,
    });
    const tenantId = demo.languageSchoolTenantId;
    const env = { database, access: createAccessControl() };
    const finance: Principal = { kind: 'system', tenantId, actorId: 'system:count', roles: ['finance'], scopes: [] };
    const run = await runWork(env, finance, {}, (w) => generateInvoices(w, { period: '2031-03' }));
    const rows = await database.query<{ id: string; net_cents: number }>(
      `SELECT id, net_cents FROM finance.invoices WHERE tenant_id = $1 AND id = ANY($2) ORDER BY id`,
      [tenantId, run.invoiceIds],
    );
    const [a, b, c] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    // Early (the run bills a month ahead): the early-payment discount, then the payment.
    const show = process.env.SHOW_STATEMENTS
      ? (text: string) => console.log(text.replace(/\s+/g, ' ').slice(0, 150))
      : undefined;
    const early = await countStatements(
      () =>
        runWork(env, finance, {}, (w) =>
          recordPayment(w, a.id, { amountCents: Number(a.net_cents), method: 'pix', reference: 'count' }),
        ),
      show,
    );
    const over = await countStatements(() =>
      runWork(env, finance, {}, (w) =>
        recordPayment(w, b.id, { amountCents: Number(b.net_cents) * 2, method: 'cash', reference: 'count' }),
      ),
    );
    const charge = await runWork(env, finance, {}, (w) => createPixCharge(w, c.id));
    const event = simulatorEvent({
      id: 'count_evt',
      type: 'charge.paid',
      chargeExternalId: charge.externalId,
      amountCents: charge.amountCents,
    });
    const webhook = systemPrincipal(tenantId, 'billing-webhook');
    const deliver = () =>
      countStatements(
        () => runWork(env, webhook, {}, (w) => handleWebhook(w, 'simulator', event.body, event.signature)),
        show,
      );
    const settled = await deliver();
    const duplicate = await deliver();
    // Refunds: half of the early payment (it paid the undiscounted amount, so 10 % went to family
    // credit: that credit first, then the invoice), one more cent of it (the invoice only, its credit is
    // gone), then all of the overpayment.
    const refund = (paymentId: string, amountCents?: number) =>
      countStatements(
        () => runWork(env, finance, {}, (w) => refundPayment(w, paymentId, { amountCents, reason: 'count' })),
        show,
      );
    const partialRefund = await refund(early.value.transaction.id, Math.floor(Number(a.net_cents) / 2));
    const invoiceOnlyRefund = await refund(early.value.transaction.id, 1);
    const overpaymentRefund = await refund(over.value.transaction.id);
    return {
      earlyPayment: early.statements,
      overpayment: over.statements,
      webhookSettlement: settled.statements,
      webhookDuplicate: duplicate.statements,
      partialRefund: partialRefund.statements,
      invoiceOnlyRefund: invoiceOnlyRefund.statements,
      overpaymentRefund: overpaymentRefund.statements,
    };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await statementsPerMoneyEvent(process.argv[2])));
}
