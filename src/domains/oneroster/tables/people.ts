/**
 * OneRoster organisations and people: orgs, users, roles, user profiles, demographics.
 * The seed (004 §9) references orgs and users without defining them; orgs, users, roles and
 * user_profiles follow the OneRoster 1.2 data model (CSV binding 1.2.1 headers).
 */
import { boolean, date, index, jsonb, text, varchar } from 'drizzle-orm/pg-core';
import { onerosterSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { orCommon, orDateLastModified, orMetadata, orStatus, sourcedId } from './common.js';

/** Organisations (district, school, department…) in a parent hierarchy. */
// seed: 004_c704a79166da158a.txt §9 (referenced, not defined) — designed after OneRoster 1.2 orgs
export const orgs = onerosterSchema.table(
  'orgs',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    name: varchar('name', { length: 255 }).notNull(),
    type: varchar('type', { length: 50 }).notNull(),
    identifier: varchar('identifier', { length: 255 }),
    parentSourcedId: sourcedId('parent_sourced_id'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('orgs', t.tenantId, t.sourcedId),
    ...orCommon('orgs', t),
    checkIn('orgs_type_check', t.type, ['department', 'district', 'local', 'national', 'school', 'state']),
    tenantFk('orgs_parent_sourced_id_fkey', [t.tenantId, t.parentSourcedId], [t.tenantId, t.sourcedId]),
    index('orgs_parent_sourced_id_idx').on(t.tenantId, t.parentSourcedId),
  ],
);

/** Users (students, teachers, guardians, administrators…); their org roles live in `roles`. */
// seed: 004_c704a79166da158a.txt §9 (referenced, not defined) — designed after OneRoster 1.2 users
export const users = onerosterSchema.table(
  'users',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    enabledUser: boolean('enabled_user').notNull().default(true),
    username: varchar('username', { length: 255 }),
    // Array of { type, identifier } (CSV writes it `{type:id}`).
    userIds: jsonb('user_ids'),
    givenName: varchar('given_name', { length: 255 }),
    familyName: varchar('family_name', { length: 255 }),
    middleName: varchar('middle_name', { length: 255 }),
    preferredFirstName: varchar('preferred_first_name', { length: 255 }),
    preferredMiddleName: varchar('preferred_middle_name', { length: 255 }),
    preferredLastName: varchar('preferred_last_name', { length: 255 }),
    pronouns: varchar('pronouns', { length: 100 }),
    identifier: varchar('identifier', { length: 255 }),
    email: varchar('email', { length: 255 }),
    sms: varchar('sms', { length: 50 }),
    phone: varchar('phone', { length: 50 }),
    agentSourcedIds: text('agent_sourced_ids').array(),
    grades: text('grades').array(),
    // Sensitive: never exposed under the "core" scopes.
    password: text('password'),
    userMasterIdentifier: varchar('user_master_identifier', { length: 255 }),
    primaryOrgSourcedId: sourcedId('primary_org_sourced_id'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('users', t.tenantId, t.sourcedId),
    ...orCommon('users', t),
    tenantFk('users_primary_org_sourced_id_fkey', [t.tenantId, t.primaryOrgSourcedId], [orgs.tenantId, orgs.sourcedId]),
    index('users_primary_org_sourced_id_idx').on(t.tenantId, t.primaryOrgSourcedId),
    // Grade-sync clients find a teacher by e-mail (`/users?filter=email='…'`).
    index('users_email_idx').on(t.tenantId, t.email),
  ],
);

/** Application credentials of a user (vendor/application specific logins). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — designed after OneRoster 1.2 userProfiles
export const userProfiles = onerosterSchema.table(
  'user_profiles',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    userSourcedId: sourcedId('user_sourced_id').notNull(),
    profileType: varchar('profile_type', { length: 255 }),
    vendorId: varchar('vendor_id', { length: 255 }),
    applicationId: varchar('application_id', { length: 255 }),
    description: text('description'),
    credentialType: varchar('credential_type', { length: 255 }),
    username: varchar('username', { length: 255 }),
    // Sensitive: never exposed under the "core" scopes.
    password: text('password'),
  },
  (t) => [
    ...tenantKeys('user_profiles', t.tenantId, t.sourcedId),
    ...orCommon('user_profiles', t),
    tenantFk(
      'user_profiles_user_sourced_id_fkey',
      [t.tenantId, t.userSourcedId],
      [users.tenantId, users.sourcedId],
      'cascade',
    ),
    index('user_profiles_user_sourced_id_idx').on(t.tenantId, t.userSourcedId),
  ],
);

/** A user's role at an org (OneRoster 1.2 moved org and role out of users into roles.csv). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — designed after OneRoster 1.2 roles
/** The OneRoster 1.2 role vocabulary (roles.role; the CSV binding validates against it too). */
export const ROLE_VALUES = [
  'aide',
  'counselor',
  'districtAdministrator',
  'guardian',
  'parent',
  'principal',
  'proctor',
  'relative',
  'siteAdministrator',
  'student',
  'systemAdministrator',
  'teacher',
] as const;

export const roles = onerosterSchema.table(
  'roles',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    userSourcedId: sourcedId('user_sourced_id').notNull(),
    roleType: varchar('role_type', { length: 20 }).notNull(),
    role: varchar('role', { length: 50 }).notNull(),
    beginDate: date('begin_date'),
    endDate: date('end_date'),
    orgSourcedId: sourcedId('org_sourced_id').notNull(),
    userProfileSourcedId: sourcedId('user_profile_sourced_id'),
  },
  (t) => [
    ...tenantKeys('roles', t.tenantId, t.sourcedId),
    ...orCommon('roles', t),
    checkIn('roles_role_type_check', t.roleType, ['primary', 'secondary']),
    checkIn('roles_role_check', t.role, ROLE_VALUES),
    tenantFk('roles_user_sourced_id_fkey', [t.tenantId, t.userSourcedId], [users.tenantId, users.sourcedId], 'cascade'),
    tenantFk('roles_org_sourced_id_fkey', [t.tenantId, t.orgSourcedId], [orgs.tenantId, orgs.sourcedId]),
    // NO ACTION rather than RESTRICT: deleting a user cascades to both its roles and its
    // profiles, and NO ACTION is checked after those cascades (RESTRICT would fire mid-cascade).
    tenantFk(
      'roles_user_profile_sourced_id_fkey',
      [t.tenantId, t.userProfileSourcedId],
      [userProfiles.tenantId, userProfiles.sourcedId],
      'no action',
    ),
    index('roles_user_sourced_id_idx').on(t.tenantId, t.userSourcedId),
    index('roles_org_sourced_id_idx').on(t.tenantId, t.orgSourcedId),
    index('roles_user_profile_sourced_id_idx').on(t.tenantId, t.userProfileSourcedId),
  ],
);

