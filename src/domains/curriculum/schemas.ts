/**
 * What the curriculum operations accept and answer (zod) and the declared badge rules. No server-only
 * imports here.
 */
import { z } from 'zod';
import { CEFR_LEVELS } from './levels.js';

const id = z.string().trim().min(1, 'is required').max(64);
const text = (max: number) => z.string().trim().max(max);

export const BADGE_RULES = {
  first_lesson: { name: 'First lesson', description: 'Completed a first lesson', category: 'special', lessons: 1 },
  ten_lessons: { name: 'Ten lessons', description: 'Completed ten lessons', category: 'streak', lessons: 10 },
  perfect_attendance_month: {
    name: 'Perfect attendance month',
    description: 'Present at every class of a calendar month',
    category: 'streak',
    lessons: undefined,
  },
} as const;
export type BadgeRule = keyof typeof BADGE_RULES;
/** A month with fewer sessions than this is not a "perfect attendance month". */
export const PERFECT_MONTH_MIN_SESSIONS = 4;

export const courseParams = z.strictObject({ courseTypeId: id });
export const levelParams = z.strictObject({ levelId: id });
export const moduleParams = z.strictObject({ moduleId: id });
export const lessonParams = z.strictObject({ lessonId: id });

export const createCourseInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, 'must be lower-case letters, digits, - or _ (2–40)'),
  name: text(200).min(1, 'is required'),
  description: text(2000).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d4ed8')
    .optional(),
  /** The CEFR levels to open at once (each can be added later too). */
  levels: z.array(z.enum(CEFR_LEVELS, { message: `must be a CEFR level: ${CEFR_LEVELS.join(', ')}` })).default([]),
});
export type CreateCourseInput = z.input<typeof createCourseInput>;

export const createLevelInput = z.strictObject({
  code: z.enum(CEFR_LEVELS, { message: `must be a CEFR level: ${CEFR_LEVELS.join(', ')}` }),
  name: text(200).optional(),
});

export const createModuleInput = z.strictObject({
  code: text(40).optional(),
  name: text(200).min(1, 'is required'),
  description: text(2000).optional(),
  pointsRequired: z.number().int().min(0).max(100_000).optional(),
  badgeId: id.optional(),
});
export type CreateModuleInput = z.input<typeof createModuleInput>;

export const lessonInput = z.strictObject({
  title: text(300).min(1, 'is required'),
  contentMdx: z.string().max(200_000).default(''),
  points: z.number().int().min(0).max(10_000).default(10),
  estimatedMinutes: z.number().int().min(1).max(600).optional(),
  objectives: z.array(text(500)).max(50).default([]),
  tasks: z.array(text(500)).max(100).default([]),
});
export type LessonInput = z.input<typeof lessonInput>;
export const updateLessonInput = lessonInput.partial();
export type UpdateLessonInput = z.input<typeof updateLessonInput>;

export const moveLessonInput = z.strictObject({ position: z.number().int().min(1).max(10_000) });

export const completeLessonInput = z.strictObject({
  studentId: id,
  lessonId: id,
  tasksCompleted: z.array(text(500)).max(100).default([]),
});
export type CompleteLessonInput = z.input<typeof completeLessonInput>;

export const lessonView = z.object({
  id: z.string(),
  moduleId: z.string(),
  title: z.string(),
  contentMdx: z.string(),
  order: z.number(),
  points: z.number(),
  estimatedMinutes: z.number().nullable(),
  objectives: z.array(z.string()),
  tasks: z.array(z.string()),
});
export type LessonView = z.infer<typeof lessonView>;

export const moduleView = z.object({
  id: z.string(),
  levelId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  order: z.number(),
  lessons: z.array(lessonView),
});
export const levelView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  order: z.number(),
  modules: z.array(moduleView),
});
export const courseView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  levels: z.array(levelView),
});
export type CourseView = z.infer<typeof courseView>;

export const progressView = z.object({
  studentId: z.string(),
  lessonId: z.string(),
  pointsEarned: z.number(),
  completedAt: z.string(),
  lessonsCompleted: z.number(),
  badgesAwarded: z.array(z.string()),
});
