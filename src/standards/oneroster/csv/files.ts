/**
 * The OneRoster 1.2 CSV files (binding 1.2.1): header order exactly as the standard, each column's
 * kind, whether it is required, what it references, and where Schola stores it. A column without
 * `db` has no column in Schola's table: it is kept in the row's `metadata` jsonb under its CSV name
 * (tables without metadata drop it, with a warning). A `derived` column repeats what Schola derives
 * (results.classSourcedId = its line item's class): staged and checked on import, written from the
 * derivation on export, never stored twice. Every 1.2 file has a table; a FileSpec without one would
 * be validated and reported as "not stored".
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import * as or from '../../../domains/oneroster/tables.js';

export type Kind =
  | 'id'
  | 'string'
  | 'date'
  | 'datetime'
  | 'dateOrDatetime'
  | 'boolean'
  | 'number'
  | 'list'
  | 'enum'
  | 'userIds'
  | 'scoreScaleValue';

export interface ColumnSpec {
  csv: string;
  kind: Kind;
  /** Physical column; undefined = metadata.<csv>; a leading "_" = staged only (1.1 mapping). */
  db?: string;
  /** Required by the CSV binding 1.2.1 (the only columns Schola requires: optional there is optional here). */
  required?: boolean;
  values?: readonly string[];
  /** The file whose sourcedIds this column references. */
  ref?: string;
  /**
   * A staged-only column (db "_…") whose value Schola derives: `sql` over alias `t` (a row of the
   * table or of its staging table) gives it; an import row must agree, the export writes it.
   */
  derived?: { sql: string; what: string };
}

export interface FileSpec {
  name: string;
  table?: PgTable;
  /** Qualified table name (audit, SQL). */
  tableName?: string;
  hasMetadata: boolean;
  columns: ColumnSpec[];
}

const STATUS = ['active', 'tobedeleted'] as const;
const common = (): ColumnSpec[] => [
  { csv: 'sourcedId', kind: 'id', db: 'sourced_id', required: true },
  { csv: 'status', kind: 'enum', db: 'status', values: STATUS },
  { csv: 'dateLastModified', kind: 'datetime', db: 'date_last_modified' },
];
/** 1.1 users.role values and the 1.2 role each becomes (1.2 splits "administrator" by org level). */
export const ROLE_1_1_TO_1_2: Record<string, string> = {
  administrator: 'siteAdministrator',
  aide: 'aide',
  guardian: 'guardian',
  parent: 'parent',
  proctor: 'proctor',
  relative: 'relative',
  student: 'student',
  teacher: 'teacher',
};

function file(
  name: string,
  table: PgTable | undefined,
  tableName: string | undefined,
  hasMetadata: boolean,
  columns: ColumnSpec[],
): FileSpec {
  return { name, table, tableName, hasMetadata, columns: [...common(), ...columns] };
}
const s = (csv: string, db: string | undefined, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  csv,
  kind: 'string',
  db,
  ...extra,
});
const ref = (csv: string, db: string | undefined, target: string, required = false): ColumnSpec => ({
  csv,
  kind: 'id',
  db,
  ref: target,
  required,
});

/** A file whose sourcedId is also a reference to another file's row (demographics → users). */
function withSourcedIdOf(target: string, spec: FileSpec): FileSpec {
  return { ...spec, columns: spec.columns.map((c) => (c.csv === 'sourcedId' ? { ...c, ref: target } : c)) };
}

// results.classSourcedId is not stored: a result's class is its line item's.
const LINE_ITEM_CLASS =
  '(SELECT li.class_sourced_id FROM oneroster.line_items li' +
  ' WHERE li.tenant_id = t.tenant_id AND li.sourced_id = t.line_item_sourced_id)';

