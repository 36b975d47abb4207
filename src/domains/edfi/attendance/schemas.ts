/**
 * What the attendance operations accept and answer (zod), and the attendance rules a district may
 * tune. Shared with the web app: no server-only imports here.
 */
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const int4 = (what: string) =>
  z.coerce
    .number({ message: `must be a ${what}` })
    .int()
    .positive()
    .max(2147483647);

/** The marks a teacher gives; everyone on the roster not marked is present. */
export const ATTENDANCE_MARKS = ['present', 'absent', 'excused', 'tardy', 'early_departure'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

/** Each mark is stored as this Ed-Fi 5.2 AttendanceEventCategoryDescriptor code value. */
export const MARK_CATEGORY: Record<AttendanceMark, string> = {
  present: 'In Attendance',
  absent: 'Unexcused Absence',
  excused: 'Excused Absence',
  tardy: 'Tardy',
  early_departure: 'Early departure',
};

/** Marks that count as missing the section (the student attended otherwise, tardy or leaving early). */
export const ABSENT_MARKS: readonly AttendanceMark[] = ['absent', 'excused'];

export const ATTENDANCE_RULES = {
  /** Absent for the day when absent from at least this % of the day's taken sections (per school). */
  dailyAbsentThresholdPercent: 50,
  /** Chronically absent: missing at least this % of enrolled instructional days, excused or not. */
  chronicAbsencePercent: 10,
  /** CalendarEventDescriptor code values that make a calendar date a day of instruction. */
  instructionalEvents: ['Instructional day', 'Make-up day', 'Student late arrival/early dismissal'],
} as const;

/** Who sees the chronic-absence list (besides the policy engine's reach over the school). */
export const CHRONIC_LIST_ROLES = ['counselor', 'school_admin', 'district_admin'] as const;

export const sectionDayParams = z.strictObject({
  sectionId: z.uuid({ message: 'must be a section id (UUID)' }),
  date: isoDate,
});

const exception = z.strictObject({
  studentUsi: int4('student USI'),
  mark: z.enum(ATTENDANCE_MARKS, { message: `must be one of ${ATTENDANCE_MARKS.join(', ')}` }),
  reason: z.string().trim().min(1).max(255).optional(),
});

export const takeAttendanceInput = z
  .strictObject({
    /** The students who were not simply present; everyone else on the roster is. */
    exceptions: z.array(exception).max(1000).default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.exceptions.forEach((e, i) => {
      if (seen.has(e.studentUsi))
        ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'studentUsi'], message: 'is marked twice' });
      seen.add(e.studentUsi);
    });
  });
export type TakeAttendanceInput = z.input<typeof takeAttendanceInput>;

const rosterMark = z.object({
  studentUsi: z.number(),
  studentUniqueId: z.string(),
  name: z.string(),
  /** null: attendance not taken yet for this student. */
  mark: z.enum(ATTENDANCE_MARKS).nullable(),
  reason: z.string().nullable(),
});

/** What the school calendar says of a day (attendance is taken only on an instructional one). */
export const calendarDayView = z.object({
  instructional: z.boolean(),
  /** The calendar's events that day (e.g. "Instructional day", "Holiday"); none: not on the calendar. */
  calendarEvents: z.array(z.string()),
});
export type CalendarDay = z.infer<typeof calendarDayView>;

export const sectionAttendanceView = calendarDayView.extend({
  sectionId: z.string(),
  sectionIdentifier: z.string(),
  schoolId: z.number(),
  date: z.string(),
  taken: z.boolean(),
  roster: z.array(rosterMark),
  counts: z.record(z.string(), z.number()),
  /** The students' derived school-day attendance after this submission (present / absent / excused). */
  daily: z.array(z.object({ studentUsi: z.number(), status: z.enum(['present', 'absent', 'excused']) })).optional(),
});
export type SectionAttendanceView = z.infer<typeof sectionAttendanceView>;

export const sectionParams = z.strictObject({ sectionId: z.uuid({ message: 'must be a section id (UUID)' }) });

export const attendanceDaysQuery = z.strictObject({
  /** The latest day wanted (e.g. today); the days are listed from it backwards. */
  onOrBefore: isoDate,
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const attendanceDaysView = z.object({
  sectionId: z.string(),
  /** Instructional days of the school calendar with students enrolled in the section, latest first. */
  days: z.array(z.object({ date: z.string(), enrolled: z.number(), taken: z.boolean() })),
});

export const studentParams = z.strictObject({ studentUsi: int4('student USI') });

const range = {
  from: isoDate,
  to: isoDate,
};
const orderedRange = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
};

export const dateRangeQuery = z.strictObject(range).superRefine(orderedRange);

export const studentAttendanceView = z.object({
  studentUsi: z.number(),
  from: z.string(),
  to: z.string(),
  enrolledDays: z.number(),
  absentDays: z.number(),
  rate: z.number().nullable(),
  days: z.array(z.object({ date: z.string(), status: z.string(), reason: z.string().nullable() })),
  sections: z.array(
    z.object({ date: z.string(), sectionIdentifier: z.string(), mark: z.string(), reason: z.string().nullable() }),
  ),
});

export const schoolParams = z.strictObject({ schoolId: int4('school id') });

export const RATE_GROUPS = ['school', 'grade', 'section', 'student'] as const;
export const ratesQuery = z
  .strictObject({ ...range, by: z.enum(RATE_GROUPS).default('school') })
  .superRefine(orderedRange);

const rateRow = z.object({
  /** The school id, grade level, section identifier or student USI. */
  key: z.string(),
  label: z.string(),
  /** Student-days enrolled on instructional days (student-section-days for sections). */
  enrolledDays: z.number(),
  absentDays: z.number(),
  /** Share of enrolled days attended, 0–1 (null when no enrolled day). */
  rate: z.number().nullable(),
});
export const ratesView = z.object({
  schoolId: z.number(),
  from: z.string(),
  to: z.string(),
  by: z.string(),
  rows: z.array(rateRow),
});
export type RateRow = z.infer<typeof rateRow>;

export const chronicQuery = z
  .strictObject({ ...range, thresholdPercent: z.coerce.number().min(1).max(100).optional() })
  .superRefine(orderedRange);

export const chronicView = z.object({
  schoolId: z.number(),
  from: z.string(),
  to: z.string(),
  thresholdPercent: z.number(),
  students: z.array(
    z.object({
      studentUsi: z.number(),
      studentUniqueId: z.string(),
      name: z.string(),
      enrolledDays: z.number(),
      absentDays: z.number(),
      excusedDays: z.number(),
      absentPercent: z.number(),
      trend: z.array(z.object({ month: z.string(), enrolledDays: z.number(), absentDays: z.number() })),
    }),
  ),
});

export const dailyRuleInput = z.strictObject({
  absentThresholdPercent: z.number().int().min(1).max(100),
});
export const dailyRuleView = z.object({
  schoolId: z.number(),
  absentThresholdPercent: z.number(),
  /** false: the district default applies (no rule stored for the school). */
  custom: z.boolean(),
});
