/**
 * POST upserts through the write coalescer: the concurrent POSTs of one client to one resource are
 * created together (store-batch.ts `createMany`: one statement, or one transaction of multi-row
 * statements, with one audit append), which is what lets an integrator loading records one POST at a
 * time over many connections reach bulk speed. Every request still gets exactly the answer it would
 * get alone:
 * - an item the batch does not create (an update, a creation refused that may be an allowed update)
 *   runs through the one-item path after the batch, in arrival order;
 * - an invalid item fails alone with its own error;
 * - if a statement of the batch fails (a constraint one item breaks), nothing of the batch is kept and
 *   every item runs alone, so the culprit gets its error and the rest succeed.
 * The lane key holds the whole principal: a batch runs under one identity and authorization.
 */
import type { FastifyRequest } from 'fastify';
import { metaOf, principalOf, withTenantWrite } from '../../platform/auth/request.js';
import { findPgError } from '../../platform/db/pg-errors.js';
import { WriteCoalescer, type CoalescerOptions } from '../../platform/db/write-coalescer.js';
import { AppError } from '../../platform/http/errors.js';
import { asCaller } from './caller.js';
import type { ResourceModel } from './model.js';
import { batchable, createMany } from './store-batch.js';
import type { BatchOutcome } from './store-batch-items.js';
import { upsert } from './store-writes.js';

export interface PostResult {
  id: string;
  created: boolean;
  etag: string;
}

type Settled = { ok: true; value: PostResult } | { ok: false; error: unknown };

async function settle(fn: () => Promise<PostResult>): Promise<Settled> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The one-item path: its own transaction. */
async function postOne(request: FastifyRequest, model: ResourceModel): Promise<PostResult> {
  const result = await asCaller(request, (work) => upsert(work, model, request.body));
  return { id: result.id, created: result.created, etag: String(result.item._etag) };
}

async function runBatch(model: ResourceModel, requests: FastifyRequest[]): Promise<Settled[]> {
  let outcomes: BatchOutcome[];
  try {
    outcomes = await withTenantWrite(requests[0]!, (work) =>
      createMany(
        work,
        model,
        requests.map((r) => ({ body: r.body, meta: metaOf(r) })),
      ),
    );
  } catch (error) {
    // The code only: a PostgreSQL error's detail may quote a student's values.
    requests[0]!.log.info(
      { pgCode: findPgError(error)?.code, batch: requests.length },
      'Ed-Fi POST batch failed (nothing of it was kept); each item runs alone',
    );
    outcomes = requests.map(() => undefined);
  }
  const settled: Settled[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome instanceof AppError) settled.push({ ok: false, error: outcome });
    else if (outcome) settled.push({ ok: true, value: { ...outcome, created: true } });
    else settled.push(await settle(() => postOne(requests[i]!, model)));
  }
  return settled;
}

/**
 * How the POSTs are batched. A batch's fixed price is high (the tenant's audit-chain head is locked from
 * the append until the commit's flush, so one client's batches run one at a time): waiting up to 2 ms
 * for the writers the last batch answered makes batches of about all the client's connections instead
 * of half of them (25 connections, PostgreSQL: 1.3 to 2.5 times the records/s in each of five paired
 * runs on a shared machine).
 */
export const EDFI_POST_BATCHING: CoalescerOptions = { gatherMs: 2 };

/** A POST handler core for the Ed-Fi routes: coalesced where the resource allows it. */
export function createPoster(
  options: CoalescerOptions = EDFI_POST_BATCHING,
): (request: FastifyRequest, model: ResourceModel) => Promise<PostResult> {
  const coalescer = new WriteCoalescer<FastifyRequest, Settled>(options);
  return async (request, model) => {
    if (!batchable(model)) return postOne(request, model);
    const principal = principalOf(request);
    const key = [principal.tenantId, model.collection, JSON.stringify(principal)].join('\u0000');
    const settled = await coalescer.submit(key, request, (requests) => runBatch(model, requests));
    if (!settled.ok) throw settled.error;
    return settled.value;
  };
}
