/**
 * Every money event billing causes goes through `post` — one line per event at each call site — and
 * from here to the books: the ledger's `postMoneyEvent` (a balanced journal entry in the same unit of
 * work, idempotent per kind and source). Billing's payment methods map onto the ledger's (card →
 * credit_card; transfer and PIX land in the bank account).
 */
import type { Work } from '../../../platform/service/work.js';
import { postMoneyEvents, type MoneyEvent, type MoneyEventKind, type MoneyMethod } from '../ledger/postings.js';
import { BILLING_PAYMENT_METHODS, type BillingPaymentMethod } from './schemas.js';

export interface BillingMoneyEvent {
  organizationId: string;
  kind: Extract<
    MoneyEventKind,
    | 'invoice_issued'
    | 'payment_received'
    | 'late_fee'
    | 'discount_granted'
    | 'refund'
    | 'credit_applied'
    | 'credit_created'
    | 'invoice_cancelled'
  >;
  amountCents: number;
  occurredOn: string;
  description: string;
  source: { table: string; id: string };
  method?: string;
}

const isBillingMethod = (m: string): m is BillingPaymentMethod =>
  (BILLING_PAYMENT_METHODS as readonly string[]).includes(m);

const METHODS: Record<BillingPaymentMethod, MoneyMethod> = {
  pix: 'pix',
  boleto: 'boleto',
  card: 'credit_card',
  cash: 'cash',
  transfer: 'transfer',
};

function toLedger(event: BillingMoneyEvent): MoneyEvent {
  const { method, description, ...rest } = event;
  return {
    ...rest,
    description: description.slice(0, 500),
    ...(method && isBillingMethod(method) ? { method: METHODS[method] } : {}),
  };
}

/** Posts one money event to the books, in the caller's unit of work (nothing for 0 ¢). */
export async function post(work: Work, event: BillingMoneyEvent): Promise<void> {
  await postAll(work, [event]);
}

/** Posts several money events together (one journal lock and a few statements for all; 0 ¢ ones skipped). */
export async function postAll(work: Work, events: readonly BillingMoneyEvent[]): Promise<void> {
  const due = events.filter((e) => e.amountCents > 0);
  if (due.length > 0) await postMoneyEvents(work, due.map(toLedger));
}
