/**
 * The OneRoster 1.2 rostering entities over the `oneroster.*` tables, each described once as a model
 * (model.ts: field ↔ column, REST name, CSV header, references, sensitive fields) with its school
 * confinement and relationship hooks. The REST entities (routes, filters, sorting, field selection,
 * discovery documents) and the CSV files (csv/files.ts) are derived from these models.
 *
 * Mapping decisions:
 * - academicSessions: `children` are the sessions whose parent is this one; `schoolYear` is text.
 *   `/terms` lists the sessions classes run in below the school year — types `term` and `semester`
 *   (a district's semesters are its terms) —, `/gradingPeriods` those of type `gradingPeriod`.
 * - users: `preferredFirstName/MiddleName/LastName` (REST names; CSV calls them preferredGiven/Family),
 *   `enabledUser` the string "true"/"false", `roles[]` from oneroster.roles (active rows) with org
 *   references, `primaryOrg`, `agents` from agent_sourced_ids, `userProfiles[]` from
 *   oneroster.user_profiles (one credential each). `password`, `phone`, `sms` and `userProfiles` are
 *   shown only under roster.readonly, never under roster-core.readonly.
 * - students/teachers: users holding an active `student` / `teacher` role (oneroster.roles).
 * - enrollments: `primary` is "true"/"false" like enabledUser.
 * - School confinement (principal.schoolIds are Ed-Fi school ids; `orgs.identifier` holds that id for
 *   school orgs): orgs = the schools and their parents; classes/enrollments by school; courses owned
 *   by the schools or taught there; users through roles, primary org or enrollments at the schools;
 *   academic sessions are the district calendar, shared by every school, so not confined.
 * - Relationship scopes (a teacher's sections, a parent's children, a student's self): each entity's
 *   `relate` hook from relationships.ts (sessions, courses and orgs of the caller's classes included).
 */
import { sql, type SQL } from 'drizzle-orm';
import * as or from '../../domains/oneroster/tables.js';
import { scope, type Entity, type RefType } from './entity-kit.js';
import { base, bool, computed, date, entityOf, field, list, model, oneOf, refTo, str } from './model.js';
import {
  relateClasses,
  relateCourses,
  relateEnrollments,
  relateOrgs,
  relateSessions,
  relateUsers,
} from './relationships.js';

const FULL_ROSTER = [scope('roster.readonly')];
const tenantJoin = (alias: string) => `${alias}.tenant_id = t.tenant_id`;
/** REST only: the active rows of `table` whose parent is this one (the CSV has only the parent reference). */
const children = (table: string, refType: RefType) =>
  computed('children', {
    sql:
      `ARRAY(SELECT c.sourced_id FROM ${table} c WHERE ${tenantJoin('c')} AND ` +
      `c.parent_sourced_id = t.sourced_id AND c.status = 'active' ORDER BY c.sourced_id)`,
    type: 'refs',
    refType,
  });

export const academicSessionModel = model(or.academicSessions, {
  file: 'academicSessions',
  rest: { singular: 'academicSession', plural: 'academicSessions', relate: relateSessions },
  fields: [
    ...base(),
    str('title', 'title', { required: true }),
    oneOf('type', 'type', ['gradingPeriod', 'semester', 'schoolYear', 'term'], true),
    field('startDate', 'startDate', 'date', { required: true }),
    field('endDate', 'endDate', 'date', { required: true }),
    refTo('parent', 'parentSourcedId', 'academicSessions'),
    children('oneroster.academic_sessions', 'academicSession'),
    str('schoolYear', 'schoolYear', { required: true }),
  ],
});
export const academicSession: Entity = entityOf(academicSessionModel);

export const orgModel = model(or.orgs, {
  file: 'orgs',
  rest: {
    singular: 'org',
    plural: 'orgs',
    relate: relateOrgs,
    confine: (schools) =>
      sql`(t.sourced_id IN ${schools} OR t.sourced_id IN (SELECT s.parent_sourced_id FROM oneroster.orgs s
      WHERE s.tenant_id = t.tenant_id AND s.sourced_id IN ${schools}))`,
  },
  fields: [
    ...base(),
    str('name', 'name', { required: true }),
    oneOf('type', 'type', ['department', 'district', 'local', 'national', 'school', 'state'], true),
    str('identifier', 'identifier'),
    refTo('parent', 'parentSourcedId', 'orgs'),
    children('oneroster.orgs', 'org'),
  ],
});
export const org: Entity = entityOf(orgModel);