/** Extended demographics of a user; the sourcedId is the user's own sourcedId. */
// seed: 004_c704a79166da158a.txt §9
export const demographics = onerosterSchema.table(
  'demographics',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    birthDate: date('birth_date'),
    sex: varchar('sex', { length: 20 }),
    americanIndianOrAlaskaNative: boolean('american_indian_or_alaska_native'),
    asian: boolean('asian'),
    blackOrAfricanAmerican: boolean('black_or_african_american'),
    nativeHawaiianOrOtherPacificIslander: boolean('native_hawaiian_or_other_pacific_islander'),
    white: boolean('white'),
    demographicRaceTwoOrMoreRaces: boolean('demographic_race_two_or_more_races'),
    hispanicOrLatinoEthnicity: boolean('hispanic_or_latino_ethnicity'),
    countryOfBirthCode: varchar('country_of_birth_code', { length: 10 }),
    stateOfBirthAbbreviation: varchar('state_of_birth_abbreviation', { length: 10 }),
    cityOfBirth: varchar('city_of_birth', { length: 255 }),
    publicSchoolResidenceStatus: varchar('public_school_residence_status', { length: 50 }),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('demographics', t.tenantId, t.sourcedId),
    ...orCommon('demographics', t),
    checkIn('demographics_sex_check', t.sex, ['female', 'male', 'other', 'unspecified']),
    // The seed's "Links to user sourced_id": demographics cannot outlive their user.
    tenantFk('demographics_sourced_id_fkey', [t.tenantId, t.sourcedId], [users.tenantId, users.sourcedId], 'cascade'),
  ],
);
