/**
 * What the discipline operations accept and answer (zod), and who may see discipline records.
 * No server-only imports here.
 */
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const int4 = (what: string) =>
  z.coerce
    .number({ message: `must be a ${what}` })
    .int()
    .positive()
    .max(2147483647);
const code = (type: string) => z.string().trim().min(1, `is required (a ${type} code value)`).max(50);

/**
 * Discipline records are sensitive: only these roles read them (within their schools, by the policy
 * engine) — not teachers, and not through this service parents or students.
 */
export const DISCIPLINE_STAFF_ROLES = ['school_admin', 'district_admin', 'counselor'] as const;

/** DisciplineDescriptor code values that remove a student for a span of school days: start, end and days required. */
export const EXCLUSIONS = ['In School Suspension', 'Out of School Suspension', 'Expulsion'] as const;

export const schoolParams = z.strictObject({ schoolId: int4('school id') });
export const incidentParams = z.strictObject({
  schoolId: int4('school id'),
  incidentIdentifier: z.string().trim().min(1).max(60),
});

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

export const recordIncidentInput = z
  .strictObject({
    /** Generated when not given. */
    incidentIdentifier: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,60}$/, 'must be 1–60 letters, digits, dots, dashes or underscores')
      .optional(),
    incidentDate: isoDate,
    incidentTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time (HH:MM or HH:MM:SS)')
      .optional(),
    location: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().min(1).max(1024).optional(),
    /** Who reported it: a staff member, or a name (a parent, a bus driver…), or both. */
    reportedBy: z
      .strictObject({ staffUsi: int4('staff USI').optional(), name: z.string().trim().min(1).max(75).optional() })
      .refine((r) => r.staffUsi !== undefined || r.name !== undefined, { message: 'name a staff member or a name' }),
    reportedToLawEnforcement: z.boolean().default(false),
    caseNumber: z.string().trim().min(1).max(20).optional(),
    /** Cost of the incident (damage), integer cents. */
    costCents: z.number().int().min(0).max(1_000_000_000_000).optional(),
    students: z
      .array(
        z.strictObject({
          studentUsi: int4('student USI'),
          /** StudentParticipationCodeDescriptor: Perpetrator, Victim, Witness, Reporter. */
          role: code('StudentParticipationCodeDescriptor'),
          behaviors: z
            .array(
              z.strictObject({
                behavior: code('BehaviorDescriptor'),
                description: z.string().trim().min(1).max(1024).optional(),
              }),
            )
            .max(20)
            .default([]),
        }),
      )
      .min(1, 'name at least one student')
      .max(100),
    actions: z
      .array(
        z.strictObject({
          studentUsi: int4('student USI'),
          /** DisciplineDescriptor, e.g. Out of School Suspension. */
          discipline: code('DisciplineDescriptor'),
          startDate: isoDate,
          endDate: isoDate.optional(),
          /** School days of the action. */
          days: z.number().int().min(0).max(366).optional(),
          /** Who decided the action. */
          decidedByStaffUsi: int4('staff USI'),
        }),
      )
      .max(100)
      .default([]),
  })
  .superRefine((v, ctx) => {
    const involved = new Set<number>();
    v.students.forEach((s, i) => {
      if (involved.has(s.studentUsi))
        ctx.addIssue({ code: 'custom', path: ['students', i, 'studentUsi'], message: 'is named twice' });
      involved.add(s.studentUsi);
    });
    v.actions.forEach((a, i) => {
      const at = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['actions', i, field], message });
      if (!involved.has(a.studentUsi)) at('studentUsi', 'must be one of the students involved');
      if (a.startDate < v.incidentDate) at('startDate', 'must not be before the incident');
      if (a.endDate !== undefined && a.endDate < a.startDate) at('endDate', 'must not be before startDate');
      if ((EXCLUSIONS as readonly string[]).includes(a.discipline)) {
        if (a.endDate === undefined) at('endDate', `is required for ${a.discipline}`);
        if (a.days === undefined) at('days', `is required for ${a.discipline}`);
      }
      if (a.endDate !== undefined && a.days !== undefined && a.endDate >= a.startDate) {
        const span = daysBetween(a.startDate, a.endDate);
        if (a.days > span) at('days', `must not exceed the ${span} calendar days from startDate to endDate`);
        if (a.days === 0) at('days', 'must be at least 1 when an end date is given');
      }
    });
  });
export type RecordIncidentInput = z.input<typeof recordIncidentInput>;

export const rangeQuery = z.strictObject({ from: isoDate, to: isoDate }).superRefine((v, ctx) => {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
});

export const incidentView = z.object({
  incidentIdentifier: z.string(),
  schoolId: z.number(),
  incidentDate: z.string(),
  incidentTime: z.string().nullable(),
  location: z.string().nullable(),
  description: z.string().nullable(),
  reportedBy: z.object({ staffUsi: z.number().nullable(), name: z.string().nullable() }),
  reportedToLawEnforcement: z.boolean(),
  caseNumber: z.string().nullable(),
  costCents: z.number().nullable(),
  students: z.array(
    z.object({
      studentUsi: z.number(),
      role: z.string(),
      behaviors: z.array(z.object({ behavior: z.string(), description: z.string().nullable() })),
    }),
  ),
  actions: z.array(
    z.object({
      disciplineActionIdentifier: z.string(),
      studentUsi: z.number(),
      discipline: z.string().nullable(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      days: z.number().nullable(),
      decidedByStaffUsi: z.number().nullable(),
    }),
  ),
});
export type IncidentView = z.infer<typeof incidentView>;

export const incidentListView = z.object({
  schoolId: z.number(),
  from: z.string(),
  to: z.string(),
  incidents: z.array(
    z.object({
      incidentIdentifier: z.string(),
      incidentDate: z.string(),
      students: z.number(),
      behaviors: z.array(z.string()),
    }),
  ),
});

export const countsView = z.object({
  schoolId: z.number(),
  from: z.string(),
  to: z.string(),
  incidents: z.number(),
  byBehavior: z.array(z.object({ behavior: z.string(), incidents: z.number(), students: z.number() })),
  byDiscipline: z.array(z.object({ discipline: z.string(), actions: z.number(), days: z.number() })),
});