export const courseModel = model(or.courses, {
  file: 'courses',
  rest: {
    singular: 'course',
    plural: 'courses',
    relate: relateCourses,
    confine: (schools) =>
      sql`(t.org_sourced_id IN ${schools} OR EXISTS (SELECT 1 FROM oneroster.classes c WHERE c.tenant_id = t.tenant_id
      AND c.course_sourced_id = t.sourced_id AND c.school_sourced_id IN ${schools}))`,
  },
  fields: [
    ...base(),
    refTo('schoolYear', 'schoolYearSourcedId', 'academicSessions'),
    str('title', 'title', { required: true }),
    str('courseCode', 'courseCode'),
    list('grades', 'grades'),
    refTo('org', 'orgSourcedId', 'orgs', { required: true }),
    list('subjects', 'subjects'),
    list('subjectCodes', 'subjectCodes'),
  ],
});
export const course: Entity = entityOf(courseModel);

export const classModel = model(or.classes, {
  file: 'classes',
  rest: {
    singular: 'class',
    plural: 'classes',
    confine: (schools) => sql`t.school_sourced_id IN ${schools}`,
    relate: relateClasses,
  },
  fields: [
    ...base(),
    str('title', 'title', { required: true }),
    list('grades', 'grades'),
    refTo('course', 'courseSourcedId', 'courses', { required: true }),
    str('classCode', 'classCode'),
    oneOf('classType', 'classType', ['homeroom', 'scheduled'], true),
    str('location', 'location'),
    refTo('school', 'schoolSourcedId', 'orgs', { required: true }),
    list('terms', 'termSourcedIds', { csv: 'termSourcedIds', ref: 'academicSessions', required: true }),
    list('subjects', 'subjects'),
    list('subjectCodes', 'subjectCodes'),
    list('periods', 'periods'),
  ],
});
export const klass: Entity = entityOf(classModel);

export const enrollmentModel = model(or.enrollments, {
  file: 'enrollments',
  rest: {
    singular: 'enrollment',
    plural: 'enrollments',
    confine: (schools) => sql`t.school_sourced_id IN ${schools}`,
    relate: relateEnrollments,
  },
  fields: [
    ...base(),
    refTo('class', 'classSourcedId', 'classes', { required: true }),
    refTo('school', 'schoolSourcedId', 'orgs', { required: true }),
    refTo('user', 'userSourcedId', 'users', { required: true }),
    oneOf('role', 'role', ['administrator', 'proctor', 'student', 'teacher'], true),
    bool('primary', 'primaryEnrollment'),
    date('beginDate', 'beginDate'),
    date('endDate', 'endDate'),
  ],
});
export const enrollment: Entity = entityOf(enrollmentModel);

interface RoleJson {
  roleType: string;
  role: string;
  org: string;
  userProfile: string | null;
  beginDate: string | null;
  endDate: string | null;
}

interface ProfileJson {
  profileId: string;
  profileType: string | null;
  vendorId: string | null;
  applicationId: string | null;
  description: string | null;
  credentialType: string | null;
  username: string | null;
  password: string | null;
}

const userFields = [
  ...base(),
  field('enabledUser', 'enabledUser', 'boolean', { required: true }),
  str('username', 'username'),
  field('userIds', 'userIds', 'userIds'),
  str('givenName', 'givenName', { required: true }),
  str('familyName', 'familyName', { required: true }),
  str('middleName', 'middleName'),
  str('identifier', 'identifier'),
  str('email', 'email'),
  str('sms', 'sms', { restAs: { revealedBy: FULL_ROSTER } }),
  str('phone', 'phone', { restAs: { revealedBy: FULL_ROSTER } }),
  list('agents', 'agentSourcedIds', { csv: 'agentSourcedIds', ref: 'users' }),
  list('grades', 'grades'),
  // A credential: only roster.readonly shows it, and never as a filter or sort (no oracle through `filter`).
  str('password', 'password', { restAs: { revealedBy: FULL_ROSTER, filterable: false, sortable: false } }),
  str('userMasterIdentifier', 'userMasterIdentifier'),
  // REST names them preferredFirst/Last, the CSV binding preferredGiven/Family.
  str('preferredFirstName', 'preferredFirstName', { csv: 'preferredGivenName' }),
  str('preferredMiddleName', 'preferredMiddleName'),
  str('preferredLastName', 'preferredLastName', { csv: 'preferredFamilyName' }),
  refTo('primaryOrg', 'primaryOrgSourcedId', 'orgs'),
  str('pronouns', 'pronouns'),
  // REST nests the user's roles (roles.csv in the CSV binding, link-models.ts), active rows only.
  computed('roles', {
    sql:
      `(SELECT coalesce(json_agg(json_build_object('roleType', r.role_type, 'role', r.role, 'org', ` +
      `r.org_sourced_id, 'userProfile', r.user_profile_sourced_id, 'beginDate', r.begin_date, 'endDate', ` +
      `r.end_date) ORDER BY r.role_type, r.sourced_id), '[]'::json) FROM oneroster.roles r WHERE ` +
      `${tenantJoin('r')} AND r.user_sourced_id = t.sourced_id AND r.status = 'active')`,
    type: 'custom',
    render: (value, makeRef) =>
      (value as RoleJson[]).map((r) => ({
        roleType: r.roleType,
        role: r.role,
        org: makeRef('org', r.org),
        ...(r.userProfile ? { userProfile: r.userProfile } : {}),
        ...(r.beginDate ? { beginDate: r.beginDate } : {}),
        ...(r.endDate ? { endDate: r.endDate } : {}),
      })),
  }),
  // REST nests the application logins (userProfiles.csv in the CSV binding); credentials: roster.readonly only.
  computed('userProfiles', {
    sql:
      `(SELECT coalesce(json_agg(json_build_object('profileId', p.sourced_id, 'profileType', p.profile_type, ` +
      `'vendorId', p.vendor_id,
      'applicationId', p.application_id, 'description', p.description, 'credentialType', p.credential_type, ` +
      `'username', p.username, 'password', p.password)
      ORDER BY p.sourced_id), '[]'::json) FROM oneroster.user_profiles p WHERE ${tenantJoin('p')} AND ` +
      `p.user_sourced_id = t.sourced_id AND p.status = 'active')`,
    type: 'custom',
    revealedBy: FULL_ROSTER,
    render: (value) =>
      (value as ProfileJson[]).map((p) => ({
        profileId: p.profileId,
        profileType: p.profileType,
        vendorId: p.vendorId,
        ...(p.applicationId ? { applicationId: p.applicationId } : {}),
        ...(p.description ? { description: p.description } : {}),
        credentials:
          p.username || p.password
            ? [
                {
                  type: p.credentialType ?? 'username',
                  username: p.username ?? '',
                  ...(p.password ? { password: p.password } : {}),
                },
              ]
            : [],
      })),
  }),
];