/** In dependency order: a file only references files before it (or itself). */
export const FILES: FileSpec[] = [
  file('academicSessions', or.academicSessions, 'oneroster.academic_sessions', true, [
    s('title', 'title', { required: true }),
    {
      csv: 'type',
      kind: 'enum',
      db: 'type',
      required: true,
      values: ['gradingPeriod', 'semester', 'schoolYear', 'term'],
    },
    { csv: 'startDate', kind: 'date', db: 'start_date', required: true },
    { csv: 'endDate', kind: 'date', db: 'end_date', required: true },
    ref('parentSourcedId', 'parent_sourced_id', 'academicSessions'),
    s('schoolYear', 'school_year', { required: true }),
  ]),
  file('orgs', or.orgs, 'oneroster.orgs', true, [
    s('name', 'name', { required: true }),
    {
      csv: 'type',
      kind: 'enum',
      db: 'type',
      required: true,
      values: ['department', 'district', 'local', 'national', 'school', 'state'],
    },
    s('identifier', 'identifier'),
    ref('parentSourcedId', 'parent_sourced_id', 'orgs'),
  ]),
  file('courses', or.courses, 'oneroster.courses', true, [
    ref('schoolYearSourcedId', 'school_year_sourced_id', 'academicSessions'),
    s('title', 'title', { required: true }),
    s('courseCode', 'course_code'),
    { csv: 'grades', kind: 'list', db: 'grades' },
    ref('orgSourcedId', 'org_sourced_id', 'orgs', true),
    { csv: 'subjects', kind: 'list', db: 'subjects' },
    { csv: 'subjectCodes', kind: 'list', db: 'subject_codes' },
  ]),
  file('classes', or.classes, 'oneroster.classes', true, [
    s('title', 'title', { required: true }),
    { csv: 'grades', kind: 'list', db: 'grades' },
    ref('courseSourcedId', 'course_sourced_id', 'courses', true),
    s('classCode', 'class_code'),
    { csv: 'classType', kind: 'enum', db: 'class_type', required: true, values: ['homeroom', 'scheduled'] },
    s('location', 'location'),
    ref('schoolSourcedId', 'school_sourced_id', 'orgs', true),
    { csv: 'termSourcedIds', kind: 'list', db: 'term_sourced_ids', required: true, ref: 'academicSessions' },
    { csv: 'subjects', kind: 'list', db: 'subjects' },
    { csv: 'subjectCodes', kind: 'list', db: 'subject_codes' },
    { csv: 'periods', kind: 'list', db: 'periods' },
  ]),
  file('users', or.users, 'oneroster.users', true, [
    { csv: 'enabledUser', kind: 'boolean', db: 'enabled_user', required: true },
    s('username', 'username'),
    { csv: 'userIds', kind: 'userIds', db: 'user_ids' },
    s('givenName', 'given_name', { required: true }),
    s('familyName', 'family_name', { required: true }),
    s('middleName', 'middle_name'),
    s('identifier', 'identifier'),
    s('email', 'email'),
    s('sms', 'sms'),
    s('phone', 'phone'),
    { csv: 'agentSourcedIds', kind: 'list', db: 'agent_sourced_ids', ref: 'users' },
    { csv: 'grades', kind: 'list', db: 'grades' },
    s('password', 'password'),
    s('userMasterIdentifier', 'user_master_identifier'),
    s('preferredGivenName', 'preferred_first_name'),
    s('preferredMiddleName', 'preferred_middle_name'),
    s('preferredFamilyName', 'preferred_last_name'),
    ref('primaryOrgSourcedId', 'primary_org_sourced_id', 'orgs'),
    s('pronouns', 'pronouns'),
  ]),
  file('userProfiles', or.userProfiles, 'oneroster.user_profiles', false, [
    ref('userSourcedId', 'user_sourced_id', 'users', true),
    s('profileType', 'profile_type', { required: true }),
    s('vendorId', 'vendor_id', { required: true }),
    s('applicationId', 'application_id'),
    s('description', 'description'),
    s('credentialType', 'credential_type', { required: true }),
    s('username', 'username', { required: true }),
    s('password', 'password'),
  ]),
  file('roles', or.roles, 'oneroster.roles', false, [
    ref('userSourcedId', 'user_sourced_id', 'users', true),
    { csv: 'roleType', kind: 'enum', db: 'role_type', required: true, values: ['primary', 'secondary'] },
    { csv: 'role', kind: 'enum', db: 'role', required: true, values: or.ROLE_VALUES },
    { csv: 'beginDate', kind: 'date', db: 'begin_date' },
    { csv: 'endDate', kind: 'date', db: 'end_date' },
    ref('orgSourcedId', 'org_sourced_id', 'orgs', true),
    ref('userProfileSourcedId', 'user_profile_sourced_id', 'userProfiles'),
  ]),
  file('enrollments', or.enrollments, 'oneroster.enrollments', true, [
    ref('classSourcedId', 'class_sourced_id', 'classes', true),
    ref('schoolSourcedId', 'school_sourced_id', 'orgs', true),
    ref('userSourcedId', 'user_sourced_id', 'users', true),
    {
      csv: 'role',
      kind: 'enum',
      db: 'role',
      required: true,
      values: ['administrator', 'proctor', 'student', 'teacher'],
    },
    { csv: 'primary', kind: 'boolean', db: 'primary_enrollment' },
    { csv: 'beginDate', kind: 'date', db: 'begin_date' },
    { csv: 'endDate', kind: 'date', db: 'end_date' },
  ]),
  // A user's demographics carry the user's own sourcedId (and Schola's table a foreign key to the user).
  withSourcedIdOf(
    'users',
    file('demographics', or.demographics, 'oneroster.demographics', true, [
      { csv: 'birthDate', kind: 'date', db: 'birth_date' },
      { csv: 'sex', kind: 'enum', db: 'sex', values: ['female', 'male', 'other', 'unspecified'] },
      { csv: 'americanIndianOrAlaskaNative', kind: 'boolean', db: 'american_indian_or_alaska_native' },
      { csv: 'asian', kind: 'boolean', db: 'asian' },
      { csv: 'blackOrAfricanAmerican', kind: 'boolean', db: 'black_or_african_american' },
      { csv: 'nativeHawaiianOrOtherPacificIslander', kind: 'boolean', db: 'native_hawaiian_or_other_pacific_islander' },
      { csv: 'white', kind: 'boolean', db: 'white' },
      { csv: 'demographicRaceTwoOrMoreRaces', kind: 'boolean', db: 'demographic_race_two_or_more_races' },
      { csv: 'hispanicOrLatinoEthnicity', kind: 'boolean', db: 'hispanic_or_latino_ethnicity' },
      s('countryOfBirthCode', 'country_of_birth_code'),
      s('stateOfBirthAbbreviation', 'state_of_birth_abbreviation'),
      s('cityOfBirth', 'city_of_birth'),
      s('publicSchoolResidenceStatus', 'public_school_residence_status'),
    ]),
  ),
  file('categories', or.categories, 'oneroster.categories', true, [
    s('title', 'title', { required: true }),
    { csv: 'weight', kind: 'number', db: 'weight' },
  ]),
  file('lineItems', or.lineItems, 'oneroster.line_items', true, [
    s('title', 'title', { required: true }),
    s('description', 'description'),
    { csv: 'assignDate', kind: 'date', db: 'assign_date' },
    { csv: 'dueDate', kind: 'date', db: 'due_date' },
    ref('classSourcedId', 'class_sourced_id', 'classes', true),
    ref('categorySourcedId', 'category_sourced_id', 'categories'),
    ref('academicSessionSourcedId', 'grading_period_sourced_id', 'academicSessions'),
    { csv: 'resultValueMin', kind: 'number', db: 'result_value_min' },
    { csv: 'resultValueMax', kind: 'number', db: 'result_value_max' },
    ref('schoolSourcedId', 'school_sourced_id', 'orgs'),
  ]),
  file('results', or.results, 'oneroster.results', true, [
    ref('lineItemSourcedId', 'line_item_sourced_id', 'lineItems', true),
    ref('studentSourcedId', 'student_sourced_id', 'users', true),
    {
      csv: 'scoreStatus',
      kind: 'enum',
      db: 'score_status',
      required: true,
      values: ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'],
    },
    { csv: 'score', kind: 'number', db: 'score' },
    { csv: 'scoreDate', kind: 'dateOrDatetime', db: 'score_date' },
    s('comment', 'comment'),
    s('textScore', 'text_score'),
    {
      ...ref('classSourcedId', '_class_sourced_id', 'classes'),
      derived: { sql: LINE_ITEM_CLASS, what: "the line item's class" },
    },
    { csv: 'inProgress', kind: 'boolean', db: 'in_progress' },
    { csv: 'incomplete', kind: 'boolean', db: 'incomplete' },
    { csv: 'late', kind: 'boolean', db: 'late' },
    { csv: 'missing', kind: 'boolean', db: 'missing' },
  ]),
  file('scoreScales', or.scoreScales, 'oneroster.score_scales', true, [
    s('title', 'name', { required: true }),
    s('type', 'type'),
    ref('orgSourcedId', 'org_sourced_id', 'orgs'),
    ref('courseSourcedId', 'course_sourced_id', 'courses'),
    ref('classSourcedId', 'class_sourced_id', 'classes'),
    { csv: 'scoreScaleValue', kind: 'scoreScaleValue', db: 'scale_values', required: true },
  ]),
  file('resources', or.resources, 'oneroster.resources', true, [
    s('vendorResourceId', 'vendor_resource_id', { required: true }),
    s('title', 'title'),
    { csv: 'roles', kind: 'list', db: 'roles' },
    { csv: 'importance', kind: 'enum', db: 'importance', values: ['primary', 'secondary'] },
    s('vendorId', 'vendor_id'),
    s('applicationId', 'application_id'),
  ]),
  // The 1.2 link files (learning objectives, score scales, resource assignments).
  file('lineItemLearningObjectiveIds', or.lineItemLearningObjectives, 'oneroster.line_item_learning_objectives', true, [
    ref('lineItemSourcedId', 'line_item_sourced_id', 'lineItems', true),
    s('source', 'source', { required: true }),
    s('learningObjectiveId', 'learning_objective_id', { required: true }),
  ]),
  file('lineItemScoreScales', or.lineItemScoreScales, 'oneroster.line_item_score_scales', true, [
    s('title', 'title'),
    ref('lineItemSourcedId', 'line_item_sourced_id', 'lineItems', true),
    ref('scoreScaleSourcedId', 'score_scale_sourced_id', 'scoreScales', true),
  ]),
  file('resultLearningObjectiveIds', or.resultLearningObjectives, 'oneroster.result_learning_objectives', true, [
    ref('resultSourcedId', 'result_sourced_id', 'results', true),
    s('source', 'source', { required: true }),
    s('learningObjectiveId', 'learning_objective_id', { required: true }),
    { csv: 'score', kind: 'number', db: 'score' },
    s('textScore', 'text_score'),
  ]),
  file('resultScoreScales', or.resultScoreScales, 'oneroster.result_score_scales', true, [
    s('title', 'title'),
    ref('resultSourcedId', 'result_sourced_id', 'results', true),
    ref('scoreScaleSourcedId', 'score_scale_sourced_id', 'scoreScales', true),
  ]),
  file('classResources', or.classResources, 'oneroster.class_resources', true, [
    s('title', 'title'),
    ref('classSourcedId', 'class_sourced_id', 'classes', true),
    ref('resourceSourcedId', 'resource_sourced_id', 'resources', true),
  ]),
  file('courseResources', or.courseResources, 'oneroster.course_resources', true, [
    s('title', 'title'),
    ref('courseSourcedId', 'course_sourced_id', 'courses', true),
    ref('resourceSourcedId', 'resource_sourced_id', 'resources', true),
  ]),
  file('userResources', or.userResources, 'oneroster.user_resources', true, [
    ref('userSourcedId', 'user_sourced_id', 'users', true),
    ref('orgSourcedId', 'org_sourced_id', 'orgs'),
    ref('classSourcedId', 'class_sourced_id', 'classes'),
    ref('resourceSourcedId', 'resource_sourced_id', 'resources', true),
  ]),
];

