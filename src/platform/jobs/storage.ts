/**
 * What a job leaves behind: its row in operational.background_jobs (the record users poll) and,
 * while it waits or runs, its upload in the upload directory, named `<job id>.upload`. The upload
 * stays out of the queue's JSON payload because it may be hundreds of megabytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { backgroundJobs } from './tables.js';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';

const UPLOAD_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.upload$/;

/** The job's upload is gone: another host ran it without sharing the upload directory, or it was removed. */
export class UploadMissingError extends Error {
  constructor() {
    super(
      'the uploaded file is no longer available to the server that ran the job ' +
        '(every instance must share SCHOLA_UPLOAD_DIR); send it again',
    );
    this.name = 'UploadMissingError';
  }
}

export const uploadNameOf = (jobId: string): string => `${jobId}.upload`;

/** The id of the job an upload file belongs to, or undefined for a file that is not an upload. */
export function jobIdOfUpload(fileName: string): string | undefined {
  return UPLOAD_NAME.test(fileName) ? fileName.slice(0, 36) : undefined;
}

/** The name comes from the queue's payload (the database): it must be a bare upload name. */
export function uploadPath(dir: string, name: string): string {
  if (!UPLOAD_NAME.test(name)) throw new Error(`not an upload file name: ${JSON.stringify(name)}`);
  return path.join(dir, name);
}

/** Throws UploadMissingError unless the upload is there to be read. */
export async function checkUpload(dir: string, name: string): Promise<void> {
  try {
    await fs.promises.access(uploadPath(dir, name), fs.constants.R_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UploadMissingError();
    throw error;
  }
}

export async function writeUpload(dir: string, jobId: string, bytes: Buffer): Promise<string> {
  const name = uploadNameOf(jobId);
  await fs.promises.writeFile(uploadPath(dir, name), bytes, { flag: 'wx' });
  return name;
}

export async function readUpload(dir: string, name: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(uploadPath(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UploadMissingError();
    throw error;
  }
}

export async function removeUpload(dir: string, name: string): Promise<void> {
  await fs.promises.rm(uploadPath(dir, name), { force: true }).catch(() => undefined);
}

export async function insertJobRow(
  database: Database,
  row: { id: string; tenantId: string; jobType: string; parameters: Record<string, unknown> },
): Promise<void> {
  await tenantTransaction(database, row.tenantId, ({ tx }) =>
    tx.insert(backgroundJobs).values({
      id: row.id,
      tenantId: row.tenantId,
      jobType: row.jobType,
      status: 'pending',
      retryCount: 0,
      scheduledAt: new Date(),
      parameters: JSON.stringify(row.parameters),
    }),
  );
}

/** `onlyUnfinished`: leave the row alone if it already reached completed or failed. */
export async function updateJobRow(
  database: Database,
  tenantId: string,
  jobId: string,
  values: Partial<typeof backgroundJobs.$inferInsert>,
  options: { onlyUnfinished?: boolean } = {},
): Promise<void> {
  const where = options.onlyUnfinished
    ? and(eq(backgroundJobs.id, jobId), inArray(backgroundJobs.status, ['pending', 'running']))
    : eq(backgroundJobs.id, jobId);
  await tenantTransaction(database, tenantId, ({ tx }) =>
    tx
      .update(backgroundJobs)
      .set({ ...values, updatedAt: new Date() })
      .where(where),
  );
}
