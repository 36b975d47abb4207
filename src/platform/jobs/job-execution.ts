/**
 * One upload job's run, recorded: under the job's lock its row goes to running, the definition turns
 * the upload into an outcome (an error becomes a failed outcome with the definition's message) and the
 * row records it. The runner (runner.ts) keeps the queue and the upload in step around this.
 */
import type { Logger } from 'pino';
import type { Principal } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import type { JobContext, JobDefinition, JobOutcome, LiveJob } from './job-types.js';
import { holdJobLock } from './recovery.js';
import { UploadMissingError, checkUpload, readUpload, updateJobRow, uploadPath } from './storage.js';

/** What the queue carries for an upload job. */
export interface Payload {
  tenantId: string;
  principal: Principal;
  parameters: Record<string, unknown>;
  upload: string;
}

/** A job's progress in this process's memory while it is queued here or runs. */
export interface LiveEntry extends LiveJob {
  tenantId: string;
}

export interface JobSurroundings {
  database: Database;
  uploadDir: string;
  log: Logger;
}

const UNEXPECTED = 'the job failed unexpectedly (see the server log)';

export async function settleJob(
  { database, uploadDir, log }: JobSurroundings,
  definition: JobDefinition,
  id: string,
  payload: Payload,
  entry: LiveEntry,
): Promise<JobOutcome | undefined> {
  const jobLog = log.child({ jobId: id, job: definition.name });
  try {
    return await holdJobLock(database, id, async () => {
      await updateJobRow(database, payload.tenantId, id, { status: 'running', startedAt: new Date() });
      entry.status = 'running';
      const context: JobContext = {
        id,
        tenantId: payload.tenantId,
        principal: payload.principal,
        parameters: payload.parameters,
        database,
        log: jobLog,
        uploadPath: uploadPath(uploadDir, payload.upload),
        readUpload: () => readUpload(uploadDir, payload.upload),
        setProgress: (progress) => void (entry.progress = progress),
        get progress() {
          return entry.progress;
        },
      };
      let outcome: JobOutcome;
      try {
        await checkUpload(uploadDir, payload.upload);
        outcome = await definition.run(context);
      } catch (error) {
        jobLog.error({ err: error }, 'job failed');
        const message =
          error instanceof UploadMissingError ? error.message : (definition.describeError?.(error) ?? UNEXPECTED);
        outcome = { status: 'failed', error: message, result: { progress: entry.progress ?? null } };
      }
      await updateJobRow(database, payload.tenantId, id, {
        status: outcome.status,
        completedAt: new Date(),
        result: JSON.stringify(outcome.result),
        errorMessage: outcome.status === 'failed' ? (outcome.error ?? UNEXPECTED) : null,
      });
      return outcome;
    });
  } catch (error) {
    jobLog.error({ err: error }, 'could not record the job');
    // One more try; if the database is gone, the next start records the job as interrupted.
    await updateJobRow(
      database,
      payload.tenantId,
      id,
      { status: 'failed', completedAt: new Date(), errorMessage: UNEXPECTED },
      { onlyUnfinished: true },
    ).catch(() => undefined);
    return undefined;
  }
}
