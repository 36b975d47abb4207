/**
 * What the generated API's routes share (crud-reads.ts, crud-writes.ts): the auditor and write-rule
 * contracts, and per resource a context with its guard, key handling, serialisation and row loading.
 */
import { count, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, validationErrorsOf, type ValidationErrors } from '../http/errors.js';
import type { Principal, RequestMeta } from '../auth/roles.js';
import type { Tx } from '../db/transaction.js';
import type { ApiAction, ApiGuard, GuardDecision } from './guard.js';
import type { Resource } from './registry.js';
import { keyCondition, softDeleteCondition, whereAll } from './sql.js';
import { parseScalar, toJson } from './values.js';

export interface AuditEvent {
  table: string;
  recordId: string;
  /** Reads: every record shown (the audit row lists as many as fit and counts them all). */
  recordIds?: string[];
  operation: 'INSERT' | 'UPDATE' | 'DELETE' | 'SELECT';
  oldValues?: Record<string, unknown>;
  newValues?: Record<string, unknown>;
  dataCategories: string[];
}

export interface ApiAuditor {
  record(tx: Tx, principal: Principal, meta: RequestMeta, event: AuditEvent): Promise<void>;
}

/**
 * Domain rules a write must satisfy beyond authorization (e.g. consent before recording a student's
 * voice). Throw an AppError to refuse; runs in the write's transaction.
 */
export type WriteRule = (tx: Tx, resource: Resource, row: Record<string, unknown>) => Promise<void>;

export interface CrudOptions {
  guard: ApiGuard;
  auditor: ApiAuditor;
  writeRules?: WriteRule[];
}

export type Row = Record<string, unknown>;

export function zodErrors(error: z.ZodError, prefix = ''): ValidationErrors {
  return validationErrorsOf(error, { prefix, unknownField: 'is not a field of this resource' });
}

export function keyFromParams(resource: Resource, params: Record<string, string>): unknown[] {
  const errors: ValidationErrors = Object.create(null) as ValidationErrors; // keys come from the request: no prototype
  const values = resource.key.map((field, i) => {
    const parsed = parseScalar(resource.fields.get(field)!.column, params[`k${i}`] ?? '');
    if (!parsed.ok) (errors[field] ??= []).push(parsed.reason);
    return parsed.ok ? parsed.value : undefined;
  });
  if (Object.keys(errors).length) throw AppError.validation(errors, 'The key in the URL is invalid.');
  return values;
}

export function recordId(resource: Resource, row: Row): string {
  return resource.key.map((k) => String(row[k])).join('/');
}

export async function gate(
  guard: ApiGuard,
  tx: Tx,
  principal: Principal,
  meta: RequestMeta,
  resource: Resource,
  action: ApiAction,
  row?: Row,
): Promise<GuardDecision> {
  if (action !== 'read' && !resource.writable)
    throw new AppError('method_not_allowed', `${resource.name} is read-only through this API.`);
  const decision = await guard.decide(tx, principal, meta, resource, action, row);
  if (!decision.allowed) throw new AppError('forbidden', decision.reason);
  return decision;
}

export type CrudContext = ReturnType<typeof crudContext>;

/** The per-resource helpers every generated route uses. */
export function crudContext(resource: Resource, options: CrudOptions) {
  const { guard, auditor } = options;
  const checkRules = async (tx: Tx, row: Row) => {
    for (const rule of options.writeRules ?? []) await rule(tx, resource, row);
  };
  const table = resource.table;
  const hidden = resource.secret;
  const keyPath = resource.key.map((_, i) => `:k${i}`).join('/');
  const show = (row: Row, only?: string[]) => toJson(row, hidden, only);

  /** A written row must stay within the principal's reach (their school, sections, children…). */
  async function assertWithinScope(tx: Tx, row: Row, scope: SQL | undefined): Promise<void> {
    if (!scope) return;
    const [hit] = await tx
      .select({ n: count() })
      .from(table)
      .where(
        whereAll([
          keyCondition(
            resource,
            resource.key.map((k) => row[k]),
          ),
          scope,
        ]),
      );
    if (Number(hit!.n) === 0)
      throw new AppError('forbidden', `The ${resource.name} record would be outside what you may write.`);
  }

  /** Soft-deleted rows are gone for the API. */
  const live = resource.softDelete ? softDeleteCondition(resource) : undefined;

  async function loadOne(tx: Tx, key: unknown[], scope: SQL | undefined, forUpdate = false): Promise<Row> {
    let query = tx
      .select()
      .from(table)
      .where(whereAll([keyCondition(resource, key), scope, live]))
      .$dynamic();
    if (forUpdate) query = query.for('update');
    const rows = (await query) as Row[];
    if (rows.length === 0) throw new AppError('not_found', `No ${resource.name} with key ${key.join('/')}.`);
    return rows[0]!;
  }

  return { resource, guard, auditor, checkRules, table, keyPath, show, assertWithinScope, live, loadOne };
}

/**
 * A PUT/PATCH body is usually what the client read, server-maintained fields (lastModifiedDate,
 * changeVersion, createDate…) included: they are dropped from the body, never written (as the Ed-Fi API
 * ignores `_etag` and `_lastModifiedDate`); If-Match is how a client says which version it changes.
 */
export function withoutServerFields(resource: Resource, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const rest: Row = { ...(body as Row) };
  for (const name of resource.readOnly) delete rest[name];
  return rest;
}
