/**
 * What an endpoint that starts a background job does once it has checked the request: take an upload's
 * bytes as they are, and queue the job (503 `unavailable` in a process that runs no job runner).
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../auth/roles.js';
import { AppError } from '../http/errors.js';
import type { JobRunner } from './job-types.js';

/** Request bodies of `types` reach the handler as a Buffer (the upload a job reads), up to `bodyLimit` bytes. */
export function acceptUploads(scope: FastifyInstance, types: string | string[], bodyLimit: number): void {
  scope.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}

/** Queues a job of type `name`; `upload` defaults to none (a job whose parameters say everything). */
export async function submitJob(
  jobs: JobRunner | null | undefined,
  name: string,
  job: { principal: Principal; parameters: Record<string, unknown>; upload?: Buffer },
): Promise<{ jobId: string }> {
  if (!jobs) throw new AppError('unavailable', 'Background jobs are not running in this server process.');
  const jobId = await jobs.submit(name, { ...job, upload: job.upload ?? Buffer.alloc(0) });
  return { jobId };
}
