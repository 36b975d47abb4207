/**
 * The API's gate to the policy engine: may this principal do this to this resource, and within
 * which rows? Deny by default. `scope` narrows lists and single-row access to the rows the principal
 * may reach (their school, their sections' students, their children, …).
 */
import type { SQL } from 'drizzle-orm';
import type { Principal, RequestMeta } from '../auth/roles.js';
import type { TenantDb } from '../db/engine.js';
import type { Resource } from './registry.js';

export type ApiAction = 'read' | 'write' | 'delete';

export interface GuardDecision {
  allowed: boolean;
  reason: string;
  /** An extra WHERE condition confining the rows; undefined = every row of the tenant. */
  scope?: SQL;
  /** Reads of this resource are audited (sensitive data). */
  auditReads: boolean;
  /** Writes of this resource are audited (student-related data). */
  auditWrites: boolean;
  dataCategories: string[];
}

/** The record a write concerns, read from its values (for relationship checks). */
export type ApiSubject = Record<string, unknown>;

export interface ApiGuard {
  /** Without `row`: may the principal do this at all, and within which rows (lists, loads)?
   *  With `row` (the values written or deleted): may the principal do this to that record? */
  decide(
    db: TenantDb,
    principal: Principal,
    meta: RequestMeta,
    resource: Resource,
    action: ApiAction,
    row?: ApiSubject,
  ): Promise<GuardDecision>;
}
