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
