/**
 * The OneRoster 1.2 Gradebook service at /ims/oneroster/gradebook/v1p2: categories, lineItems,
 * results, scoreScales — list, GET/PUT/DELETE /{sourcedId}, the nested reads, and the collection
 * POSTs /classes/{id}/lineItems, /schools/{id}/lineItems, /lineItems/{id}/results and
 * /classes/{cid}/academicSessions/{aid}/results (201 + sourcedIdPairs); assessmentLineItems and
 * assessmentResults come from assessment-routes.ts.
 * Scopes: reads gradebook-core.readonly or gradebook.readonly (nested reads gradebook.readonly),
 * PUT gradebook.createput, POST gradebook.createpost, DELETE gradebook.delete.
 * Score scales of a class / school: a scale belongs to its most specific owner — its class, else its
 * course, else its org — and one with no owner, or owned by the school's parent org (the district), is
 * district-wide. /classes/{id}/scoreScales lists the class's, its course's, its school's and the
 * district-wide scales; /schools/{id}/scoreScales the school's own and the district-wide ones.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  registerAssessmentRoutes,
  ASSESSMENT_COLLECTIONS,
  ASSESSMENT_READ,
  ASSESSMENT_WRITE,
} from './assessment-routes.js';
import { registerDiscovery } from './discovery.js';
import { scope, type Entity } from './entity-kit.js';
import * as g from './gradebook-resources.js';
import { GRADEBOOK_WRITES } from './gradebook-writables.js';
import { columnOf, type Writable, type WriteContext } from './gradebook-writes.js';
import { invalidData, useImsxErrors } from './imsx-errors.js';
import { objectExists } from './query.js';
import { academicSession, klass, school } from './rostering-resources.js';
import { user } from './rostering-users.js';
import { registerCollection, registerSingle, type CollectionRoute, type ServiceOptions } from './service.js';
import { describePosts, registerPost, registerWrites, type PostRoute } from './write-routes.js';

export const GRADEBOOK_BASE = '/ims/oneroster/gradebook/v1p2';
const READ = [scope('gradebook-core.readonly'), scope('gradebook.readonly')];
const FULL = [scope('gradebook.readonly')];
const WRITE = { put: [scope('gradebook.createput')], delete: [scope('gradebook.delete')] };
const POST = [scope('gradebook.createpost')];

export const GRADEBOOK_COLLECTIONS: { segment: string; entity: Entity; writable: Writable<unknown> }[] = [
  { segment: 'categories', entity: g.category, writable: GRADEBOOK_WRITES.category },
  { segment: 'lineItems', entity: g.lineItem, writable: GRADEBOOK_WRITES.lineItem },
  { segment: 'results', entity: g.result, writable: GRADEBOOK_WRITES.result },
  { segment: 'scoreScales', entity: g.scoreScale, writable: GRADEBOOK_WRITES.scoreScale },
];

const classParent = { param: 'classId', entity: klass };
const lineItemsOfClass = (classId: string) =>
  sql`SELECT li.sourced_id FROM oneroster.line_items li
       WHERE li.tenant_id = t.tenant_id AND li.class_sourced_id = ${classId} AND li.status = 'active'`;
const classColumn = (column: string, classId: string) =>
  sql`(SELECT c.${sql.raw(column)} FROM oneroster.classes c
        WHERE c.tenant_id = t.tenant_id AND c.sourced_id = ${classId})`;
const parentOrgOf = (school: SQL) =>
  sql`(SELECT o.parent_sourced_id FROM oneroster.orgs o WHERE o.tenant_id = t.tenant_id AND o.sourced_id = ${school})`;
/** A scale owned by this org or the one above it (the district), or by nobody. */
const orgScaleOf = (school: SQL) =>
  sql`t.class_sourced_id IS NULL AND t.course_sourced_id IS NULL
      AND (t.org_sourced_id IS NULL OR t.org_sourced_id = ${school} OR t.org_sourced_id = ${parentOrgOf(school)})`;

export const GRADEBOOK_NESTED: CollectionRoute[] = [
  {
    path: '/classes/:classId/categories',
    entity: g.category,
    scopes: FULL,
    parents: [classParent],
    // The categories the class may use (tenant-wide, its school's, its own) and any its line items use.
    where: (p) => [g.categoriesOfClass(sql`${p.classId}`)],
  },
  {
    path: '/classes/:classId/lineItems',
    entity: g.lineItem,
    scopes: FULL,
    parents: [classParent],
    where: (p) => [sql`t.class_sourced_id = ${p.classId}`],
  },
  {
    path: '/classes/:classId/results',
    entity: g.result,
    scopes: FULL,
    parents: [classParent],
    where: (p) => [sql`t.line_item_sourced_id IN (${lineItemsOfClass(p.classId!)})`],
  },
  {
    path: '/classes/:classId/scoreScales',
    entity: g.scoreScale,
    scopes: FULL,
    parents: [classParent],
    where: (p) => [
      sql`(t.class_sourced_id = ${p.classId}
        OR (t.class_sourced_id IS NULL AND t.course_sourced_id = ${classColumn('course_sourced_id', p.classId!)})
        OR (${orgScaleOf(classColumn('school_sourced_id', p.classId!))}))`,
    ],
  },
  {
    path: '/classes/:classId/lineItems/:lineItemId/results',
    entity: g.result,
    scopes: FULL,
    parents: [classParent, { param: 'lineItemId', entity: g.lineItem }],
    where: (p) => [
      sql`t.line_item_sourced_id = ${p.lineItemId}`,
      sql`t.line_item_sourced_id IN (${lineItemsOfClass(p.classId!)})`,
    ],
  },
  {
    path: '/classes/:classId/students/:studentId/results',
    entity: g.result,
    scopes: FULL,
    parents: [classParent, { param: 'studentId', entity: user }],
    where: (p) => [
      sql`t.student_sourced_id = ${p.studentId}`,
      sql`t.line_item_sourced_id IN (${lineItemsOfClass(p.classId!)})`,
    ],
  },
  {
    path: '/schools/:schoolId/scoreScales',
    entity: g.scoreScale,
    scopes: FULL,
    parents: [{ param: 'schoolId', entity: school }],
    where: (p) => [sql`(${orgScaleOf(sql`${p.schoolId}`)})`],
  },
];

