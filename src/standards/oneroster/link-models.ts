/**
 * The OneRoster entities REST serves only nested inside another (model.ts): a user's roles and application
 * logins (users.roles[], users.userProfiles[] in rostering-users.ts) and the 1.2 link files — line item / result
 * learning objectives and score scales (gradebook-links.ts) and the class/course/user resource assignments
 * (the Resources service's nested reads). Each has its CSV file; none is a REST collection of its own.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import * as or from '../../domains/oneroster/tables.js';
import { base, common, date, model, num, oneOf, refTo, str, type ColumnOf, type Field, type Model } from './model.js';

export const userProfileModel = model(or.userProfiles, {
  file: 'userProfiles',
  fields: [
    ...common(),
    refTo('user', 'userSourcedId', 'users', { required: true }),
    str('profileType', 'profileType', { required: true }),
    str('vendorId', 'vendorId', { required: true }),
    str('applicationId', 'applicationId'),
    str('description', 'description'),
    str('credentialType', 'credentialType', { required: true }),
    str('username', 'username', { required: true }),
    str('password', 'password'),
  ],
});

export const roleModel = model(or.roles, {
  file: 'roles',
  fields: [
    ...common(),
    refTo('user', 'userSourcedId', 'users', { required: true }),
    oneOf('roleType', 'roleType', ['primary', 'secondary'], true),
    oneOf('role', 'role', or.ROLE_VALUES, true),
    date('beginDate', 'beginDate'),
    date('endDate', 'endDate'),
    refTo('org', 'orgSourcedId', 'orgs', { required: true }),
    refTo('userProfile', 'userProfileSourcedId', 'userProfiles'),
  ],
});

/** A titled link between two objects (score scale links, resource assignments). */
const titledLink = <T extends PgTable>(table: T, file: string, ...refs: Field<ColumnOf<T>>[]) =>
  model(table, { file, fields: [...base(), str('title', 'title'), ...refs] });

const objective = [
  str('source', 'source', { required: true }),
  str('learningObjectiveId', 'learningObjectiveId', { required: true }),
];

export const LINK_MODELS: Model[] = [
  model(or.lineItemLearningObjectives, {
    file: 'lineItemLearningObjectiveIds',
    fields: [...base(), refTo('lineItem', 'lineItemSourcedId', 'lineItems', { required: true }), ...objective],
  }),
  titledLink(
    or.lineItemScoreScales,
    'lineItemScoreScales',
    refTo('lineItem', 'lineItemSourcedId', 'lineItems', { required: true }),
    refTo('scoreScale', 'scoreScaleSourcedId', 'scoreScales', { required: true }),
  ),
  model(or.resultLearningObjectives, {
    file: 'resultLearningObjectiveIds',
    fields: [
      ...base(),
      refTo('result', 'resultSourcedId', 'results', { required: true }),
      ...objective,
      num('score', 'score'),
      str('textScore', 'textScore'),
    ],
  }),
  titledLink(
    or.resultScoreScales,
    'resultScoreScales',
    refTo('result', 'resultSourcedId', 'results', { required: true }),
    refTo('scoreScale', 'scoreScaleSourcedId', 'scoreScales', { required: true }),
  ),
  titledLink(
    or.classResources,
    'classResources',
    refTo('class', 'classSourcedId', 'classes', { required: true }),
    refTo('resource', 'resourceSourcedId', 'resources', { required: true }),
  ),
  titledLink(
    or.courseResources,
    'courseResources',
    refTo('course', 'courseSourcedId', 'courses', { required: true }),
    refTo('resource', 'resourceSourcedId', 'resources', { required: true }),
  ),
  model(or.userResources, {
    file: 'userResources',
    fields: [
      ...base(),
      refTo('user', 'userSourcedId', 'users', { required: true }),
      refTo('org', 'orgSourcedId', 'orgs'),
      refTo('class', 'classSourcedId', 'classes'),
      refTo('resource', 'resourceSourcedId', 'resources', { required: true }),
    ],
  }),
];
