/**
 * The demo language school's calendar, relative to the day it is seeded (issue 18): a term that began
 * on the first Monday of the month before last and ends with the month after next, so today is always
 * inside it — the sessions before today were held, the rest are scheduled — and the months around
 * today for its invoices (paid, due, overdue), its payroll (last month's, paid this month) and its books.
 * Holidays are Brazil's fixed-date national ones in the term's years.
 */
import { addDays, isoDate } from './random.js';

const FIXED_HOLIDAYS = [
  ['01-01', 'Confraternização Universal'],
  ['04-21', 'Tiradentes'],
  ['05-01', 'Dia do Trabalho'],
  ['09-07', 'Independência do Brasil'],
  ['10-12', 'Nossa Senhora Aparecida'],
  ['11-02', 'Finados'],
  ['11-15', 'Proclamação da República'],
  ['11-20', 'Dia da Consciência Negra'],
  ['12-25', 'Natal'],
] as const;

const MONTHS_PT = [
  'janeiro',
  'fevereiro',
  'março',
  'abril',
  'maio',
  'junho',
  'julho',
  'agosto',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
];

export interface LanguageSchoolCalendar {
  /** Today (UTC), the day the demo is seeded. */
  today: string;
  term: { name: string; startDate: string; endDate: string };
  holidays: { date: string; name: string }[];
  /** YYYY-MM of the month `delta` months from today's. */
  month(delta: number): string;
  /** Day `day` of the month `delta` months from today's (clamped to the month's end). */
  day(delta: number, day: number): string;
  /** The month `delta` months from today's in Portuguese ("novembro"). */
  monthName(delta: number): string;
  /** `days` days from today (negative: before). */
  daysFromToday(days: number): string;
}

export function languageSchoolCalendar(now: Date): LanguageSchoolCalendar {
  const base = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const first = (delta: number) => new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + delta, 1));
  const month = (delta: number) => isoDate(first(delta)).slice(0, 7);
  const day = (delta: number, d: number) => {
    const last = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + delta + 1, 0)).getUTCDate();
    return `${month(delta)}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };
  let start = first(-2);
  while (start.getUTCDay() !== 1) start = addDays(start, 1);
  const end = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + 3, 0));
  const years = [...new Set([start.getUTCFullYear(), end.getUTCFullYear()])];
  const holidays = years
    .flatMap((y) => FIXED_HOLIDAYS.map(([md, name]) => ({ date: `${y}-${md}`, name })))
    .filter((h) => h.date >= isoDate(start) && h.date <= isoDate(end));
  return {
    today: isoDate(base),
    term: {
      name: `${start.getUTCFullYear()}/${start.getUTCMonth() < 6 ? 1 : 2}`,
      startDate: isoDate(start),
      endDate: isoDate(end),
    },
    holidays,
    month,
    day,
    monthName: (delta) => MONTHS_PT[first(delta).getUTCMonth()]!,
    daysFromToday: (days) => isoDate(addDays(base, days)),
  };
}
