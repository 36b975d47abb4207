/**
 * What the grades, GPA and report-card operations accept and answer (zod), and the grading defaults a school may
 * change; the gradebook's own are in gradebook.schema.ts. Shared with the web app: no server-only imports here.
 */
import { z } from 'zod';

export const int4 = (what: string) =>
  z.coerce
    .number({ message: `must be a ${what}` })
    .int()
    .positive()
    .max(2147483647);

export const gradeScaleLevel = z.strictObject({
  letter: z.string().trim().min(1).max(5),
  minPercent: z.number().min(0).max(100),
  gradePoints: z.number().min(0).max(5),
  passing: z.boolean(),
});
export type GradeScaleLevel = z.infer<typeof gradeScaleLevel>;

export const GRADE_LEVELS = ['regular', 'honors', 'ap'] as const;
/**
 * The Ed-Fi grade levels (GradeLevelDescriptor code values) that make a school a high school: only a
 * course offered solely at schools serving one of them may carry a weighted (honors, AP) level.
 */
export const HIGH_SCHOOL_GRADE_LEVELS = ['Ninth grade', 'Tenth grade', 'Eleventh grade', 'Twelfth grade'] as const;

/** The default scale (A–F on 4.0, D passing) and weighted-GPA add-ons of a school without a policy. */
export const GRADING_DEFAULTS = {
  scale: [
    { letter: 'A', minPercent: 90, gradePoints: 4, passing: true },
    { letter: 'B', minPercent: 80, gradePoints: 3, passing: true },
    { letter: 'C', minPercent: 70, gradePoints: 2, passing: true },
    { letter: 'D', minPercent: 60, gradePoints: 1, passing: true },
    { letter: 'F', minPercent: 0, gradePoints: 0, passing: false },
  ] satisfies GradeScaleLevel[],
  honorsAddOn: 0.5,
  apAddOn: 1,
  /** The namespace of gradebook entries created in Schola. */
  namespace: 'uri://schola.app/gradebook',
  /** GradeTypeDescriptor code values of a period grade and a final grade. */
  periodGradeType: 'Grading Period',
  finalGradeType: 'Final',
} as const;

export const sectionParams = z.strictObject({ sectionId: z.uuid({ message: 'must be a section id (UUID)' }) });
export const entryParams = sectionParams.extend({ entryId: z.uuid({ message: 'must be an entry id (UUID)' }) });
export const periodParams = sectionParams.extend({
  gradingPeriod: z.string().trim().min(1).max(100),
});
export const studentPeriodParams = periodParams.extend({ studentUsi: int4('student USI') });
export const studentParams = z.strictObject({ studentUsi: int4('student USI') });
export const schoolParams = z.strictObject({ schoolId: int4('school id') });

const overrideReason = z.string().trim().min(3, 'must say why (at least 3 characters)').max(1024);
export const overrideInput = z.strictObject({
  /** The letter to give (one of the school's scale); null removes the override. */
  letter: z.string().trim().min(1).max(5).nullable(),
  reason: overrideReason.optional(),
});
/** The override form: a letter and why (the service requires a reason with a letter). */
export const overrideForm = z.strictObject({
  letter: z.string({ message: 'must be chosen' }).trim().min(1, 'must be chosen').max(5),
  reason: overrideReason,
});
export const commentInput = z.strictObject({ comment: z.string().trim().max(1024) });

export const courseParams = schoolParams.extend({ courseCode: z.string().trim().min(1).max(60) });
/** A course's level for the weighted GPA (the add-ons are the school's grading policy). */
export const courseGpaLevelInput = z.strictObject({
  level: z.enum(GRADE_LEVELS, { message: `must be one of ${GRADE_LEVELS.join(', ')}` }),
});
export type CourseGpaLevelInput = z.input<typeof courseGpaLevelInput>;

