/**
 * What the job runner (runner.ts) offers and asks: a job definition and the context its run gets, the
 * outcome it returns, the runner's interface and its options.
 */
import type { Logger } from 'pino';
import type { Principal } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import type { EnqueueOptions, TaskDefinition } from './tasks.js';

export interface JobContext<P = unknown> {
  readonly id: string;
  readonly tenantId: string;
  /** Who asked for the job: the work is audited as theirs. */
  readonly principal: Principal;
  /** What the row's `parameters` hold. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly database: Database;
  readonly log: Logger;
  /** The upload's file (present: checked before run); read it from there rather than into memory when you can. */
  readonly uploadPath: string;
  readUpload(): Promise<Buffer>;
  /** Served to polls from memory while the job runs. */
  setProgress(progress: P): void;
  readonly progress: P | undefined;
}

export interface JobOutcome {
  status: 'completed' | 'failed';
  /** Stored as JSON in the row's `result`. */
  result: Record<string, unknown>;
  /** The row's `error_message` when failed: users read it, so never personal data. */
  error?: string | null;
}

export interface JobDefinition<P = unknown> {
  /** The queue name and the row's job_type. */
  readonly name: string;
  run(job: JobContext<P>): Promise<JobOutcome>;
  /** The message recorded when `run` throws (default: see the server log). */
  describeError?(error: unknown): string | undefined;
  /** The message recorded for a job a stop of its process interrupted. */
  readonly interruptedMessage: string;
}

export interface LiveJob {
  status: 'pending' | 'running';
  progress: unknown;
}

export interface JobRunner {
  /** Before start(). */
  define<P>(definition: JobDefinition<P>): void;
  /** Before start(): a task (tasks.ts) — a JSON payload, retries, dead letter, optional cron. */
  defineTask<T>(definition: TaskDefinition<T>): void;
  hasTask(name: string): boolean;
  /** Queues a task; the job id, or null when a job with the same singletonKey already waits. 503 before start. */
  enqueue<T>(name: string, payload: T, options?: EnqueueOptions): Promise<string | null>;
  /** Queues many jobs of one task in one statement (keys already waiting are skipped). */
  enqueueMany<T>(name: string, jobs: readonly { payload: T; options?: EnqueueOptions }[]): Promise<void>;
  /** Starts pg-boss and the workers (nothing at all when no job type is defined). */
  start(): Promise<void>;
  /** Stores the upload, writes the pending row and enqueues the job; returns its id. 503 before start. */
  submit(
    name: string,
    job: { principal: Principal; parameters: Record<string, unknown>; upload: Buffer },
  ): Promise<string>;
  /** The job as this process knows it from memory (queued here on PGlite, or running here), for its tenant only. */
  live(jobId: string, tenantId: string): LiveJob | undefined;
  /** Stops taking jobs, waits up to stopTimeoutMs for running ones, stops pg-boss. Idempotent. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  logger: Logger;
  /** Where uploads wait for their job (created if missing); instances sharing a database must share it. */
  uploadDir: string;
  /** How often an idle worker asks the queue for jobs other processes enqueued. */
  pollIntervalMs?: number;
  stopTimeoutMs?: number;
  /** PostgreSQL: how old an unfinished job must be before another instance may judge it interrupted. */
  orphanGraceMs?: number;
  /** PostgreSQL: how often interrupted jobs of other (gone) instances are looked for. */
  sweepIntervalMs?: number;
  /** How often pg-boss's timekeeper looks at the cron schedules (default 30 s). */
  cronIntervalSeconds?: number;
}
