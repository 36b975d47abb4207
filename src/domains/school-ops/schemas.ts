/**
 * What the school-operations services accept and answer (zod): route validation, OpenAPI and the
 * web app's forms. No server-only imports here.
 */
import { z } from 'zod';

export const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
export const ulidId = z.string().trim().min(1, 'is required').max(64);
export const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:00)?$/, 'must be a time of day (HH:MM)')
  .transform((t) => t.slice(0, 5));

/** The CEFR level codes (curriculum's CEFR_LEVELS, which a test keeps equal: schemas import no other domain). */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'excused'] as const;
export const levelCode = z.enum(CEFR_LEVELS, { message: `must be a CEFR level: ${CEFR_LEVELS.join(', ')}` });

export const classParams = z.strictObject({ classId: ulidId });
export const sessionParams = z.strictObject({ sessionId: ulidId });
export const enrollmentParams = z.strictObject({ enrollmentId: ulidId });

export const createClassInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  termId: ulidId,
  courseTypeId: ulidId,
  levelCode,
  teacherId: ulidId.optional(),
  roomId: ulidId.optional(),
  maxStudents: z.number().int().min(1).max(200),
});
export type CreateClassInput = z.input<typeof createClassInput>;

export const enrollInput = z.strictObject({ studentId: ulidId });

export const scheduleInput = z
  .strictObject({
    dayOfWeek: z.number().int().min(0, 'must be 0 (Sunday) … 6 (Saturday)').max(6, 'must be 0 (Sunday) … 6 (Saturday)'),
    startTime: clockTime,
    endTime: clockTime,
  })
  .refine((s) => s.endTime > s.startTime, { path: ['endTime'], message: 'must be after startTime' });
export type ScheduleInput = z.input<typeof scheduleInput>;

export const generateSessionsInput = z.strictObject({
  /** Defaults to the term's start (or today, if later) and end. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Extra days without class for this run, besides the school's holiday list (organization settings). */
  holidays: z.array(isoDate).max(366).default([]),
});
export type GenerateSessionsInput = z.input<typeof generateSessionsInput>;

export const createSessionInput = z
  .strictObject({ date: isoDate, startTime: clockTime, endTime: clockTime, notes: z.string().max(2000).optional() })
  .refine((s) => s.endTime > s.startTime, { path: ['endTime'], message: 'must be after startTime' });
export type CreateSessionInput = z.input<typeof createSessionInput>;

export const attendanceInput = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        studentId: ulidId,
        status: z.enum(ATTENDANCE_STATUSES, { message: `must be one of ${ATTENDANCE_STATUSES.join(', ')}` }),
        notes: z.string().max(2000).optional(),
      }),
    )
    .max(500),
});
export type AttendanceInput = z.input<typeof attendanceInput>;

export const placementInput = z.strictObject({
  studentId: ulidId,
  courseTypeId: ulidId,
  levelCode,
  score: z.number().int().min(0).max(100),
  notes: z.string().max(2000).optional(),
});
export type PlacementInput = z.input<typeof placementInput>;

export const weekQuery = z.strictObject({ weekOf: isoDate.optional() });

export const classView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  termId: z.string().nullable(),
  levelId: z.string().nullable(),
  levelCode: z.string().nullable(),
  courseName: z.string().nullable(),
  teacherId: z.string().nullable(),
  teacherName: z.string().nullable(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  maxStudents: z.number(),
  enrolled: z.number(),
  isActive: z.boolean(),
});
export type ClassView = z.infer<typeof classView>;

export const enrollmentView = z.object({
  id: z.string(),
  classId: z.string(),
  studentId: z.string(),
  studentName: z.string().nullable(),
  className: z.string().nullable(),
  status: z.string(),
  enrolledAt: z.string().nullable(),
});
export type EnrollmentView = z.infer<typeof enrollmentView>;

export const scheduleView = z.object({
  id: z.string(),
  classId: z.string(),
  dayOfWeek: z.number(),
  startTime: z.string(),
  endTime: z.string(),
});

export const sessionView = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string().nullable(),
  teacherId: z.string().nullable(),
  teacherName: z.string().nullable(),
  /** Where the session meets: its own room when it was moved, else its class's. */
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  status: z.string(),
  /** Why a session was cancelled or moved (the last change's reason), or any note. */
  notes: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const generationView = z.object({
  created: z.number(),
  existing: z.number(),
  holidaysSkipped: z.array(isoDate),
  sessions: z.array(sessionView),
});

export const rosterEntry = z.object({
  studentId: z.string(),
  name: z.string(),
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  notes: z.string().nullable(),
});
export const sessionRosterView = z.object({ session: sessionView, students: z.array(rosterEntry) });
export type SessionRosterView = z.infer<typeof sessionRosterView>;

export const placementView = z.object({
  id: z.string(),
  studentId: z.string(),
  courseTypeId: z.string(),
  levelId: z.string(),
  levelCode: z.string(),
  score: z.number(),
  testedAt: z.string(),
});

/** Changes to a class group: any of teacher, room, seats (null clears teacher or room). */
export const updateClassInput = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    teacherId: ulidId.nullable().optional(),
    roomId: ulidId.nullable().optional(),
    maxStudents: z.number().int().min(1).max(200).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one change' });
export type UpdateClassInput = z.input<typeof updateClassInput>;

const reason = z.string().trim().min(1, 'is required').max(2000);
export const cancelInput = z.strictObject({ reason });
export type CancelInput = z.input<typeof cancelInput>;

export const rescheduleSessionInput = z
  .strictObject({
    date: isoDate,
    startTime: clockTime,
    endTime: clockTime,
    /** Another room for this session only; null puts it back in the class's room; absent keeps its room. */
    roomId: z.string().trim().min(1, 'is required').max(64).nullable().optional(),
  })
  .refine((s) => s.endTime > s.startTime, { path: ['endTime'], message: 'must be after startTime' });
export type RescheduleSessionInput = z.input<typeof rescheduleSessionInput>;

export const classSessionsQuery = z.strictObject({ from: isoDate.optional() });

export const classCancellationView = z.object({
  class: classView,
  sessionsCancelled: z.number(),
  /** Accounts (students and their families) told through the notification service. */
  notified: z.number(),
  /** Active enrolments ended (now `dropped`: each may be transferred to another class of the course). */
  enrollmentsEnded: z.number().int(),
  /** Their invoices from this month on, cancelled; what was paid on them, back as family credit (cents). */
  invoicesCancelled: z.number().int(),
  creditedCents: z.number().int(),
});

export const cancellationPreviewView = z.object({
  classId: z.string(),
  className: z.string().nullable(),
  sessionsToCancel: z.number().int(),
  enrollmentsToEnd: z.number().int(),
  invoicesCancelled: z.number().int(),
  creditedCents: z.number().int(),
});

export const transferInput = z.strictObject({
  /** The class of the same course the student moves to. */
  classId: z.string().trim().min(1, 'is required').max(64),
});
export type TransferInput = z.input<typeof transferInput>;

/** The owner's month: money in (payments) and out (payroll paid), per month, integer cents. */
export const cashMonthsQuery = z.strictObject({ months: z.coerce.number().int().min(1).max(24).default(6) });
export const cashMonthsView = z.object({
  currency: z.string(),
  months: z.array(z.object({ month: z.string(), inCents: z.number(), outCents: z.number() })),
});
