/**
 * Tasks: small background jobs with a JSON payload and no row in operational.background_jobs — what
 * services queue for later (deliver one notification, run a daily sweep). pg-boss keeps them:
 * - retries with exponential backoff (`retry`: pg-boss waits delay·2ⁿ⁻¹ to delay·2ⁿ seconds before
 *   attempt n+1), then the **dead letter**: the job is `failed` and a copy goes to the queue
 *   `<name>.dead`, whose worker calls the definition's `deadLettered` (record the final failure);
 * - idempotency keys: `singletonKey` — one job per key and state (pg-boss's `stately` policy), so
 *   queueing the same key twice while a job waits keeps one; the handler itself must still tolerate
 *   a second run (a job whose process died while running it is retried after `expireInSeconds`);
 * - schedules: `schedule: { cron, timeZone }` queues the task on that cron (pg-boss's timekeeper:
 *   one instance queues it per slot, however many run).
 *
 * A task runs outside any tenant transaction: its payload names its tenant and it opens the units
 * of work it needs. Services queue tasks with `work.enqueue(…)` (platform/service/work.ts), which
 * queues after the commit.
 */
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';

export interface TaskContext {
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** No retry follows when this attempt fails: the job goes to the dead letter. */
  readonly lastAttempt: boolean;
  readonly database: Database;
  readonly log: Logger;
}

export interface TaskRetry {
  /** Retries after the first attempt (0 = none). */
  limit: number;
  /** Seconds before the first retry; doubled for each next one when `backoff`. */
  delaySeconds: number;
  backoff: boolean;
}

export interface TaskDefinition<T = unknown> {
  /** The queue name (letters, digits, `.`, `_`, `-`). */
  readonly name: string;
  run(payload: T, context: TaskContext): Promise<void>;
  /** Default: 5 retries, 10 s, exponential. */
  readonly retry?: TaskRetry;
  /** After the last attempt failed, with that attempt's error message. */
  deadLettered?(payload: T, failure: { error: string; context: TaskContext }): Promise<void>;
  /** Queue the task on a cron (5 fields, minute precision), in a time zone (default UTC). */
  readonly schedule?: { cron: string; timeZone?: string; payload?: T };
  /** Jobs of this task one process runs at once (default 1). */
  readonly concurrency?: number;
  /** A job still active after this long is taken as abandoned and retried (default 15 min). */
  readonly expireInSeconds?: number;
}

export interface EnqueueOptions {
  /** Idempotency key: while a job with this key waits (or one runs), another is not queued. */
  singletonKey?: string;
  /** Not before this instant. */
  startAfter?: Date;
}

export const DEFAULT_RETRY: TaskRetry = { limit: 5, delaySeconds: 10, backoff: true };
export const deadLetterQueue = (name: string) => `${name}.dead`;

/** The queues a task needs (its dead letter first: the queue names it), with its current options. */
export async function createTaskQueues(boss: PgBoss, task: TaskDefinition): Promise<void> {
  const retry = task.retry ?? DEFAULT_RETRY;
  const dead = deadLetterQueue(task.name);
  const deadOptions = { name: dead, retryLimit: 3, retryDelay: 30, retryBackoff: true };
  await boss.createQueue(dead, deadOptions);
  await boss.updateQueue(dead, deadOptions);
  const options: PgBoss.Queue = {
    name: task.name,
    policy: 'stately',
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    expireInSeconds: task.expireInSeconds ?? 15 * 60,
    deadLetter: dead,
  };
  await boss.createQueue(task.name, options);
  await boss.updateQueue(task.name, options);
  if (task.schedule)
    await boss.schedule(task.name, task.schedule.cron, (task.schedule.payload ?? {}) as object, {
      tz: task.schedule.timeZone ?? 'UTC',
    });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Takes one job of `queue` (the task's or its dead letter) and settles it; false when none waits.
 * pg-boss decides what a failure means (retry later or dead letter).
 */
export async function runOneTask(
  boss: PgBoss,
  task: TaskDefinition,
  queue: string,
  database: Database,
  log: Logger,
): Promise<boolean> {
  const [job] = await boss.fetch<unknown>(queue, { includeMetadata: true });
  if (!job) return false;
  const context: TaskContext = {
    id: job.id,
    attempt: job.retryCount + 1,
    lastAttempt: job.retryCount >= job.retryLimit,
    database,
    log: log.child({ task: task.name, jobId: job.id, attempt: job.retryCount + 1 }),
  };
  try {
    if (queue === task.name) await task.run(job.data, context);
    else {
      const output = job.output as { message?: unknown } | null;
      const error = typeof output?.message === 'string' ? output.message : 'failed';
      await task.deadLettered?.(job.data, { error, context });
    }
  } catch (error) {
    context.log.warn({ err: error }, queue === task.name ? 'task attempt failed' : 'dead-letter handler failed');
    await boss.fail(queue, job.id, { message: messageOf(error) });
    return true;
  }
  await boss.complete(queue, job.id);
  return true;
}
