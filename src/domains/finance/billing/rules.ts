/**
 * The money rules of language-school billing, as pure functions over integer cents (no database).
 *
 * Rounding: every percentage is applied as `percentOf(base, basisPoints)` = base × bp / 10 000 rounded
 * to the nearest cent, halves away from zero (ROUND_HALF_UP on magnitudes): 10 % of 4 505 ¢ = 450.5 →
 * 451 ¢; 2 % of 1 225 ¢ = 24.5 → 25 ¢. Integer arithmetic only (no binary floating point).
 *
 * Discount stacking order (fixed): each discount is computed on what is left after the previous ones,
 * and no discount takes the invoice below zero:
 *   1. sibling — SIBLING_BP of the gross when another child of the same family has an active enrollment;
 *   2. manual — a fixed amount or a percentage, with a reason (secretary);
 *   3. referral — a fixed amount or a percentage (CRM reward, `grantDiscount`);
 *   4. early payment — EARLY_PAYMENT_BP of what is left after 1–3, granted at payment time when the
 *      payment is made at least EARLY_PAYMENT_DAYS days before the due date and settles the invoice.
 * (1–3 are known when the invoice is issued; 4 only when it is paid, so it comes last: the earlier
 * lines never change once issued.) Family credit is applied after all discounts, at issue.
 *
 * After the due date: a late fee of LATE_FEE_BP once, and interest of INTEREST_MONTHLY_BP a month pro
 * rata per day (a month = 30 days), both on the principal still open; days are counted from the day
 * after the due date up to the payment day inclusive (paid on the due date: no fee; one day later:
 * the fee and one day of interest).
 */

export const BILLING_RULES = {
  /** Day of the month invoices fall due, unless the organization's settings say `billingDueDay`. */
  defaultDueDay: 10,
  siblingBasisPoints: 1_000,
  earlyPaymentBasisPoints: 1_000,
  earlyPaymentDays: 5,
  lateFeeBasisPoints: 200,
  interestMonthlyBasisPoints: 100,
  interestDaysPerMonth: 30,
  /** Days past due on which a reminder goes out. */
  reminderDays: [3, 7, 15, 30] as readonly number[],
  pixExpiryMinutes: 30,
} as const;

/** Rounds numerator / denominator to the nearest integer, halves away from zero (integers only). */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divideRounded needs safe integers and a positive denominator`);
  }
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.abs(numerator);
  const quotient = Math.floor(magnitude / denominator);
  const remainder = magnitude - quotient * denominator;
  return sign * (remainder * 2 >= denominator ? quotient + 1 : quotient);
}

/** basisPoints (1/100 of a percent) of `cents`, rounded to the cent (see the module comment). */
export function percentOf(cents: number, basisPoints: number): number {
  return divideRounded(cents * basisPoints, 10_000);
}

export type DiscountKind = 'sibling' | 'manual' | 'referral' | 'early_payment';
export interface DiscountRequest {
  kind: DiscountKind;
  /** A fixed amount … */
  amountCents?: number | null;
  /** … or a rate (exactly one of the two). */
  basisPoints?: number | null;
  reason?: string | null;
  grantId?: string | null;
}
export interface DiscountLine extends DiscountRequest {
  amountCents: number;
}

const ORDER: Record<DiscountKind, number> = { sibling: 1, manual: 2, referral: 3, early_payment: 4 };

/**
 * The discount lines for `baseCents`, applied in the stacking order whatever order they are given in
 * (stable within a kind); each on what is left, none below zero. Lines that come to 0 ¢ are dropped.
 */
export function stackDiscounts(baseCents: number, requests: readonly DiscountRequest[]): DiscountLine[] {
  const sorted = requests.map((r, i) => ({ r, i })).sort((a, b) => ORDER[a.r.kind] - ORDER[b.r.kind] || a.i - b.i);
  let left = baseCents;
  const lines: DiscountLine[] = [];
  for (const { r } of sorted) {
    const wanted = r.basisPoints != null ? percentOf(left, r.basisPoints) : (r.amountCents ?? 0);
    const amount = Math.min(left, Math.max(0, wanted));
    if (amount === 0) continue;
    left -= amount;
    lines.push({ ...r, amountCents: amount });
  }
  return lines;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDay: string) => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);

/** Whole days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(isoDay: string, days: number): string {
  return new Date((dayNumber(isoDay) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Early payment: paid on or before due − EARLY_PAYMENT_DAYS. */
export function earlyPaymentApplies(dueDate: string, paidOn: string): boolean {
  return daysBetween(paidOn, dueDate) >= BILLING_RULES.earlyPaymentDays;
}

export interface LateCharges {
  lateFeeCents: number;
  interestCents: number;
  /** Days of interest charged (from max(due date, interest already charged up to) to the day). */
  interestDays: number;
}

/**
 * The late fee and interest owed on `principalCents` still open when paid on `asOf`. `lateFeeCharged`:
 * the fee was already added (it is charged once); `interestFrom`: interest was charged up to that day.
 */
export function lateCharges(
  principalCents: number,
  dueDate: string,
  asOf: string,
  options: { lateFeeCharged?: boolean; interestFrom?: string | null } = {},
): LateCharges {
  if (principalCents <= 0 || daysBetween(dueDate, asOf) <= 0)
    return { lateFeeCents: 0, interestCents: 0, interestDays: 0 };
  const from = options.interestFrom && options.interestFrom > dueDate ? options.interestFrom : dueDate;
  const interestDays = Math.max(0, daysBetween(from, asOf));
  const lateFeeCents = options.lateFeeCharged ? 0 : percentOf(principalCents, BILLING_RULES.lateFeeBasisPoints);
  const interestCents = divideRounded(
    principalCents * BILLING_RULES.interestMonthlyBasisPoints * interestDays,
    10_000 * BILLING_RULES.interestDaysPerMonth,
  );
  return { lateFeeCents, interestCents, interestDays };
}

/** The due date of `period` ('YYYY-MM') on `dueDay`, clamped to the month's last day. */
export function dueDateOf(period: string, dueDay: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${period}-${String(Math.min(Math.max(1, dueDay), last)).padStart(2, '0')}`;
}

/** Currency units → cents, for the seed's REAL prices (rounded to the cent). */
export function toCents(units: number | null | undefined): number {
  return Math.round((units ?? 0) * 100);
}
