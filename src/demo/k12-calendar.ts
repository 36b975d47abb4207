/**
 * The demo district's school year at each school: its student calendar (every instructional day), the fall,
 * spring and year-round sessions, and four quarters, two in each semester (the OneRoster projection puts
 * each under its semester). No random draws: the rest of the demo draws the same numbers with or without it.
 */
import * as edfi from '../domains/edfi/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { demoCalendar } from './calendar.js';
import type { DescriptorIds } from './descriptors.js';
import { addDays, isoDate } from './random.js';

/** The calendar every demo school uses, and the session its year-long courses are offered in. */
export const demoCalendarCode = (year: number) => `${year}-STUDENT`;
export const yearRoundSession = (year: number) => `${year - 1}-${year} Year Round`;

/** Writes the school year `year` of each school; returns the number of calendar dates written. */
export async function seedSchoolYears(
  tx: Tx,
  tenantId: string,
  d: DescriptorIds,
  year: number,
  schools: readonly { schoolId: number }[],
): Promise<number> {
  const { yearStart, yearEnd, winterBreak, springStart, instructionalDays } = demoCalendar(year);
  const fallDays = instructionalDays.filter((x) => x < winterBreak).length;
  const calendarCode = demoCalendarCode(year);
  const yearRound = yearRoundSession(year);
  for (const s of schools) {
    await insertAll(tx, edfi.calendar, [
      {
        tenantId,
        calendarCode,
        schoolId: s.schoolId,
        schoolYear: year,
        calendarTypeDescriptorId: d.CalendarTypeDescriptor['Student Specific'],
      },
    ]);
    const dates = instructionalDays.map((day) => ({
      tenantId,
      calendarCode,
      date: isoDate(day),
      schoolId: s.schoolId,
      schoolYear: year,
    }));
    await insertAll(tx, edfi.calendarDate, dates);
    const instructional = d.CalendarEventDescriptor['Instructional day'];
    await insertAll(
      tx,
      edfi.calendarDateCalendarEvent,
      dates.map((date) => ({ ...date, calendarEventDescriptorId: instructional })),
    );
    await insertAll(tx, edfi.session, [
      {
        tenantId,
        sessionName: `${year - 1}-${year} Fall Semester`,
        schoolId: s.schoolId,
        schoolYear: year,
        beginDate: isoDate(yearStart),
        endDate: isoDate(addDays(winterBreak, -1)),
        termDescriptorId: d.TermDescriptor['Fall Semester'],
        totalInstructionalDays: fallDays,
      },
      {
        tenantId,
        sessionName: `${year - 1}-${year} Spring Semester`,
        schoolId: s.schoolId,
        schoolYear: year,
        beginDate: isoDate(springStart),
        endDate: isoDate(yearEnd),
        termDescriptorId: d.TermDescriptor['Spring Semester'],
        totalInstructionalDays: instructionalDays.length - fallDays,
      },
      // The demo's courses run all year: they are offered in this session.
      {
        tenantId,
        sessionName: yearRound,
        schoolId: s.schoolId,
        schoolYear: year,
        beginDate: isoDate(yearStart),
        endDate: isoDate(yearEnd),
        termDescriptorId: d.TermDescriptor['Year Round'],
        totalInstructionalDays: instructionalDays.length,
      },
    ]);
    // Four quarters: two in each semester (the OneRoster projection puts each under its semester).
    const springDays = instructionalDays.length - fallDays;
    const quarters = [
      ['First Quarter', 0, Math.floor(fallDays / 2)],
      ['Second Quarter', Math.floor(fallDays / 2), fallDays],
      ['Third Quarter', fallDays, fallDays + Math.floor(springDays / 2)],
      ['Fourth Quarter', fallDays + Math.floor(springDays / 2), instructionalDays.length],
    ] as const;
    await insertAll(
      tx,
      edfi.gradingPeriod,
      quarters.map(([name, from, to], i) => ({
        tenantId,
        gradingPeriodDescriptorId: d.GradingPeriodDescriptor[name],
        schoolId: s.schoolId,
        schoolYear: year,
        beginDate: isoDate(instructionalDays[from]!),
        endDate: isoDate(instructionalDays[to - 1]!),
        totalInstructionalDays: to - from,
        periodSequence: i + 1,
      })),
    );
  }
  return instructionalDays.length * schools.length;
}
