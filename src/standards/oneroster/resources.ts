/**
 * The OneRoster 1.2 rostering entities over the `oneroster.*` tables, each described once
 * (REST field ↔ column, references, sensitive fields, school confinement). Routes, filters, sorting,
 * field selection and the discovery documents are derived from these descriptions.
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
import { baseFields, ref, scope, type Entity, type FieldSpec, type RefType, text, tf } from './entity-kit.js';
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

export const academicSession: Entity = {
  singular: 'academicSession',
  plural: 'academicSessions',
  table: 'oneroster.academic_sessions',
  fields: {
    ...baseFields(),
    title: text('title'),
    startDate: { sql: 't.start_date', type: 'date' },
    endDate: { sql: 't.end_date', type: 'date' },
    type: text('type'),
    parent: ref('parent_sourced_id', 'academicSession'),
    children: {
      sql:
        `ARRAY(SELECT c.sourced_id FROM oneroster.academic_sessions c WHERE ${tenantJoin('c')} AND ` +
        `c.parent_sourced_id = t.sourced_id AND c.status = 'active' ORDER BY c.sourced_id)`,
      type: 'refs',
      refType: 'academicSession',
    },
    schoolYear: text('school_year'),
  },
  relate: relateSessions,
};

const orgFields: Record<string, FieldSpec> = {
  ...baseFields(),
  name: text('name'),
  type: text('type'),
  identifier: text('identifier'),
  parent: ref('parent_sourced_id', 'org'),
  children: {
    sql:
      `ARRAY(SELECT c.sourced_id FROM oneroster.orgs c WHERE ${tenantJoin('c')} AND c.parent_sourced_id = ` +
      `t.sourced_id AND c.status = 'active' ORDER BY c.sourced_id)`,
    type: 'refs',
    refType: 'org',
  },
};

export const org: Entity = {
  singular: 'org',
  plural: 'orgs',
  table: 'oneroster.orgs',
  fields: orgFields,
  relate: relateOrgs,
  confine: (schools) =>
    sql`(t.sourced_id IN ${schools} OR t.sourced_id IN (SELECT s.parent_sourced_id FROM oneroster.orgs s
      WHERE s.tenant_id = t.tenant_id AND s.sourced_id IN ${schools}))`,
};

export const course: Entity = {
  singular: 'course',
  plural: 'courses',
  table: 'oneroster.courses',
  fields: {
    ...baseFields(),
    title: text('title'),
    schoolYear: ref('school_year_sourced_id', 'academicSession'),
    courseCode: text('course_code'),
    grades: { sql: 't.grades', type: 'strings' },
    subjects: { sql: 't.subjects', type: 'strings' },
    subjectCodes: { sql: 't.subject_codes', type: 'strings' },
    org: ref('org_sourced_id', 'org'),
  },
  relate: relateCourses,
  confine: (schools) =>
    sql`(t.org_sourced_id IN ${schools} OR EXISTS (SELECT 1 FROM oneroster.classes c WHERE c.tenant_id = t.tenant_id
      AND c.course_sourced_id = t.sourced_id AND c.school_sourced_id IN ${schools}))`,
};

export const klass: Entity = {
  singular: 'class',
  plural: 'classes',
  table: 'oneroster.classes',
  fields: {
    ...baseFields(),
    title: text('title'),
    classCode: text('class_code'),
    classType: text('class_type'),
    location: text('location'),
    grades: { sql: 't.grades', type: 'strings' },
    subjects: { sql: 't.subjects', type: 'strings' },
    course: ref('course_sourced_id', 'course'),
    school: ref('school_sourced_id', 'org'),
    terms: { sql: 't.term_sourced_ids', type: 'refs', refType: 'academicSession' },
    subjectCodes: { sql: 't.subject_codes', type: 'strings' },
    periods: { sql: 't.periods', type: 'strings' },
  },
  confine: (schools) => sql`t.school_sourced_id IN ${schools}`,
  relate: relateClasses,
};

export const enrollment: Entity = {
  singular: 'enrollment',
  plural: 'enrollments',
  table: 'oneroster.enrollments',
  fields: {
    ...baseFields(),
    user: ref('user_sourced_id', 'user'),
    class: ref('class_sourced_id', 'class'),
    school: ref('school_sourced_id', 'org'),
    role: text('role'),
    primary: tf('primary_enrollment'),
    beginDate: { sql: 't.begin_date', type: 'date' },
    endDate: { sql: 't.end_date', type: 'date' },
  },
  confine: (schools) => sql`t.school_sourced_id IN ${schools}`,
  relate: relateEnrollments,
};

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

const userFields: Record<string, FieldSpec> = {
  ...baseFields(),
  userMasterIdentifier: text('user_master_identifier'),
  username: text('username'),
  userIds: { sql: 't.user_ids', type: 'json', sortable: false },
  enabledUser: tf('enabled_user'),
  givenName: text('given_name'),
  familyName: text('family_name'),
  middleName: text('middle_name'),
  preferredFirstName: text('preferred_first_name'),
  preferredMiddleName: text('preferred_middle_name'),
  preferredLastName: text('preferred_last_name'),
  pronouns: text('pronouns'),
  roles: {
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
  },
  primaryOrg: ref('primary_org_sourced_id', 'org'),
  identifier: text('identifier'),
  email: text('email'),
  sms: { ...text('sms'), revealedBy: FULL_ROSTER },
  phone: { ...text('phone'), revealedBy: FULL_ROSTER },
  password: { ...text('password'), revealedBy: FULL_ROSTER, filterable: false, sortable: false },
  agents: { sql: 't.agent_sourced_ids', type: 'refs', refType: 'user' },
  grades: { sql: 't.grades', type: 'strings' },
  // Application logins (oneroster.user_profiles): they carry credentials, so only roster.readonly shows them.
  userProfiles: {
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
  },
};

const confineUsers = (column: string) => (schools: SQL) =>
  sql`(${sql.raw(column)} IN (SELECT r.user_sourced_id FROM oneroster.roles r WHERE r.tenant_id = t.tenant_id
    AND r.org_sourced_id IN ${schools})
    OR ${sql.raw(column)} IN (SELECT u.sourced_id FROM oneroster.users u WHERE u.tenant_id = t.tenant_id
      AND u.primary_org_sourced_id IN ${schools})
    OR ${sql.raw(column)} IN (SELECT e.user_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = t.tenant_id
      AND e.school_sourced_id IN ${schools}))`;

export const user: Entity = {
  singular: 'user',
  plural: 'users',
  table: 'oneroster.users',
  fields: userFields,
  confine: confineUsers('t.sourced_id'),
  relate: relateUsers,
};

const holdingRole = (role: string) =>
  `EXISTS (SELECT 1 FROM oneroster.roles hr WHERE hr.tenant_id = t.tenant_id AND hr.user_sourced_id = t.sourced_id ` +
  `AND hr.role = '${role}' AND hr.status = 'active')`;
/** /students and /teachers answer in the `users` envelope (the specification's User object). */
export const student: Entity = { ...user, where: holdingRole('student') };
export const teacher: Entity = { ...user, where: holdingRole('teacher') };
export const school: Entity = { ...org, where: `t.type = 'school'` };
export const term: Entity = { ...academicSession, where: `t.type IN ('term', 'semester')` };
export const gradingPeriod: Entity = { ...academicSession, where: `t.type = 'gradingPeriod'` };

export const demographic: Entity = {
  singular: 'demographics',
  plural: 'demographics',
  table: 'oneroster.demographics',
  fields: {
    ...baseFields(),
    birthDate: { sql: 't.birth_date', type: 'date' },
    sex: text('sex'),
    americanIndianOrAlaskaNative: tf('american_indian_or_alaska_native'),
    asian: tf('asian'),
    blackOrAfricanAmerican: tf('black_or_african_american'),
    nativeHawaiianOrOtherPacificIslander: tf('native_hawaiian_or_other_pacific_islander'),
    white: tf('white'),
    demographicRaceTwoOrMoreRaces: tf('demographic_race_two_or_more_races'),
    hispanicOrLatinoEthnicity: tf('hispanic_or_latino_ethnicity'),
    countryOfBirthCode: text('country_of_birth_code'),
    stateOfBirthAbbreviation: text('state_of_birth_abbreviation'),
    cityOfBirth: text('city_of_birth'),
    publicSchoolResidenceStatus: text('public_school_residence_status'),
  },
  confine: confineUsers('t.sourced_id'),
  relate: relateUsers,
};

export type { RefType };
