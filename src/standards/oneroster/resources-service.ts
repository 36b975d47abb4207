/**
 * The OneRoster 1.2 Resources service (read only) at /ims/oneroster/resources/v1p2: /resources,
 * /resources/{sourcedId}, and the resources assigned to a class, a course or a user through the
 * class_resources / course_resources / user_resources links (active links to active resources).
 * Scopes: /resources and /resources/{id} take resource-core.readonly or resource.readonly; the nested
 * reads take resource.readonly, and the policy engine must also allow reading the link table (it
 * tells who was assigned what: an educational record, unlike the resource catalogue itself).
 *
 * Mapping: `roles` is the resources.roles text[] (1.2 RoleEnum values), `importance` primary|secondary.
 * School-bound callers see the resources linked (actively) to their schools' classes, to the courses
 * owned or taught there, or to users of those schools (or to a class/org of theirs on a user link):
 * a district's licences differ by school, so the catalogue is not district-wide reference data.
 * Teachers, parents and students are narrowed through the nested reads' parents (their `relate`
 * hooks: another person's class or user is 404); the catalogue itself has no relationship hook.
 */
import { sql, type SQL } from 'drizzle-orm';
import * as or from '../../domains/oneroster/tables.js';
import { scope, type Entity } from './entity-kit.js';
import { readOnlyService } from './read-service.js';
import { base, entityOf, list, model, oneOf, str } from './model.js';
import { course, klass } from './rostering-resources.js';
import { user } from './rostering-users.js';
import type { CollectionRoute, ServiceOptions } from './service.js';

export const RESOURCES_BASE = '/ims/oneroster/resources/v1p2';
const CORE = [scope('resource-core.readonly'), scope('resource.readonly')];
const FULL = [scope('resource.readonly')];

// The transaction's tenant, uncorrelated (see rostering-routes.ts: a correlated one re-ran subqueries).
const TENANT = sql.raw(`NULLIF(current_setting('app.tenant_id', true), '')::uuid`);

const classesOf = (schools: SQL) =>
  sql`SELECT c.sourced_id FROM oneroster.classes c WHERE c.tenant_id = ${TENANT} AND c.school_sourced_id IN ${schools}`;
const coursesOf = (schools: SQL) =>
  sql`SELECT co.sourced_id FROM oneroster.courses co WHERE co.tenant_id = ${TENANT} AND co.org_sourced_id IN ${schools}
    UNION SELECT c.course_sourced_id FROM oneroster.classes c WHERE c.tenant_id = ${TENANT}
      AND c.school_sourced_id IN ${schools}`;
const usersOf = (schools: SQL) =>
  sql`SELECT r.user_sourced_id FROM oneroster.roles r WHERE r.tenant_id = ${TENANT} AND r.org_sourced_id IN ${schools}
    UNION SELECT u.sourced_id FROM oneroster.users u WHERE u.tenant_id = ${TENANT}
      AND u.primary_org_sourced_id IN ${schools}
    UNION SELECT e.user_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = ${TENANT}
      AND e.school_sourced_id IN ${schools}`;

export const resourceModel = model(or.resources, {
  file: 'resources',
  rest: {
    singular: 'resource',
    plural: 'resources',
    confine: (schools) => sql`(
    t.sourced_id IN (SELECT x.resource_sourced_id FROM oneroster.class_resources x WHERE x.tenant_id = ${TENANT}
      AND x.status = 'active' AND x.class_sourced_id IN (${classesOf(schools)}))
    OR t.sourced_id IN (SELECT x.resource_sourced_id FROM oneroster.course_resources x WHERE x.tenant_id = ${TENANT}
      AND x.status = 'active' AND x.course_sourced_id IN (${coursesOf(schools)}))
    OR t.sourced_id IN (SELECT x.resource_sourced_id FROM oneroster.user_resources x WHERE x.tenant_id = ${TENANT}
      AND x.status = 'active'
      AND (x.org_sourced_id IN ${schools} OR x.class_sourced_id IN (${classesOf(schools)})
        OR x.user_sourced_id IN (${usersOf(schools)}))))`,
  },
  fields: [
    ...base(),
    str('vendorResourceId', 'vendorResourceId', { required: true }),
    str('title', 'title'),
    list('roles', 'roles'),
    oneOf('importance', 'importance', ['primary', 'secondary']),
    str('vendorId', 'vendorId'),
    str('applicationId', 'applicationId'),
  ],
});
export const resource: Entity = entityOf(resourceModel);

/** The resources an active link of `table` assigns to the object named by `column` = id. */
const linkedThrough = (table: string, column: string, id: string): SQL =>
  sql`t.sourced_id IN (SELECT x.resource_sourced_id FROM ${sql.raw(table)} x WHERE x.tenant_id = ${TENANT}
    AND ${sql.raw(`x.${column}`)} = ${id} AND x.status = 'active')`;

export const RESOURCES_COLLECTIONS = [{ segment: 'resources', entity: resource, scopes: CORE }];

export const RESOURCES_NESTED: CollectionRoute[] = [
  {
    path: '/classes/:classId/resources',
    entity: resource,
    scopes: FULL,
    parents: [{ param: 'classId', entity: klass }],
    policyTables: ['oneroster.class_resources'],
    where: (p) => [linkedThrough('oneroster.class_resources', 'class_sourced_id', p.classId!)],
  },
  {
    path: '/courses/:courseId/resources',
    entity: resource,
    scopes: FULL,
    parents: [{ param: 'courseId', entity: course }],
    policyTables: ['oneroster.course_resources'],
    where: (p) => [linkedThrough('oneroster.course_resources', 'course_sourced_id', p.courseId!)],
  },
  {
    path: '/users/:userId/resources',
    entity: resource,
    scopes: FULL,
    parents: [{ param: 'userId', entity: user }],
    policyTables: ['oneroster.user_resources'],
    where: (p) => [linkedThrough('oneroster.user_resources', 'user_sourced_id', p.userId!)],
  },
];

export function resourcesRoutes(options: ServiceOptions = {}) {
  return readOnlyService(
    {
      title: 'OneRoster 1.2 Resources service (Schola)',
      base: RESOURCES_BASE,
      collections: RESOURCES_COLLECTIONS,
      nested: RESOURCES_NESTED,
    },
    options,
  );
}
