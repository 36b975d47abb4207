/**
 * What the live-session operations accept and answer (zod): route validation, the OpenAPI document
 * and the web app's forms share these. No server-only imports here.
 */
import { z } from 'zod';

export const SESSION_RULES = {
  /** data_retention_date = creation + this many days (seven years). */
  retentionDays: 2555,
  /** Students per group when the plan does not say. */
  defaultGroupSize: 6,
  /** Tries at a fresh access code before giving up (36^6 codes: a collision is rare). */
  accessCodeAttempts: 8,
  /** Youngest age that may join at all, and the age below which parental consent is required. */
  minimumAge: 4,
  consentAge: 13,
  /** Transcript lines recorded in one call (one statement). */
  transcriptLinesPerCall: 1000,
} as const;

const uuid = (what: string) => z.uuid({ message: `must be a ${what} id (UUID)` });
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const groupPlan = z.strictObject({
  name: text(100),
  /** The roster student (users.students) who leads the group and marks it ready. */
  leaderId: uuid('classroom student'),
  /** Roster students placed in the group beforehand (the leader is always a member). */
  memberIds: z.array(uuid('classroom student')).max(100).default([]),
  maxSize: z.number().int().min(1).max(100).optional(),
});

export const createSessionInput = z.strictObject({
  topic: text(300),
  goal: text(1000),
  subject: text(100),
  description: z.string().trim().max(4000).optional(),
  plannedDurationMinutes: z.number().int().min(1).max(600).optional(),
  scheduledStart: z.iso.datetime({ offset: true }).optional(),
  /** The teacher (users.teachers) who runs it; a teacher creates their own sessions only. */
  teacherId: uuid('classroom teacher').optional(),
  recordingEnabled: z.boolean().default(false),
  transcriptionEnabled: z.boolean().default(true),
  aiAnalysisEnabled: z.boolean().default(true),
  groups: z
    .array(groupPlan)
    .min(1, 'needs at least one group')
    .max(50)
    .refine((g) => new Set(g.map((x) => x.leaderId)).size === g.length, 'each group needs its own leader'),
});
export type CreateSessionInput = z.input<typeof createSessionInput>;

export const updateSessionInput = z
  .strictObject({
    topic: text(300).optional(),
    goal: text(1000).optional(),
    subject: text(100).optional(),
    description: z.string().trim().max(4000).optional(),
    plannedDurationMinutes: z.number().int().min(1).max(600).optional(),
    recordingEnabled: z.boolean().optional(),
    transcriptionEnabled: z.boolean().optional(),
    aiAnalysisEnabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one field to change' });

export const END_REASON_VALUES = [
  'planned_completion',
  'early_completion',
  'time_constraint',
  'technical_issue',
  'student_behavior',
  'other',
] as const;
export const endSessionInput = z.strictObject({
  endReason: z.enum(END_REASON_VALUES, { message: `must be one of ${END_REASON_VALUES.join(', ')}` }),
  teacherNotes: z.string().trim().max(4000).optional(),
});

export const sessionParams = z.strictObject({ id: uuid('session') });
export const groupParams = z.strictObject({ id: uuid('session'), groupId: uuid('group') });

export const addGroupInput = groupPlan;

/** Lines of a session's transcript (from the transcription of its recordings): who said what, when. */
export const transcriptLinesInput = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        at: z.coerce.date({ message: 'must be a date-time' }),
        speaker: text(200),
        text: text(4000),
        participantId: uuid('participant').optional(),
        groupId: uuid('group').optional(),
        recordingId: uuid('recording').optional(),
      }),
    )
    .min(1, 'needs at least one line')
    .max(SESSION_RULES.transcriptLinesPerCall, `at most ${SESSION_RULES.transcriptLinesPerCall} lines at once`),
});
export type TranscriptLinesInput = z.input<typeof transcriptLinesInput>;
export const moveStudentInput = z.strictObject({
  /** A participant of the session (a joined student, roster or anonymous). */
  participantId: uuid('participant'),
  toGroupId: uuid('group'),
});
export const groupStatusInput = z.strictObject({
  /** What a group member or the teacher may report; the others follow the session's lifecycle. */
  status: z.enum(['issue', 'connected'], { message: 'must be issue or connected' }),
});

export const joinInput = z.strictObject({
  accessCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{6}$/, 'must be 6 characters, digits and letters'),
  displayName: text(100),
  dateOfBirth: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).optional(),
  email: z.email({ message: 'must be an e-mail address' }).max(254).optional(),
});
export type JoinInput = z.input<typeof joinInput>;

export const sessionCreatedView = z.object({
  id: z.string(),
  accessCode: z.string(),
  status: z.string(),
  dataRetentionDate: z.string(),
});

export const groupView = z.object({
  id: z.string(),
  name: z.string(),
  groupNumber: z.number().nullable(),
  status: z.string().nullable(),
  isReady: z.boolean(),
  leaderId: z.string().nullable(),
  maxSize: z.number().nullable(),
  currentSize: z.number(),
});
export type GroupView = z.infer<typeof groupView>;

export const sessionView = z.object({
  id: z.string(),
  title: z.string(),
  goal: z.string().nullable(),
  subject: z.string().nullable(),
  status: z.string(),
  accessCode: z.string().nullable(),
  teacherId: z.string(),
  recordingEnabled: z.boolean(),
  transcriptionEnabled: z.boolean(),
  aiAnalysisEnabled: z.boolean(),
  dataRetentionDate: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  actualDurationMinutes: z.number().nullable(),
  endReason: z.string().nullable(),
  groups: z.array(groupView),
});
export type SessionView = z.infer<typeof sessionView>;

export const joinView = z.object({
  participantId: z.string(),
  sessionId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  /** Matched to the roster (by e-mail, else name) or anonymous. */
  matchedBy: z.enum(['email', 'name', 'anonymous']),
  token: z.string(),
  tokenExpiresAt: z.string(),
  sessionStatus: z.string(),
});
export type JoinView = z.infer<typeof joinView>;

export const tokenView = z.object({ token: z.string(), tokenExpiresAt: z.string() });

/** One line of the sessions list (the live view's index). */
export const sessionSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  subject: z.string().nullable(),
  status: z.string(),
  /** Hidden once the session ended (the code may be reused). */
  accessCode: z.string().nullable(),
  scheduledStart: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  engagementScore: z.number().nullable(),
  groups: z.number(),
});
export type SessionSummaryView = z.infer<typeof sessionSummaryView>;
export const sessionListView = z.object({ sessions: z.array(sessionSummaryView) });