/** Each result's line item must be of the path's class and academic session (the line item's academicSession). */
async function lineItemsInClassAndSession(
  ctx: WriteContext,
  params: Record<string, string>,
  bodies: g.ResultIn[],
): Promise<void> {
  for (const [i, body] of bodies.entries()) {
    const id = body.lineItem.sourcedId;
    // An unknown or unreachable line item is reported by the write itself (without revealing its class).
    if (!(await objectExists(ctx.tx, g.lineItem, ctx.access, id))) continue;
    const classId = (await columnOf(ctx, 'oneroster.line_items', 'class_sourced_id', id))!;
    const sessionId = await columnOf(ctx, 'oneroster.line_items', 'grading_period_sourced_id', id);
    const where = `results[${i}]: lineItem "${id.slice(0, 100)}"`;
    if (classId !== params.classId)
      throw invalidData(
        `${where} belongs to class "${classId.slice(0, 100)}", not "${params.classId!.slice(0, 100)}".`,
      );
    if (sessionId !== params.academicSessionId) {
      const found = sessionId === undefined ? 'none' : `"${sessionId.slice(0, 100)}"`;
      throw invalidData(`${where} is in academic session ${found}, not "${params.academicSessionId!.slice(0, 100)}".`);
    }
  }
}

const postLineItemsOfClass: PostRoute<g.LineItemIn> = {
  path: '/classes/:classId/lineItems',
  writable: GRADEBOOK_WRITES.lineItem,
  scopes: POST,
  parents: [classParent],
  fromPath: { class: 'classId' },
};
// Each line item's school is the path's; its class must be of that school (the lineItem.school check).
const postLineItemsOfSchool: PostRoute<g.LineItemIn> = {
  path: '/schools/:schoolId/lineItems',
  writable: GRADEBOOK_WRITES.lineItem,
  scopes: POST,
  parents: [{ param: 'schoolId', entity: school }],
  fromPath: { school: 'schoolId' },
};
const postResultsOfLineItem: PostRoute<g.ResultIn> = {
  path: '/lineItems/:lineItemId/results',
  writable: GRADEBOOK_WRITES.result,
  scopes: POST,
  parents: [{ param: 'lineItemId', entity: g.lineItem }],
  fromPath: { lineItem: 'lineItemId' },
};
const postResultsOfClassSession: PostRoute<g.ResultIn> = {
  path: '/classes/:classId/academicSessions/:academicSessionId/results',
  writable: GRADEBOOK_WRITES.result,
  scopes: POST,
  parents: [classParent, { param: 'academicSessionId', entity: academicSession }],
  fromPath: { class: 'classId' },
  check: lineItemsInClassAndSession,
};
export const GRADEBOOK_POSTS = [
  postLineItemsOfClass,
  postLineItemsOfSchool,
  postResultsOfLineItem,
  postResultsOfClassSession,
];

export function gradebookRoutes(options: ServiceOptions = {}) {
  return async function gradebook(app: FastifyInstance): Promise<void> {
    await app.register(
      async (service) => {
        useImsxErrors(service);
        for (const c of GRADEBOOK_COLLECTIONS) {
          registerCollection(service, { path: `/${c.segment}`, entity: c.entity, scopes: READ }, options);
          registerSingle(service, `/${c.segment}/:sourcedId`, c.entity, READ);
          registerWrites(service, c.segment, c.writable, WRITE);
        }
        for (const nested of GRADEBOOK_NESTED) registerCollection(service, nested, options);
        registerPost(service, postLineItemsOfClass);
        registerPost(service, postLineItemsOfSchool);
        registerPost(service, postResultsOfLineItem);
        registerPost(service, postResultsOfClassSession);
        registerAssessmentRoutes(service, options);
        registerDiscovery(service, {
          title: 'OneRoster 1.2 Gradebook service (Schola)',
          base: GRADEBOOK_BASE,
          collections: [
            ...GRADEBOOK_COLLECTIONS.map((c) => ({ ...c, scopes: READ })),
            ...ASSESSMENT_COLLECTIONS.map((c) => ({ ...c, scopes: ASSESSMENT_READ })),
          ],
          nested: GRADEBOOK_NESTED,
          writes: [
            ...GRADEBOOK_COLLECTIONS.map((c) => ({ segment: c.segment, entity: c.entity, ...WRITE })),
            ...ASSESSMENT_COLLECTIONS.map((c) => ({ segment: c.segment, entity: c.entity, ...ASSESSMENT_WRITE })),
          ],
          posts: describePosts(GRADEBOOK_POSTS),
        });
      },
      { prefix: GRADEBOOK_BASE },
    );
  };
}
