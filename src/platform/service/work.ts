/**
 * The unit of work every domain service operation runs in: one tenant transaction (row-level
 * security confines it to the principal's tenant), the principal and request facts, one clock, the
 * policy engine, the audit trail and after-commit hooks. A service operation is a plain function
 * `(work: Work, input) => result`; the route, a job or the CLI opens the work, the service does the
 * rest. Passing the same `work` to another domain's service makes both part of one transaction.
 *
 * What a service does with it: validate (`parseInput`), `authorize` against the policy engine for the
 * table and the record concerned, enforce its own rules (raising its declared error codes), write,
 * `audit` what changed, and schedule what must only happen once the commit succeeded (`afterCommit`:
 * realtime events, notifications, job enqueueing).
 */
import type { SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { scopeCondition } from '../api/policy-guard.js';
import { resourceByName } from '../api/registry.js';
import { recordAudits, type AuditOperation } from '../audit/audit.js';
import type { AccessControl } from '../auth/access.js';
import { auditFactsOf } from '../auth/classification.js';
import type { Action, Decision } from '../auth/policy.js';
import type { AccessSubject } from '../auth/subject-relationship.js';
import { metaOf, principalOf } from '../auth/request.js';
import type { Principal, RequestMeta } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import type { Tx } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import type { EventPublisher, PlatformEvent } from '../events/publisher.js';
import type { JobRunner } from '../jobs/runner.js';
import type { EnqueueOptions } from '../jobs/tasks.js';
import type { RealtimeEvent, RealtimePublisher } from '../realtime/types.js';

export interface Work {
  readonly tx: Tx;
  readonly tenantId: string;
  readonly principal: Principal;
  readonly meta: RequestMeta;
  /** The instant of this unit of work: every rule it checks uses the same clock reading. */
  readonly now: Date;
  /**
   * The policy engine's decision for `action` on `table`, about `subject` when the operation concerns
   * one record (its student, section, school…). Refuses with 403 `forbidden` naming the reason.
   */
  authorize(table: PgTable | string, action: Action, subject?: AccessSubject): Promise<Decision>;
  /**
   * The caller's reach over `table` for a list: a SQL condition on that table's own columns (their
   * schools, sections, children…; undefined = the whole tenant), exactly as the generic API confines
   * its lists. Refuses with 403 when the caller may not read the table at all.
   */
  readScope(table: PgTable | string): Promise<SQL | undefined>;
  /** Appends a row to the tenant's hash-chained audit trail, in this transaction. */
  audit(entry: WorkAuditEntry): Promise<void>;
  /** Appends several rows, in order, with one statement (the chain head is locked once, not per row). */
  auditMany(entries: readonly WorkAuditEntry[]): Promise<void>;
  /** Runs after the commit succeeded (never on rollback); a failing hook is logged, not thrown. */
  afterCommit(hook: () => void | Promise<void>): void;
  /**
   * Queues a background task (platform/jobs/tasks.ts) once committed. Where this process runs no job
   * runner (some tests, the CLI) nothing is queued and the hook error handler is told: a service
   * whose task must not be lost keeps its own record of what is due (notifications do) and sweeps it.
   */
  enqueue<T>(task: string, payload: T, options?: EnqueueOptions): void;
  /** Announces an event in this process once committed (platform/events/publisher.ts). */
  announce(event: Omit<PlatformEvent, 'tenantId'>): void;
  /** A realtime event for the tenant's subscribers of its channels, sent once committed. */
  publish(event: Omit<RealtimeEvent, 'tenantId' | 'at'>): void;
}

export interface WorkAuditEntry {
  table: PgTable | string;
  recordId: string | number;
  operation: Exclude<AuditOperation, 'SELECT'>;
  oldValues?: unknown;
  newValues?: unknown;
}

/** What opening a unit of work needs besides the principal: the database, access control, a clock. */
export interface WorkEnvironment {
  database: Database;
  access: AccessControl;
  /** Defaults to the system clock; tests pass their own. */
  clock?: () => Date;
  /** Where `work.publish` sends (none: events go nowhere, e.g. the CLI). */
  realtime?: RealtimePublisher;
  onHookError?: (error: unknown) => void;
  /** The background tasks `work.enqueue` queues; absent → nothing is queued. */
  jobs?: Pick<JobRunner, 'enqueueMany' | 'hasTask'> | null;
  events?: EventPublisher | null;
}

export function qualifiedName(table: PgTable | string): string {
  if (typeof table === 'string') return table.toLowerCase();
  const config = getTableConfig(table);
  return `${config.schema ?? 'public'}.${config.name}`;
}

/** Opens a unit of work for `principal` and runs `fn` in it; commits when `fn` resolves. */
export function runWork<T>(
  env: WorkEnvironment,
  principal: Principal,
  meta: RequestMeta,
  fn: (work: Work) => Promise<T>,
): Promise<T> {
  const now = (env.clock ?? (() => new Date()))();
  // Tasks queued by this unit of work, per task: one statement each after the commit.
  const queued = new Map<string, { payload: unknown; options?: EnqueueOptions }[]>();
  return tenantTransaction(
    env.database,
    principal.tenantId,
    ({ tx, afterCommit, tenantId }) => {
      const work: Work = {
        tx,
        tenantId,
        principal,
        meta,
        now,
        afterCommit,
        enqueue(task, payload, options) {
          const jobs = queued.get(task);
          if (jobs) return void jobs.push({ payload, options });
          queued.set(task, [{ payload, options }]);
          afterCommit(async () => {
            if (!env.jobs?.hasTask(task)) throw new Error(`task ${task} not queued: no job runner defines it here`);
            await env.jobs.enqueueMany(task, queued.get(task)!);
          });
        },
        announce(event) {
          afterCommit(() => env.events?.publish({ ...event, tenantId }));
        },
        publish(event) {
          const publisher = env.realtime;
          if (publisher) afterCommit(() => publisher.publish({ ...event, tenantId, at: now.toISOString() }));
        },
        async authorize(table, action, subject) {
          const name = qualifiedName(table);
          const decision = await env.access.decide(
            tx,
            principal,
            { action, table: name, subject, justification: meta.justification },
            now,
          );
          if (!decision.allowed) throw new AppError('forbidden', decision.reason);
          return decision;
        },
        async readScope(table) {
          const name = qualifiedName(table);
          const decision = await work.authorize(name, 'read');
          const resource = resourceByName(name.replace('.', '/'));
          const scope = resource ? scopeCondition(resource, decision.scope, principal) : null;
          if (scope === null) {
            throw new AppError('forbidden', `${name} cannot be confined to scope ${decision.scope}: denied by default`);
          }
          return scope;
        },
        async audit(entry) {
          await work.auditMany([entry]);
        },
        async auditMany(entries) {
          if (entries.length === 0) return;
          await recordAudits(
            tx,
            entries.map((entry) => {
              const name = qualifiedName(entry.table);
              return {
                principal,
                meta,
                table: name,
                recordId: entry.recordId,
                operation: entry.operation,
                oldValues: entry.oldValues,
                newValues: entry.newValues,
                dataCategories: auditFactsOf(name)?.dataCategories ?? [],
                // Services authorize before they write: the relationship or a stated justification.
                legitimateEducationalInterest: true,
              };
            }),
          );
        },
      };
      return fn(work);
    },
    { onHookError: env.onHookError },
  );
}

/**
 * Runs `fn` with a unit of work whose `audit` calls are collected and appended together when `fn`
 * resolves, still in the same transaction (one chain statement instead of one per row; nothing is
 * appended if `fn` throws, which rolls the transaction back anyway). For operations that write many
 * audited rows, e.g. a month's invoices with their journal entries. `fn` must not read back its own
 * audit rows.
 */
export async function withBatchedAudits<T>(work: Work, fn: (work: Work) => Promise<T>): Promise<T> {
  const pending: WorkAuditEntry[] = [];
  const batched: Work = {
    ...work,
    audit: async (entry) => void pending.push(entry),
    auditMany: async (entries) => void pending.push(...entries),
  };
  const result = await fn(batched);
  await work.auditMany(pending);
  return result;
}

/** The unit of work of an HTTP request: its principal (401 when nobody signed in) and request facts. */
export function requestWork<T>(request: FastifyRequest, fn: (work: Work) => Promise<T>): Promise<T> {
  const principal = principalOf(request);
  return runWork(
    {
      database: request.server.database,
      access: request.server.access,
      jobs: request.server.jobs,
      events: request.server.events,
      ...(request.server.hasDecorator('realtime') ? { realtime: request.server.realtime } : {}),
      onHookError: (error) => request.log.error({ err: error }, 'after-commit hook failed'),
    },
    principal,
    metaOf(request),
    fn,
  );
}

/** The principal a background job or the CLI acts as within a tenant (audited as `system:<name>`). */
export function systemPrincipal(tenantId: string, name: string): Principal {
  return { kind: 'system', tenantId, actorId: `system:${name}`, roles: ['district_admin'], scopes: [] };
}