const confineUsers = (column: string) => (schools: SQL) =>
  sql`(${sql.raw(column)} IN (SELECT r.user_sourced_id FROM oneroster.roles r WHERE r.tenant_id = t.tenant_id
    AND r.org_sourced_id IN ${schools})
    OR ${sql.raw(column)} IN (SELECT u.sourced_id FROM oneroster.users u WHERE u.tenant_id = t.tenant_id
      AND u.primary_org_sourced_id IN ${schools})
    OR ${sql.raw(column)} IN (SELECT e.user_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = t.tenant_id
      AND e.school_sourced_id IN ${schools}))`;

export const userModel = model(or.users, {
  file: 'users',
  rest: { singular: 'user', plural: 'users', confine: confineUsers('t.sourced_id'), relate: relateUsers },
  fields: userFields,
});
export const user: Entity = entityOf(userModel);

const holdingRole = (role: string) =>
  `EXISTS (SELECT 1 FROM oneroster.roles hr WHERE hr.tenant_id = t.tenant_id AND hr.user_sourced_id = t.sourced_id ` +
  `AND hr.role = '${role}' AND hr.status = 'active')`;
/** /students and /teachers answer in the `users` envelope (the specification's User object). */
export const student: Entity = { ...user, where: holdingRole('student') };
export const teacher: Entity = { ...user, where: holdingRole('teacher') };
export const school: Entity = { ...org, where: `t.type = 'school'` };
export const term: Entity = { ...academicSession, where: `t.type IN ('term', 'semester')` };
export const gradingPeriod: Entity = { ...academicSession, where: `t.type = 'gradingPeriod'` };

export const demographicModel = model(or.demographics, {
  file: 'demographics',
  rest: {
    singular: 'demographics',
    plural: 'demographics',
    confine: confineUsers('t.sourced_id'),
    relate: relateUsers,
  },
  fields: [
    // A user's demographics carry the user's own sourcedId: the CSV checks it references a user, REST shows it plain.
    ...base({ ref: 'users', restAs: { type: 'string' } }),
    date('birthDate', 'birthDate'),
    oneOf('sex', 'sex', ['female', 'male', 'other', 'unspecified']),
    bool('americanIndianOrAlaskaNative', 'americanIndianOrAlaskaNative'),
    bool('asian', 'asian'),
    bool('blackOrAfricanAmerican', 'blackOrAfricanAmerican'),
    bool('nativeHawaiianOrOtherPacificIslander', 'nativeHawaiianOrOtherPacificIslander'),
    bool('white', 'white'),
    bool('demographicRaceTwoOrMoreRaces', 'demographicRaceTwoOrMoreRaces'),
    bool('hispanicOrLatinoEthnicity', 'hispanicOrLatinoEthnicity'),
    str('countryOfBirthCode', 'countryOfBirthCode'),
    str('stateOfBirthAbbreviation', 'stateOfBirthAbbreviation'),
    str('cityOfBirth', 'cityOfBirth'),
    str('publicSchoolResidenceStatus', 'publicSchoolResidenceStatus'),
  ],
});
export const demographic: Entity = entityOf(demographicModel);

export type { RefType };
