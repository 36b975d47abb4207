/**
 * What the Ed-Fi → OneRoster projection fills and from where: the OneRoster kinds in dependency order, the
 * source SELECTs by name (sources.ts, gradebook-sources.ts), the sources a source cannot go without, and per
 * kind the target tables with their columns in the order the sources SELECT them. projection.ts runs them.
 */
import type { SQL } from 'drizzle-orm';
import * as gradebook from './gradebook-sources.js';
import * as people from './people-sources.js';
import * as src from './sources.js';
import type { Scope } from './sources.js';

/** The OneRoster resource kinds the projection fills, in dependency order. */
export const PROJECTION_KINDS = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'lineItems',
  'results',
] as const;
export type ProjectionKind = (typeof PROJECTION_KINDS)[number];

/** Every source SELECT by name (sources.ts). */
export const SOURCES = {
  districts: src.districts,
  schools: src.schools,
  schoolYears: src.schoolYears,
  terms: src.terms,
  gradingPeriods: src.gradingPeriods,
  courses: src.courses,
  classes: src.classes,
  students: people.students,
  staff: people.staff,
  roles: people.roles,
  enrollments: people.enrollments,
  categories: gradebook.categories,
  gradeCategories: gradebook.gradeCategories,
  entryTypeCategories: gradebook.entryTypeCategories,
  lineItems: gradebook.lineItems,
  results: gradebook.results,
  gradeLineItems: gradebook.gradeLineItems,
  gradeResults: gradebook.gradeResults,
} satisfies Record<string, (scope: Scope) => SQL>;
export type SourceName = keyof typeof SOURCES;

/**
 * Sources that a source's rows reference and that must be projected with it, whatever a caller narrows
 * `sources` to: a grade's line item, and a gradebook entry's, needs its category (OneRoster 1.2 requires
 * lineItem.category).
 */
const PREREQUISITES: Partial<Record<SourceName, readonly SourceName[]>> = {
  gradeLineItems: ['gradeCategories'],
  lineItems: ['entryTypeCategories'],
};

/** The sources to run: the requested ones plus their prerequisites (undefined = every source). */
export function withPrerequisites(sources: readonly SourceName[] | undefined): readonly SourceName[] | undefined {
  if (!sources) return undefined;
  return [...new Set(sources.flatMap((name) => [...(PREREQUISITES[name] ?? []), name]))];
}

export interface Step {
  table: string;
  /** Target columns after sourced_id, in the order the sources SELECT them. */
  columns: readonly string[];
  /** Sources run in order (a later one may reference rows an earlier one wrote). */
  sources: readonly SourceName[];
  /** Roles have no metadata column: they are owned through their user. */
  metadata: boolean;
}

export const STEPS: Record<ProjectionKind, readonly Step[]> = {
  orgs: [
    {
      table: 'orgs',
      columns: ['name', 'type', 'identifier', 'parent_sourced_id'],
      sources: ['districts', 'schools'],
      metadata: true,
    },
  ],
  academicSessions: [
    {
      table: 'academic_sessions',
      columns: ['title', 'type', 'start_date', 'end_date', 'parent_sourced_id', 'school_year'],
      sources: ['schoolYears', 'terms', 'gradingPeriods'],
      metadata: true,
    },
  ],
  courses: [
    {
      table: 'courses',
      columns: ['title', 'school_year_sourced_id', 'course_code', 'subjects', 'org_sourced_id'],
      sources: ['courses'],
      metadata: true,
    },
  ],
  classes: [
    {
      table: 'classes',
      columns: [
        'title',
        'class_code',
        'class_type',
        'subjects',
        'course_sourced_id',
        'school_sourced_id',
        'term_sourced_ids',
      ],
      sources: ['classes'],
      metadata: true,
    },
  ],
  users: [
    {
      table: 'users',
      columns: [
        'enabled_user',
        'username',
        'user_ids',
        'given_name',
        'family_name',
        'middle_name',
        'preferred_first_name',
        'preferred_last_name',
        'identifier',
        'grades',
        'primary_org_sourced_id',
      ],
      sources: ['students', 'staff'],
      metadata: true,
    },
    {
      table: 'roles',
      columns: ['user_sourced_id', 'role_type', 'role', 'begin_date', 'end_date', 'org_sourced_id'],
      sources: ['roles'],
      metadata: false,
    },
  ],
  enrollments: [
    {
      table: 'enrollments',
      columns: [
        'user_sourced_id',
        'class_sourced_id',
        'school_sourced_id',
        'role',
        'primary_enrollment',
        'begin_date',
        'end_date',
      ],
      sources: ['enrollments'],
      metadata: true,
    },
  ],
  lineItems: [
    {
      table: 'categories',
      columns: ['title', 'weight', 'school_sourced_id', 'class_sourced_id'],
      sources: ['categories', 'gradeCategories', 'entryTypeCategories'],
      metadata: true,
    },
    {
      table: 'line_items',
      columns: [
        'title',
        'description',
        'assign_date',
        'due_date',
        'class_sourced_id',
        'category_sourced_id',
        'grading_period_sourced_id',
        'result_value_min',
        'result_value_max',
      ],
      sources: ['lineItems', 'gradeLineItems'],
      metadata: true,
    },
  ],
  results: [
    {
      table: 'results',
      columns: [
        'line_item_sourced_id',
        'student_sourced_id',
        'score_status',
        'score',
        'score_date',
        'comment',
        'text_score',
        'late',
        'missing',
      ],
      sources: ['results', 'gradeResults'],
      metadata: true,
    },
  ],
};
