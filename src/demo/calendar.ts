import { addDays } from './random.js';

/**
 * The demo school year's calendar: from 17 August of the year before `schoolYear` (the Ed-Fi school year is
 * the calendar year it ends in) to 28 May, on weekdays, without the winter break (20 December to 5 January).
 * Tests reach the same dates through test/support/calendar.ts.
 */
export function demoCalendar(schoolYear: number) {
  const yearStart = new Date(Date.UTC(schoolYear - 1, 7, 17));
  const yearEnd = new Date(Date.UTC(schoolYear, 4, 28));
  const winterBreak = new Date(Date.UTC(schoolYear - 1, 11, 20));
  const springStart = new Date(Date.UTC(schoolYear, 0, 6));
  const instructionalDays: Date[] = [];
  for (let day = yearStart; day <= yearEnd; day = addDays(day, 1)) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !(day >= winterBreak && day < springStart)) instructionalDays.push(day);
  }
  return { yearStart, yearEnd, winterBreak, springStart, instructionalDays };
}
