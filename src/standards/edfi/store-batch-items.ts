/**
 * What a POST batch is made of (batch creation: store-batch.ts): the items and their outcomes, the
 * candidates for the INSERT, and the audit entries of the candidates created. Shared by the batch's
 * two forms (one statement: store-batch-statement.ts; statements one by one: store-batch.ts).
 */
import type { RequestMeta } from '../../platform/auth/roles.js';
import type { AuditEntry } from '../../platform/audit/audit.js';
import type { AppError } from '../../platform/http/errors.js';
import type { EdfiSession } from './caller.js';
import type { RowValues } from './codec.js';
import type { ResourceModel } from './model.js';
import { newValuesOf } from './store-writes.js';

export interface BatchItem {
  body: unknown;
  /** The item's own request (audit: ip, user agent, request id). */
  meta: RequestMeta;
}

export interface Created {
  id: string;
  etag: string;
}

/** Per item: created here, failed here (an AppError), or undefined: run it through the one-item path. */
export type BatchOutcome = Created | AppError | undefined;

export interface Candidate {
  index: number;
  id: string;
  values: RowValues;
}

export function auditEntriesOf(
  work: EdfiSession,
  model: ResourceModel,
  items: readonly BatchItem[],
  candidates: readonly Candidate[],
): AuditEntry[] {
  return candidates.map((c) => ({
    principal: work.principal,
    meta: items[c.index]!.meta,
    table: model.qualifiedName,
    recordId: c.id,
    operation: 'INSERT' as const,
    newValues: newValuesOf(model, c.values),
    dataCategories: ['edfi'],
  }));
}
