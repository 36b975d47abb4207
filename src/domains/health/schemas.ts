/**
 * What the health operations accept and answer (zod): the nurse's lists (immunization compliance,
 * today's medications, allergies) and recording an immunization. The route validation, the OpenAPI
 * document and the web app's form use these. No server-only imports here.
 */
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

/**
 * The immunizations a student must have for school entry (doses of each vaccine): a student with
 * fewer recorded doses of one of them is on the compliance list. A district tunes these.
 */
export const IMMUNIZATION_REQUIREMENTS: readonly { vaccine: string; doses: number }[] = [
  { vaccine: 'DTaP', doses: 5 },
  { vaccine: 'Polio (IPV)', doses: 4 },
  { vaccine: 'MMR', doses: 2 },
  { vaccine: 'Hepatitis B', doses: 3 },
  { vaccine: 'Varicella', doses: 2 },
];

export const HEALTH_RULES = {
  /** The highest dose number a vaccine series has. */
  maxDoseNumber: 10,
} as const;

/** A page of a nurse's list, searched by the student's name or id. */
export const healthListQuery = z.strictObject({
  q: z.string().trim().max(100, 'is too long').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type HealthListQuery = z.input<typeof healthListQuery>;

const page = z.object({ limit: z.number(), offset: z.number(), total: z.number() });
const studentFields = {
  studentUsi: z.number(),
  studentName: z.string(),
  studentUniqueId: z.string(),
};

export const complianceRow = z.object({
  ...studentFields,
  /** The required vaccines still short of doses: what is recorded of each, and what is required. */
  missing: z.array(z.object({ vaccine: z.string(), recorded: z.number(), required: z.number() })),
});
export const complianceView = z.object({ data: z.array(complianceRow), page });
export type ComplianceView = z.infer<typeof complianceView>;

export const medicationTodayRow = z.object({
  ...studentFields,
  medicationId: z.number(),
  medicationName: z.string(),
  dosage: z.string().nullable(),
  /** HH:MM of today's dose, or null for a medication given as needed. */
  time: z.string().nullable(),
  frequency: z.string().nullable(),
  instructions: z.string().nullable(),
});
export const medicationsTodayView = z.object({ date: z.string(), data: z.array(medicationTodayRow), page });
export type MedicationsTodayView = z.infer<typeof medicationsTodayView>;

export const allergyRow = z.object({
  ...studentFields,
  allergyId: z.number(),
  allergenName: z.string(),
  allergyType: z.string().nullable(),
  severity: z.string().nullable(),
  reaction: z.string().nullable(),
  treatmentPlan: z.string().nullable(),
});
export const allergiesView = z.object({ data: z.array(allergyRow), page });
export type AllergiesView = z.infer<typeof allergiesView>;

export const recordImmunizationInput = z.strictObject({
  studentUsi: z.coerce
    .number({ message: 'must be a student id' })
    .int()
    .positive('must be a student id')
    .max(2147483647, 'must be a student id'),
  vaccineType: z.string().trim().min(1, 'is required').max(100, 'is too long'),
  doseNumber: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(HEALTH_RULES.maxDoseNumber, `must be at most ${HEALTH_RULES.maxDoseNumber}`),
  /** Not in the future (checked against the server's clock). */
  dateAdministered: isoDate,
  administeredBy: z.string().trim().max(200, 'is too long').optional(),
  lotNumber: z.string().trim().max(50, 'is too long').optional(),
});
export type RecordImmunizationInput = z.input<typeof recordImmunizationInput>;

export const immunizationView = z.object({
  immunizationId: z.number(),
  studentUsi: z.number(),
  vaccineType: z.string(),
  doseNumber: z.number().nullable(),
  dateAdministered: z.string(),
  administeredBy: z.string().nullable(),
  lotNumber: z.string().nullable(),
});
export type ImmunizationView = z.infer<typeof immunizationView>;

/** What the nurse did at the end of a visit (nurse_visits.action_taken). */
export const VISIT_ACTIONS = ['returned_to_class', 'sent_home', 'parent_contacted', 'emergency_services'] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

const instant = z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' });
const visitAction = z.enum(VISIT_ACTIONS, { message: `must be one of ${VISIT_ACTIONS.join(', ')}` });
const assessment = z.string().trim().max(2000, 'is too long').optional();

/**
 * A visit to the nurse's office: in now (or at `timeIn`); a visit recorded after the fact also has its
 * `timeOut` and the action taken. Neither time in the future; out not before in.
 */
export const recordVisitInput = z
  .strictObject({
    studentUsi: recordImmunizationInput.shape.studentUsi,
    timeIn: instant.optional(),
    timeOut: instant.optional(),
    reason: z.string().trim().min(1, 'is required').max(200, 'is too long'),
    assessment,
    actionTaken: visitAction.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.timeOut !== undefined && v.actionTaken === undefined)
      ctx.addIssue({ code: 'custom', path: ['actionTaken'], message: 'is required when the visit has a time out' });
    if (v.actionTaken !== undefined && v.timeOut === undefined)
      ctx.addIssue({ code: 'custom', path: ['timeOut'], message: 'is required when an action is taken' });
    if (v.timeIn && v.timeOut && Date.parse(v.timeOut) < Date.parse(v.timeIn))
      ctx.addIssue({ code: 'custom', path: ['timeOut'], message: 'must not be before the time in' });
  });
export type RecordVisitInput = z.input<typeof recordVisitInput>;

/** Checking a student out of the nurse's office: when (default now), what was found, what was done. */
export const checkOutVisitInput = z.strictObject({
  timeOut: instant.optional(),
  assessment,
  actionTaken: visitAction,
});
export type CheckOutVisitInput = z.input<typeof checkOutVisitInput>;

export const visitParams = z.strictObject({ visitId: z.uuid('must be a visit id') });

/** Visits that began in [from, to) — the caller's day, by default today (UTC) — and every open visit. */
export const visitListQuery = healthListQuery.extend({
  from: instant.optional(),
  to: instant.optional(),
});
export type VisitListQuery = z.input<typeof visitListQuery>;

export const visitView = z.object({
  ...studentFields,
  visitId: z.string(),
  timeIn: z.string(),
  timeOut: z.string().nullable(),
  reason: z.string(),
  assessment: z.string().nullable(),
  actionTaken: z.enum(VISIT_ACTIONS).nullable(),
  recordedBy: z.string().nullable(),
  /** Parent accounts told (a student sent home); 0 otherwise. */
  parentsNotified: z.number().optional(),
});
export type VisitView = z.infer<typeof visitView>;

export const visitsView = z.object({
  /** Still in the office, the earliest first (whatever day they came in). */
  open: z.array(visitView),
  /** The visits of the period, the latest first, paged. */
  data: z.array(visitView),
  page,
});
export type VisitsView = z.infer<typeof visitsView>;
