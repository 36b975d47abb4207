/**
 * The OneRoster 1.2 rostering entities of people over the `oneroster.*` tables — users (and the
 * `/students` and `/teachers` views of them) and their demographics — each described once as a model
 * (model.ts) with its school confinement and relationship hook, like the district's structure
 * (rostering-resources.ts).
 *
 * Mapping decisions:
 * - users: `preferredFirstName/MiddleName/LastName` (REST names; CSV calls them preferredGiven/Family),
 *   `enabledUser` the string "true"/"false", `roles[]` from oneroster.roles (active rows) with org
 *   references, `primaryOrg`, `agents` from agent_sourced_ids, `userProfiles[]` from
 *   oneroster.user_profiles (one credential each). `password`, `phone`, `sms` and `userProfiles` are
 *   shown only under roster.readonly, never under roster-core.readonly.
 * - students/teachers: users holding an active `student` / `teacher` role (oneroster.roles).
 * - School confinement: users through roles, primary org or enrollments at the caller's schools;
 *   demographics as their users.
 */
import { sql, type SQL } from 'drizzle-orm';
import * as or from '../../domains/oneroster/tables.js';
import { scope, type Entity } from './entity-kit.js';
import { base, bool, computed, date, entityOf, field, list, model, oneOf, refTo, str } from './model.js';
import { relateUsers } from './relationships.js';

const FULL_ROSTER = [scope('roster.readonly')];
const tenantJoin = (alias: string) => `${alias}.tenant_id = t.tenant_id`;

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
