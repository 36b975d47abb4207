/**
 * What the gradebook operations (a section's categories, entries and scores) accept and answer (zod). Shared with
 * the web app: no server-only imports here.
 */
import { z } from 'zod';
import { int4, nullableNumber } from './schemas.js';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const points = z.number({ message: 'must be a number' }).min(0, 'must be ≥ 0').max(9999999);

export const gradebookQuery = z.strictObject({
  /** GradingPeriodDescriptor code value (e.g. "First Quarter"); every period when absent. */
  gradingPeriod: z.string().trim().min(1).max(100).optional(),
});

/** One gradebook category (the web app's "add a category" form validates with it too). */
export const categoryInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(60),
  weightPercent: z.number({ message: 'must be a number' }).min(0, 'must be ≥ 0').max(100, 'must be ≤ 100'),
  dropLowest: z.number({ message: 'must be a whole number' }).int().min(0).max(10).default(0),
});

export const categoriesInput = z
  .strictObject({
    categories: z.array(categoryInput).max(20),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.categories.forEach((c, i) => {
      if (seen.has(c.name.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: 'is listed twice' });
      seen.add(c.name.toLowerCase());
    });
  });
export type CategoriesInput = z.input<typeof categoriesInput>;

export const entryInput = z
  .strictObject({
    title: z.string().trim().min(1, 'is required').max(100),
    description: z.string().trim().max(1024).optional(),
    categoryId: z.uuid({ message: 'must be a category id (UUID)' }),
    gradingPeriod: z.string().trim().min(1).max(100),
    dateAssigned: isoDate,
    dueDate: isoDate.optional(),
    maxPoints: z.number().positive('must be > 0').max(9999999).optional(),
  })
  .refine((v) => !v.dueDate || v.dueDate >= v.dateAssigned, {
    path: ['dueDate'],
    message: 'must not be before dateAssigned',
  });
export type EntryInput = z.input<typeof entryInput>;

/**
 * A change to an entry: the fields given (at least one). categoryId also files an Ed-Fi client's entry (filed by its
 * entry type until then) under one of the section's categories; null clears a description, due date or max points.
 */
export const entryChange = z
  .strictObject({
    title: z.string().trim().min(1, 'is required').max(100).optional(),
    description: z.string().trim().max(1024).nullable().optional(),
    categoryId: z.uuid({ message: 'must be a category id (UUID)' }).optional(),
    dateAssigned: isoDate.optional(),
    dueDate: isoDate.nullable().optional(),
    maxPoints: z.number().positive('must be > 0').max(9999999).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one field' });
export type EntryChange = z.input<typeof entryChange>;

const scoreInput = z
  .strictObject({
    studentUsi: int4('student USI'),
    /** Points earned (out of the entry's maxPoints, else a percentage); null clears the score. */
    points: points.nullable().default(null),
    exempt: z.boolean().default(false),
    late: z.boolean().default(false),
    missing: z.boolean().default(false),
    comment: z.string().trim().max(1024).optional(),
  })
  .refine((s) => !(s.exempt && s.missing), { path: ['missing'], message: 'an exempt item cannot be missing' });

export const scoresInput = z.strictObject({ scores: z.array(scoreInput).min(1).max(1000) }).superRefine((v, ctx) => {
  const seen = new Set<number>();
  v.scores.forEach((s, i) => {
    if (seen.has(s.studentUsi))
      ctx.addIssue({ code: 'custom', path: ['scores', i, 'studentUsi'], message: 'is listed twice' });
    seen.add(s.studentUsi);
  });
});
export type ScoresInput = z.input<typeof scoresInput>;

// Views ------------------------------------------------------------------------------------------

export const categoryView = z.object({
  id: z.string(),
  name: z.string(),
  weightPercent: z.number(),
  dropLowest: z.number(),
});
export const entryView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  categoryId: z.string().nullable(),
  gradingPeriod: z.string().nullable(),
  dateAssigned: z.string(),
  dueDate: z.string().nullable(),
  maxPoints: nullableNumber,
  /** The entry's strong ETag: sent back as If-Match, a change made meanwhile by someone else is refused (412). */
  etag: z.string(),
});
export const scoreView = z.object({
  entryId: z.string(),
  studentUsi: z.number(),
  points: nullableNumber,
  exempt: z.boolean(),
  late: z.boolean(),
  missing: z.boolean(),
  comment: z.string().nullable(),
});
export const gradebookView = z.object({
  sectionId: z.string(),
  sectionIdentifier: z.string(),
  sectionName: z.string().nullable(),
  schoolId: z.number(),
  gradingPeriods: z.array(z.object({ code: z.string(), beginDate: z.string(), endDate: z.string() })),
  categories: z.array(categoryView),
  entries: z.array(entryView),
  students: z.array(z.object({ studentUsi: z.number(), studentUniqueId: z.string(), name: z.string() })),
  scores: z.array(scoreView),
});
export type GradebookView = z.infer<typeof gradebookView>;