export const FILE_BY_NAME = new Map(FILES.map((f) => [f.name, f]));

/** OneRoster 1.1 users.csv: org and role inline (1.2 moved them to roles.csv). */
export const USERS_1_1: FileSpec = {
  ...FILE_BY_NAME.get('users')!,
  columns: [
    ...common(),
    { csv: 'enabledUser', kind: 'boolean', db: 'enabled_user', required: true },
    { csv: 'orgSourcedIds', kind: 'list', db: '_orgs', required: true, ref: 'orgs' },
    { csv: 'role', kind: 'enum', db: '_role', required: true, values: Object.keys(ROLE_1_1_TO_1_2) },
    ...FILE_BY_NAME.get('users')!.columns.filter((c) =>
      [
        'username',
        'userIds',
        'givenName',
        'familyName',
        'middleName',
        'identifier',
        'email',
        'sms',
        'phone',
        'agentSourcedIds',
        'grades',
        'password',
      ].includes(c.csv),
    ),
  ],
};

/** OneRoster 1.1 lineItems.csv: gradingPeriodSourcedId where 1.2 has academicSessionSourcedId. */
export const LINE_ITEMS_1_1: FileSpec = {
  ...FILE_BY_NAME.get('lineItems')!,
  columns: FILE_BY_NAME.get('lineItems')!
    .columns.filter((c) => c.csv !== 'schoolSourcedId')
    .map((c) => (c.csv === 'academicSessionSourcedId' ? { ...c, csv: 'gradingPeriodSourcedId', required: true } : c)),
};

export const headerOf = (spec: FileSpec): string[] => spec.columns.map((c) => c.csv);
