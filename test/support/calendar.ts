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
  const weekOf = (monday: string) => [0, 1, 2, 3, 4].map((n) => shiftDays(monday, n));
  const fits = (monday: string) =>
    Array.from({ length: count }, (_, k) => weekOf(shiftDays(monday, 7 * k))).every((week) =>
      week.every((d) => instructional.has(d)),
    );
  const mondays = days.filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1 && fits(d));
  const monday = mondays.find((d) => d > today) ?? mondays.at(-1)!;
  return Array.from({ length: count }, (_, k) => weekOf(shiftDays(monday, 7 * k)));
}

/** The ISO date `days` days after `iso` (negative: before). */
export function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
