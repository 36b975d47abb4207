/**
 * The calendar dates the attendance pages open on: today in the reader's time zone (a teacher takes
 * today's attendance where they are) and the start of the school year it belongs to (August 1st:
 * the US school year, as the demo district's calendar runs).
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function isoToday(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function schoolYearStart(today: string): string {
  const year = Number(today.slice(0, 4));
  return `${Number(today.slice(5, 7)) >= 8 ? year : year - 1}-08-01`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The `from`/`to` of a page's URL when they are dates, else the school year to date. */
export function rangeOf(search: { from?: unknown; to?: unknown }): { from: string; to: string } {
  const to = typeof search.to === 'string' && ISO_DATE.test(search.to) ? search.to : isoToday();
  const from = typeof search.from === 'string' && ISO_DATE.test(search.from) ? search.from : schoolYearStart(to);
  return { from, to };
}

/** Ed-Fi attendance category code values (as the student's record lists them) → the mark they stand for. */
const MARK_OF_CODE: Record<string, Mark> = {
  'in attendance': 'present',
  'unexcused absence': 'absent',
  'excused absence': 'excused',
  tardy: 'tardy',
  'early departure': 'early_departure',
};
export const MARKS = ['present', 'absent', 'excused', 'tardy', 'early_departure'] as const;
export type Mark = (typeof MARKS)[number];

export function markOfCode(code: string): Mark | undefined {
  return (MARKS as readonly string[]).includes(code) ? (code as Mark) : MARK_OF_CODE[code.toLowerCase()];
}
