/**
 * Every money event billing causes goes through `post` — one line per event at each call site — and
 * from here to the books (the ledger's `postMoneyEvent`: a balanced journal entry, idempotent per
 * kind and source).
 */
import type { Work } from '../../../platform/service/work.js';

export type MoneyEventKind =
  'invoice_issued' | 'payment_received' | 'late_fee' | 'discount_granted' | 'refund' | 'credit_applied';

export interface MoneyEvent {
  organizationId: string;
  kind: MoneyEventKind;
  amountCents: number;
  occurredOn: string;
  description: string;
  source: { table: string; id: string };
  method?: string;
}

/** Posts one money event to the books, in the caller's unit of work. */
export async function post(_work: Work, event: MoneyEvent): Promise<void> {
  if (event.amountCents <= 0) return;
  // Until the ledger lands this is where the call goes; nothing else changes when it does.
}
