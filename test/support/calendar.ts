/**
 * Periods and days relative to the real date, for tests whose rules compare with today (a month still
 * to come, a due date at least 5 days away): a fixed calendar date there would break as time passes.
 */

/** The billing period (YYYY-MM) `months` months from the current one (negative: months ago). */
export function periodFromNow(months: number, now: Date = new Date()): string {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return at.toISOString().slice(0, 7);
}