export const gradingPolicyInput = z
  .strictObject({
    scale: z.array(gradeScaleLevel).min(2).max(20),
    honorsAddOn: z.number().min(0).max(2).default(GRADING_DEFAULTS.honorsAddOn),
    apAddOn: z.number().min(0).max(2).default(GRADING_DEFAULTS.apAddOn),
  })
  .superRefine((v, ctx) => {
    if (!v.scale.some((l) => l.minPercent === 0))
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'needs a level starting at 0 %' });
    const letters = new Set(v.scale.map((l) => l.letter.toLowerCase()));
    if (letters.size !== v.scale.length) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'repeats a letter' });
  });

// Views ------------------------------------------------------------------------------------------

export const nullableNumber = z.number().nullable();

export const periodGradeView = z.object({
  studentUsi: z.number(),
  name: z.string(),
  percent: nullableNumber,
  computedLetter: z.string().nullable(),
  letter: z.string().nullable(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  comment: z.string().nullable(),
  categories: z
    .array(z.object({ name: z.string(), weightPercent: z.number(), percent: nullableNumber, dropped: z.number() }))
    .optional(),
});
export const periodGradesView = z.object({
  sectionId: z.string(),
  gradingPeriod: z.string(),
  gradeType: z.string(),
  grades: z.array(periodGradeView),
});
export type PeriodGradesView = z.infer<typeof periodGradesView>;

const gpaView = z.object({ unweighted: nullableNumber, weighted: nullableNumber, credits: z.number() });
export const studentGradesView = z.object({
  studentUsi: z.number(),
  name: z.string(),
  grades: z.array(
    z.object({
      sectionIdentifier: z.string(),
      /** The school of the section (its report card is asked per school and grading period). */
      schoolId: z.number(),
      courseTitle: z.string(),
      gradingPeriod: z.string(),
      gradeType: z.string(),
      percent: nullableNumber,
      letter: z.string().nullable(),
      comment: z.string().nullable(),
    }),
  ),
  transcript: z.array(
    z.object({
      schoolYear: z.number(),
      term: z.string(),
      courseCode: z.string(),
      courseTitle: z.string().nullable(),
      letter: z.string().nullable(),
      percent: nullableNumber,
      attemptedCredits: z.number(),
      earnedCredits: z.number(),
      gradePoints: nullableNumber,
      level: z.string(),
    }),
  ),
  gpa: z.object({
    cumulative: gpaView,
    terms: z.array(gpaView.extend({ schoolYear: z.number(), term: z.string() })),
  }),
});
export type StudentGradesView = z.infer<typeof studentGradesView>;

export const classRankView = z.object({
  schoolId: z.number(),
  students: z.array(
    z.object({
      studentUsi: z.number(),
      name: z.string(),
      weighted: nullableNumber,
      unweighted: nullableNumber,
      rank: z.number().nullable(),
    }),
  ),
});
export const courseGpaLevelView = z.object({
  courseCode: z.string(),
  /** The education organization whose catalog holds the course (the school, or its district). */
  educationOrganizationId: z.number(),
  courseTitle: z.string(),
  level: z.enum(GRADE_LEVELS),
  previousLevel: z.enum(GRADE_LEVELS),
});
export type CourseGpaLevelView = z.infer<typeof courseGpaLevelView>;

/** A course the school owns or offers, with its GPA level and whether the caller may change it. */
export const schoolCourseView = z.object({
  courseCode: z.string(),
  courseTitle: z.string(),
  educationOrganizationId: z.number(),
  /** The school's own catalog (false: the district's, shared by its schools). */
  schoolCatalog: z.boolean(),
  level: z.enum(GRADE_LEVELS),
  /** Sections of the course at the school this school year and before. */
  sections: z.number(),
  mayChange: z.boolean(),
});
export const schoolCoursesView = z.object({
  schoolId: z.number(),
  /** The school serves a high-school grade (9–12): its courses may be honors or AP. */
  highSchool: z.boolean(),
  courses: z.array(schoolCourseView),
});
export type SchoolCoursesView = z.infer<typeof schoolCoursesView>;

export const gradingPolicyView = z.object({
  schoolId: z.number(),
  scale: z.array(gradeScaleLevel),
  honorsAddOn: z.number(),
  apAddOn: z.number(),
  custom: z.boolean(),
});
