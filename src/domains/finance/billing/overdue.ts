/**
 * The daily sweep: invoices past their due date become overdue, and their payers are reminded 3, 7,
 * 15 and 30 days after it through the notification service (template `billing.invoice_overdue`). Each
 * reminder is recorded on the invoice (`reminders_sent`) by a conditional UPDATE, so a sweep run twice
 * — also at once — sends each reminder once. Late fee and interest are charged when the payment comes
 * (payments.ts), on the days actually late.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { notify } from '../../../platform/notifications/index.js';
import type { Work } from '../../../platform/service/work.js';
import { invoices } from '../tables.js';
import { BILLING_RULES, daysBetween, lateCharges } from './rules.js';
import { isoDay } from './store.js';

const money = (cents: number) => `R$ ${(cents / 100).toFixed(2).replace('.', ',')}`;

export async function overdueSweep(work: Work, asOf: string = isoDay(work.now)) {
  await work.authorize(invoices, 'write');
  const marked = rowsOf<{ id: string }>(
    await work.tx.execute(sql`
      UPDATE finance.invoices SET status = 'overdue'
       WHERE tenant_id = ${work.tenantId} AND status = 'pending'
         AND due_date < ${asOf}::date AND paid_cents < net_cents
      RETURNING id`),
  );
  const open = rowsOf<{
    id: string;
    payer_id: string;
    due_date: string;
    net_cents: number;
    paid_cents: number;
    reminders_sent: number[] | null;
  }>(
    await work.tx.execute(sql`
      SELECT id, payer_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, net_cents, paid_cents, reminders_sent
        FROM finance.invoices
       WHERE tenant_id = ${work.tenantId} AND status = 'overdue'
         AND due_date <= ${asOf}::date - ${BILLING_RULES.reminderDays[0]!}::int`),
  );
  let reminded = 0;
  for (const invoice of open) {
    const late = daysBetween(invoice.due_date, asOf);
    // The latest reminder day reached and not yet sent (a sweep that missed days sends only that one).
    const due = BILLING_RULES.reminderDays.filter((d) => d <= late);
    const step = due.at(-1);
    if (step === undefined || (invoice.reminders_sent ?? []).includes(step)) continue;
    const claimed = rowsOf<{ id: string }>(
      await work.tx.execute(sql`
        UPDATE finance.invoices
           SET reminders_sent = ARRAY(
                 SELECT DISTINCT unnest(coalesce(reminders_sent, '{}') || ${`{${due.join(',')}}`}::int[]) ORDER BY 1
               )
         WHERE tenant_id = ${work.tenantId} AND id = ${invoice.id}
           AND NOT (coalesce(reminders_sent, '{}') @> ARRAY[${step}]::int[])
        RETURNING id`),
    );
    if (claimed.length === 0) continue;
    const accounts = rowsOf<{ id: string }>(
      await work.tx.execute(
        sql`SELECT id FROM identity.accounts WHERE tenant_id = ${work.tenantId} AND core_user_id = ${invoice.payer_id}
             AND status = 'active'`,
      ),
    );
    if (accounts.length === 0) continue;
    const principal = invoice.net_cents - invoice.paid_cents;
    const charges = lateCharges(principal, invoice.due_date, asOf);
    try {
      await notify(work, {
        recipients: accounts.map((a) => a.id),
        template: 'billing.invoice_overdue',
        data: {
          invoice: {
            number: invoice.id.slice(-8),
            amount: money(principal + charges.lateFeeCents + charges.interestCents),
            dueDate: invoice.due_date,
            daysLate: late,
          },
        },
      });
      reminded++;
    } catch (error) {
      // A tenant without the template still gets its invoices marked; nothing else to send.
      if (!(error instanceof AppError && error.code === 'template_not_found')) throw error;
    }
  }
  return { asOf, markedOverdue: marked.length, remindersSent: reminded };
}
