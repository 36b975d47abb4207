/**
 * What an admin's poll of a background job answers (GET /admin/…/:jobId): a job running in this
 * process is answered from memory (on PGlite its transaction holds the only connection); otherwise
 * from its operational.background_jobs row, with the named parts of its stored result (`progress`
 * and a report, for instance). A job of another type or another tenant is not found.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { backgroundJobs } from './tables.js';
import { principalOf, withTenant } from '../auth/request.js';
import { AppError } from '../http/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function jobStatus(
  request: FastifyRequest,
  jobType: string,
  jobId: string,
  resultKeys: readonly string[],
  notFound: string,
): Promise<Record<string, unknown>> {
  const principal = principalOf(request);
  const running = request.server.jobs?.live(jobId, principal.tenantId);
  if (running)
    return {
      jobId,
      status: running.status,
      progress: running.progress,
      ...Object.fromEntries(resultKeys.map((k) => [k, null])),
    };
  if (!UUID.test(jobId)) throw new AppError('not_found', notFound);
  const [row] = await withTenant(request, ({ tx }) =>
    tx
      .select()
      .from(backgroundJobs)
      .where(and(eq(backgroundJobs.id, jobId), eq(backgroundJobs.jobType, jobType))),
  );
  if (!row) throw new AppError('not_found', notFound);
  const result = row.result ? (JSON.parse(row.result) as Record<string, unknown>) : {};
  return {
    jobId,
    status: row.status,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    error: row.errorMessage,
    progress: result.progress ?? null,
    ...Object.fromEntries(resultKeys.map((k) => [k, result[k] ?? null])),
  };
}
