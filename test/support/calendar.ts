/**
 * Periods and days relative to the real date, for tests whose rules compare with today (a month still
 * to come, a due date at least 5 days away): a fixed calendar date there would break as time passes.
 */
import { demoCalendar } from '../../src/demo/calendar.js';
import { currentSchoolYear } from '../../src/demo/seed.js';

/** The billing period (YYYY-MM) `months` months from the current one (negative: months ago). */
export function periodFromNow(months: number, now: Date = new Date()): string {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return at.toISOString().slice(0, 7);
}

/**
 * The demo's school year runs from August to July and ends in `currentSchoolYear()` (it follows today):
 * the year of `month` (1–12) inside it — August to December in the first calendar year, January to July
 * in the second.
 */
export function schoolYearOf(month: number, now: Date = new Date()): number {
  const ending = currentSchoolYear(now);
  return month >= 8 ? ending - 1 : ending;
}

/**
 * The Monday (YYYY-MM-DD) of the `week`-th week (1-based) whose Monday falls in `month` of the demo's
 * school year: weekdays stay weekdays whatever the year, for rules that count school days.
 */
export function schoolYearMonday(month: number, week: number, now: Date = new Date()): string {
  const first = new Date(Date.UTC(schoolYearOf(month, now), month - 1, 1));
  const toMonday = (8 - first.getUTCDay()) % 7;
  return daysAfter(first.toISOString().slice(0, 10), toMonday + 7 * (week - 1));
}

/** The day `days` days after `isoDay` (YYYY-MM-DD; negative: before). */
export function daysAfter(isoDay: string, days: number): string {
  const at = new Date(`${isoDay}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The first and last day of `month` in the demo's school year. */
export function schoolYearMonth(month: number, now: Date = new Date()): { from: string; to: string } {
  const year = schoolYearOf(month, now);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/**
 * The `index`-th day (0-based, 28 a month from January) of the year `yearsAhead` years from now: days far
 * from the demo's term that never become past, for tests whose own rows must not meet the demo's.
 */
export function farFutureDay(index: number, yearsAhead = 5, now: Date = new Date()): string {
  const month = String(1 + Math.floor(index / 28)).padStart(2, '0');
  const day = String((index % 28) + 1).padStart(2, '0');
  return `${now.getUTCFullYear() + yearsAhead}-${month}-${day}`;
}

/** The demo school year's instructional days (ISO dates, in order), as the demo seeds them today. */
export function demoSchoolDays(now: Date = new Date()): string[] {
  return demoCalendar(currentSchoolYear(now)).instructionalDays.map((d) => d.toISOString().slice(0, 10));
}

/**
 * `count` consecutive full school weeks (Monday to Friday, every day instructional) of the demo school
 * year, each as its five ISO dates. The demo takes attendance on the days before the latest school day
 * (k12-attendance.ts), so the first such weeks after today are not taken; late in the year and in the
 * summer, when fewer are left, the year's last ones — which the demo did take: a test clears their
 * attendance first, so it holds whatever the date.
 */
export function demoSchoolWeeks(count: number, now: Date = new Date()): string[][] {
  const days = demoSchoolDays(now);
  const instructional = new Set(days);
  const today = now.toISOString().slice(0, 10);
  const weekOf = (monday: string) => [0, 1, 2, 3, 4].map((n) => daysAfter(monday, n));
  const fits = (monday: string) =>
    Array.from({ length: count }, (_, k) => weekOf(daysAfter(monday, 7 * k))).every((week) =>
      week.every((d) => instructional.has(d)),
    );
  const mondays = days.filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1 && fits(d));
  const monday = mondays.find((d) => d > today) ?? mondays.at(-1)!;
  return Array.from({ length: count }, (_, k) => weekOf(daysAfter(monday, 7 * k)));
}
