/**
 * What happens to the money of enrolments a class cancellation ends. Billing owns invoices and family
 * credit, and billing already depends on school operations (it bills their enrolments), so school
 * operations cannot call billing without an import cycle: billing registers its handler here when its
 * module loads (finance/billing/index.ts), and the cancellation calls it in the same unit of work.
 * Without a handler (a set-up without billing) the enrolments still end and no money moves.
 */
import type { Work } from '../../platform/service/work.js';

export interface EndedEnrollments {
  enrollmentIds: readonly string[];
  /** Invoices of this month ('YYYY-MM') and later are the ones that bill lessons that will not be given. */
  fromPeriod: string;
  reason: string;
}

export interface EnrollmentMoney {
  /** Future invoices cancelled. */
  invoicesCancelled: number;
  /** Paid in advance (and family credit already applied to them), given back as family credit, in cents. */
  creditedCents: number;
}

export interface EnrollmentEndingHandler {
  /** What `settle` would do, changing nothing (the cancellation dialog says it before). */
  preview(work: Work, ended: EndedEnrollments): Promise<EnrollmentMoney>;
  settle(work: Work, ended: EndedEnrollments): Promise<EnrollmentMoney>;
}

let handler: EnrollmentEndingHandler | null = null;

export function handleEnrollmentEndings(h: EnrollmentEndingHandler): void {
  handler = h;
}

const NOTHING: EnrollmentMoney = { invoicesCancelled: 0, creditedCents: 0 };

export async function previewEndings(work: Work, ended: EndedEnrollments): Promise<EnrollmentMoney> {
  return handler && ended.enrollmentIds.length > 0 ? handler.preview(work, ended) : NOTHING;
}

export async function settleEndings(work: Work, ended: EndedEnrollments): Promise<EnrollmentMoney> {
  return handler && ended.enrollmentIds.length > 0 ? handler.settle(work, ended) : NOTHING;
}
