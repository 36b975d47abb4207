/**
 * Jobs a process left behind when it stopped without finishing them (crash, kill, a shutdown that
 * ran out of time). Such a job is recorded as failed, with its definition's message, never retried:
 * its work may have stopped half-way (an interchange load commits batch by batch), an automatic
 * re-run of an upload that brought a process down could bring it down again, and the person who
 * sent it sees the outcome and can send it again. A job still waiting in the queue is not touched:
 * it runs after the restart (its upload is on disk).
 *
 * Who is still running a job: on PGlite nobody, at start-up — the data directory admits one
 * process. On PostgreSQL several instances may share the database, so the process running a job
 * holds a session advisory lock on it (`holdJobLock`); the server releases it when that process's
 * connection goes away, which is what tells a live job from an orphan. Rows younger than the grace
 * period are left for the next sweep: between INSERT and send, and between the queue handing a job
 * out and its lock being taken, another instance would otherwise see an orphan.
 */
import fs from 'node:fs';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { jobIdOfUpload, removeUpload, updateJobRow, uploadNameOf } from './storage.js';

/** Advisory lock class of running jobs ("SCJB"); the second key is hashtext(job id). */
export const JOB_LOCK_CLASS = 0x53434a42;

/** Runs `fn` holding the job's advisory lock on a connection of its own (PostgreSQL only). */
export function holdJobLock<T>(database: Database, jobId: string, fn: () => Promise<T>): Promise<T> {
  if (database.engine === 'pglite') return fn();
  return database.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [JOB_LOCK_CLASS, jobId]);
    try {
      return await fn();
    } finally {
      await session
        .query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, jobId])
        .catch(() => undefined);
    }
  });
}

async function lockedByAnotherSession(database: Database, jobId: string): Promise<boolean> {
  return database.withSession(async (session) => {
    const [row] = await session.query<{ free: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [
      JOB_LOCK_CLASS,
      jobId,
    ]);
    if (row?.free) await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_CLASS, jobId]);
    return !row?.free;
  });
}

export interface RecoveryContext {
  database: Database;
  boss: Pick<PgBoss, 'getJobById' | 'fail'>;
  /** Job type → the error recorded when a restart interrupted it. */
  interruptedMessages: ReadonlyMap<string, string>;
  /** Jobs this process is running now. */
  runningHere: ReadonlySet<string>;
  uploadDir: string;
  log: Logger;
  /** No other process can be running jobs (PGlite). */
  singleProcess: boolean;
  graceMs: number;
}

/** Records every interrupted job of the known types as failed; returns their ids. */
export async function recoverInterruptedJobs(context: RecoveryContext): Promise<string[]> {
  const { database, boss, singleProcess } = context;
  const graceMs = singleProcess ? 0 : context.graceMs;
  // As the owner, across tenants: this is the platform's housekeeping, not any tenant's request.
  const rows = await database.query<{ id: string; tenant_id: string; job_type: string }>(
    `SELECT id, tenant_id, job_type FROM operational.background_jobs
      WHERE job_type = ANY($1::text[]) AND status IN ('pending', 'running')
        AND updated_at <= now() - make_interval(secs => $2::double precision)`,
    [[...context.interruptedMessages.keys()], graceMs / 1000],
  );
  const recovered: string[] = [];
  for (const row of rows) {
    const queued = await boss.getJobById(row.job_type, row.id);
    if (queued?.state === 'created' || queued?.state === 'retry') continue;
    if (!singleProcess) {
      if (queued?.state === 'active' && Date.now() - new Date(queued.startedOn).getTime() < graceMs) continue;
      if (await lockedByAnotherSession(database, row.id)) continue;
    }
    if (context.runningHere.has(row.id)) continue;
    await updateJobRow(
      database,
      row.tenant_id,
      row.id,
      { status: 'failed', completedAt: new Date(), errorMessage: context.interruptedMessages.get(row.job_type)! },
      { onlyUnfinished: true },
    );
    if (queued?.state === 'active')
      await boss.fail(row.job_type, row.id, { message: 'interrupted: the process running it stopped' });
    await removeUpload(context.uploadDir, uploadNameOf(row.id));
    context.log.warn(
      { jobId: row.id, job: row.job_type },
      'job interrupted by a stop of the process running it: recorded as failed',
    );
    recovered.push(row.id);
  }
  return recovered;
}

/** Deletes uploads older than `olderThanMs` whose job is not waiting or running (left by a crash). */
export async function removeStaleUploads(database: Database, uploadDir: string, olderThanMs: number): Promise<void> {
  const files = (await fs.promises.readdir(uploadDir)).filter((name) => jobIdOfUpload(name));
  if (files.length === 0) return;
  const alive = new Set(
    (
      await database.query<{ id: string }>(
        `SELECT id FROM operational.background_jobs WHERE id = ANY($1::uuid[]) AND status IN ('pending', 'running')`,
        [files.map((name) => jobIdOfUpload(name)!)],
      )
    ).map((row) => row.id),
  );
  for (const name of files) {
    if (alive.has(jobIdOfUpload(name)!)) continue;
    const stat = await fs.promises.stat(path.join(uploadDir, name)).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > olderThanMs) await removeUpload(uploadDir, name);
  }
}
