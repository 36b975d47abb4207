/**
 * What every OneRoster endpoint does before touching data, and the generic list / single-object
 * handlers derived from entity descriptions:
 * 1. a principal (401 imsx), 2. one of the endpoint's OAuth scopes (people get the scopes their
 * roles imply; 403 imsx otherwise), 3. the policy engine's read decision on the table (deny by
 * default; a district admin may tighten a table for a role), 4. confinement: a principal bound to
 * schools (principal.schoolIds, Ed-Fi school ids) sees the rows of those schools' OneRoster orgs
 * (`orgs.identifier` = the Ed-Fi school id), 5. relationship: a person whose every role is bounded by
 * a relationship narrower than a school (a teacher's own sections, a parent's or guardian's children,
 * a student's self) sees the rows of that relationship, through each entity's `relate` condition
 * computed once per request from the person's OneRoster users (relationships.ts). Lists hold only
 * those rows; another person's object, by id or as the parent of a nested read, is 404 unknownobject —
 * exactly like an object outside a school-bound caller's schools. Writes below school scope are still
 * refused (people get no write scopes; see ROLE_SCOPES).
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadPolicies } from '../../platform/auth/default-policies.js';
import { decide, type Action } from '../../platform/auth/policy.js';
import { createRelationshipResolver } from '../../platform/auth/relationships.js';
import { principalOf, withTenantRead } from '../../platform/auth/request.js';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Entity } from './entity-kit.js';
import { forbidden, unknownObject } from './imsx-errors.js';
import { linkHeader, parseListParams, DEFAULT_MAX_LIMIT } from './paging.js';
import { pageBody } from './page-cache.js';
import { getObject, listObjects, objectExists, type ReadAccess } from './query.js';
import { relationshipOf } from './relationships.js';

export interface ServiceOptions {
  /** The largest page served; larger `limit`s are clamped to it. */
  maxLimit?: number;
}

export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** 403 unless the principal holds one of `scopes`. */
export function requireScope(principal: Principal, scopes: readonly string[]): void {
  if (!scopes.some((s) => principal.scopes.includes(s))) {
    throw forbidden(`This endpoint requires one of the OAuth scopes: ${scopes.join(', ')}.`);
  }
}

/** The sourcedIds of the school orgs of an Ed-Fi-school-bound principal (undefined = whole tenant). */
export async function schoolOrgsOf(db: TenantDb, principal: Principal): Promise<string[] | undefined> {
  if (principal.schoolIds === undefined) return undefined;
  if (principal.schoolIds.length === 0) return [];
  const ids = principal.schoolIds.map((id) => sql`${String(id)}`);
  const rows = rowsOf<{ sourced_id: string }>(
    await db.execute(
      sql`SELECT sourced_id FROM oneroster.orgs WHERE tenant_id = ${principal.tenantId}::uuid AND type = 'school'
        AND identifier IN (${sql.join(ids, sql`, `)})`,
    ),
  );
  return rows.map((r) => r.sourced_id);
}

/**
 * The policy engine's answer for this table. A write whose scope is narrower than a school is refused;
 * a read's relationship is applied by `readAccess` (callers of this for a read must use its access).
 */
export async function policyAllows(
  db: TenantDb,
  principal: Principal,
  meta: RequestMeta,
  action: Action,
  table: string,
  subject?: { schoolId?: number },
): Promise<void> {
  const decision = await decide(
    principal,
    { action, table, subject, justification: meta.justification },
    { policies: await loadPolicies(db, principal.tenantId), relationships: createRelationshipResolver(db) },
  );
  if (!decision.allowed) throw forbidden(decision.reason);
  if (action !== 'read' && decision.scope !== 'tenant' && decision.scope !== 'school') {
    throw forbidden(
      `Access scope "${decision.scope}" cannot be applied to OneRoster ${table} writes: use a school- or ` +
        `district-level account or client.`,
    );
  }
}

export async function readAccess(
  db: TenantDb,
  request: FastifyRequest,
  principal: Principal,
  meta: RequestMeta,
  table: string,
): Promise<ReadAccess> {
  const relation = await relationshipOf(db, principal, meta, table);
  return {
    tenantId: principal.tenantId,
    scopes: principal.scopes,
    schoolOrgs: await schoolOrgsOf(db, principal),
    ...(relation ? { relation } : {}),
    origin: originOf(request),
  };
}

export interface ParentCheck {
  param: string;
  entity: Entity;
}

export interface CollectionRoute {
  path: string;
  entity: Entity;
  scopes: string[];
  /** Objects named in the path that must exist within the caller's reach (404 otherwise). */
  parents?: ParentCheck[];
  /** Conditions over `t` from the path parameters. */
  where?: (params: Record<string, string>) => SQL[];
  /** Link tables the read reveals (class_resources…): the policy engine must allow reading each too. */
  policyTables?: string[];
}

function pathParams(request: FastifyRequest): Record<string, string> {
  return request.params as Record<string, string>;
}

export function registerCollection(app: FastifyInstance, route: CollectionRoute, options: ServiceOptions): void {
  app.get(route.path, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, route.scopes);
    const query = request.query as Record<string, unknown>;
    const params = parseListParams(query, options.maxLimit ?? DEFAULT_MAX_LIMIT);
    const page = await withTenantRead(request, async ({ db, meta }) => {
      const access = await readAccess(db, request, principal, meta, route.entity.table);
      for (const table of route.policyTables ?? []) await policyAllows(db, principal, meta, 'read', table);
      for (const parent of route.parents ?? []) {
        const id = pathParams(request)[parent.param]!;
        if (!(await objectExists(db, parent.entity, access, id)))
          throw unknownObject(`No ${parent.entity.singular} with sourcedId "${id.slice(0, 100)}".`);
      }
      return listObjects(db, route.entity, access, params, route.where?.(pathParams(request)) ?? []);
    });
    const url = `${originOf(request)}${request.url.split('?')[0]}`;
    reply.header('x-total-count', String(page.total));
    reply.header('link', linkHeader(url, query, params, page.total));
    // The body is kept with a cached page as bytes (page-cache.ts): not serialised nor encoded on every hit.
    reply.type('application/json; charset=utf-8');
    return reply.send(pageBody(page));
  });
}

export function registerSingle(app: FastifyInstance, path: string, entity: Entity, scopes: string[]): void {
  app.get(path, async (request: FastifyRequest) => {
    const principal = principalOf(request);
    requireScope(principal, scopes);
    const { sourcedId } = pathParams(request);
    const fieldsRaw = (request.query as Record<string, unknown>).fields;
    const fields = fieldsRaw === undefined ? undefined : parseListParams({ fields: fieldsRaw }).fields;
    const object = await withTenantRead(request, async ({ db, meta }) => {
      const access = await readAccess(db, request, principal, meta, entity.table);
      return getObject(db, entity, access, sourcedId!, fields);
    });
    if (!object) throw unknownObject(`No ${entity.singular} with sourcedId "${sourcedId!.slice(0, 100)}".`);
    return { [entity.singular]: object };
  });
}
