/**
 * Background jobs over pg-boss, on the application's own database (see pg-boss-db.ts; pg-boss keeps
 * its tables in its own schema, `pgboss`, created on first start, and always works as the
 * connection's owner — never inside a tenant transaction, so the `schola_app` role and row-level
 * security do not apply to it).
 *
 * A job is two records with one id: its row in operational.background_jobs — what users poll
 * (status pending → running → completed | failed, parameters, result, error) — and its pg-boss job,
 * whose payload carries the tenant, the requesting principal (audit), the row's parameters and the
 * name of its upload file in the upload directory (storage.ts). The job's definition turns the
 * upload into an outcome; the runner keeps the row, the upload and the queue in step around it.
 *
 * While a job runs, its progress lives in this process's memory (`live`): on PGlite the job's
 * transaction holds the only connection, so a poll must not need the database. On PGlite this
 * process runs every job (one process per data directory), so a queued job is answered from memory
 * too; on PostgreSQL another instance may take it, and polls read the row until this one does.
 *
 * Each job type has one worker loop per process (fetch → run → complete/fail), woken at once by a
 * job this process enqueues, otherwise polling. Rather than pg-boss's work(): that completes jobs
 * without awaiting the statement (a database error then is an unhandled rejection) and its stop
 * fails running jobs with a statement that, on PGlite, waits behind the very job it fails. Here
 * stop() stops the loops, waits up to `stopTimeoutMs` for running jobs, then stops pg-boss. A job
 * still running when the process goes is recorded as failed at the next start (recovery.ts).
 *
 * Besides these upload jobs the runner runs **tasks** (tasks.ts): JSON payloads queued by services,
 * with retries, backoff, a dead letter, idempotency keys and cron schedules, one loop per task (and
 * one for its dead letter) beside the job loops.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { pgBossDb, type PgBossDb } from './pg-boss-db.js';
import { recoverInterruptedJobs, removeStaleUploads } from './recovery.js';
import type { JobDefinition, JobRunner, JobRunnerOptions } from './job-types.js';
import { createTaskQueues, deadLetterQueue, runOneTask, type TaskDefinition } from './tasks.js';
import { insertJobRow, removeUpload, updateJobRow, writeUpload } from './storage.js';
import { Waker, within } from './timing.js';
import { settleJob, type LiveEntry, type Payload } from './job-execution.js';

export type { JobContext, JobDefinition, JobOutcome, JobRunner, JobRunnerOptions, LiveJob } from './job-types.js';

// pg-boss refuses 24 h or more. Whether a job is alive is recovery.ts's call, not this timer's.
const EXPIRE_SECONDS = 23 * 60 * 60;
const QUEUE_OPTIONS = { retryLimit: 0, expireInSeconds: EXPIRE_SECONDS };
const STALE_UPLOAD_MS = 60 * 60 * 1000;

export function createJobRunner(database: Database, options: JobRunnerOptions): JobRunner {
  const log = options.logger.child({ component: 'jobs' });
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5000;
  const singleProcess = database.engine === 'pglite';
  const definitions = new Map<string, JobDefinition>();
  const tasks = new Map<string, TaskDefinition>();
  const live = new Map<string, LiveEntry>();
  const running = new Set<string>();
  const wakers = new Map<string, Waker>();
  const loops: Promise<void>[] = [];
  let state: 'idle' | 'starting' | 'started' | 'stopping' | 'stopped' = 'idle';
  let boss: PgBoss | undefined;
  let bossDb: PgBossDb | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;
  let starting: Promise<void> | undefined;

  const recover = () =>
    recoverInterruptedJobs({
      database,
      boss: boss!,
      interruptedMessages: new Map([...definitions.values()].map((d) => [d.name, d.interruptedMessage])),
      runningHere: running,
      uploadDir: options.uploadDir,
      log,
      singleProcess,
      graceMs: options.orphanGraceMs ?? 2 * 60 * 1000,
    });

  async function execute(definition: JobDefinition, id: string, payload: Payload): Promise<void> {
    const entry = live.get(id) ?? { tenantId: payload.tenantId, status: 'pending', progress: undefined };
    live.set(id, entry);
    running.add(id);
    try {
      const outcome = await settleJob({ database, uploadDir: options.uploadDir, log }, definition, id, payload, entry);
      await removeUpload(options.uploadDir, payload.upload);
      try {
        if (outcome?.status === 'completed') await boss!.complete(definition.name, id);
        else await boss!.fail(definition.name, id, { message: outcome?.error ?? 'not recorded' });
      } catch (error) {
        log.error({ err: error, jobId: id }, 'could not settle the queued job');
      }
    } finally {
      // Last: until now polls are answered from memory, so whoever sees the row's outcome sees it all done.
      live.delete(id);
      running.delete(id);
    }
  }

  async function work(definition: JobDefinition, waker: Waker): Promise<void> {
    while (state === 'started') {
      try {
        // fetch() answers [] when its statement fails: the loop then waits and asks again.
        const [job] = await boss!.fetch<Payload>(definition.name);
        if (job) await execute(definition, job.id, job.data);
        else await waker.sleep(pollIntervalMs);
      } catch (error) {
        log.error({ err: error, job: definition.name }, 'job worker error');
        await waker.sleep(pollIntervalMs);
      }
    }
  }

  async function taskWork(task: TaskDefinition, queue: string, waker: Waker): Promise<void> {
    while (state === 'started') {
      try {
        if (!(await runOneTask(boss!, task, queue, database, log))) await waker.sleep(pollIntervalMs);
      } catch (error) {
        log.error({ err: error, task: queue }, 'task worker error');
        await waker.sleep(pollIntervalMs);
      }
    }
  }

  async function begin(): Promise<void> {
    state = 'starting';
    if (definitions.size === 0 && tasks.size === 0) {
      state = 'started';
      return;
    }
    try {
      await fs.promises.mkdir(options.uploadDir, { recursive: true });
      bossDb = pgBossDb(database);
      // The timekeeper (cron) only when a task has a schedule; the queue's maintenance (supervise) always.
      const cron = [...tasks.values()].some((task) => task.schedule);
      const cronSeconds = options.cronIntervalSeconds ?? 30;
      boss = new PgBoss({
        db: bossDb as PgBoss.Db,
        schedule: cron,
        supervise: true,
        migrate: true,
        ...(cron ? { cronMonitorIntervalSeconds: cronSeconds, cronWorkerIntervalSeconds: cronSeconds } : {}),
      });
      boss.on('error', (error) => log.error({ err: error }, 'pg-boss reported an error'));
      await boss.start();
      for (const name of definitions.keys()) await boss.createQueue(name, { name, ...QUEUE_OPTIONS });
      for (const task of tasks.values()) await createTaskQueues(boss, task);
      await recover();
      await removeStaleUploads(database, options.uploadDir, STALE_UPLOAD_MS);
    } catch (error) {
      await boss?.stop({ graceful: false, close: false }).catch(() => undefined);
      await bossDb?.close(0);
      state = 'idle';
      throw error;
    }
    state = 'started';
    for (const definition of definitions.values()) {
      const waker = new Waker();
      wakers.set(definition.name, waker);
      loops.push(work(definition, waker));
    }
    for (const task of tasks.values()) {
      const waker = new Waker();
      wakers.set(task.name, waker);
      for (let i = 0; i < (task.concurrency ?? 1); i++) loops.push(taskWork(task, task.name, waker));
      loops.push(taskWork(task, deadLetterQueue(task.name), new Waker()));
    }
    if (!singleProcess) {
      sweepTimer = setInterval(
        () => {
          sweeping ??= recover()
            .catch((error: unknown) => log.error({ err: error }, 'looking for interrupted jobs failed'))
            .finally(() => (sweeping = undefined));
        },
        options.sweepIntervalMs ?? 5 * 60 * 1000,
      );
      sweepTimer.unref();
    }
  }

  return {
    define(definition) {
      if (state !== 'idle') throw new Error(`job ${definition.name}: define job types before start()`);
      if (definitions.has(definition.name) || tasks.has(definition.name))
        throw new Error(`job ${definition.name} is defined twice`);
      definitions.set(definition.name, definition as JobDefinition);
    },

    defineTask(task) {
      if (state !== 'idle') throw new Error(`task ${task.name}: define tasks before start()`);
      if (definitions.has(task.name) || tasks.has(task.name)) throw new Error(`task ${task.name} is defined twice`);
      tasks.set(task.name, task as TaskDefinition);
    },

    hasTask(name) {
      return tasks.has(name);
    },

    async enqueue(name, payload, enqueueOptions = {}) {
      if (state !== 'started' || !boss)
        throw new AppError('unavailable', 'Background jobs are not running in this server process.');
      if (!tasks.has(name)) throw new Error(`no task ${name}`);
      const id = await boss.send(name, payload as object, {
        ...(enqueueOptions.singletonKey ? { singletonKey: enqueueOptions.singletonKey } : {}),
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
      });
      wakers.get(name)?.wake();
      return id;
    },

    async enqueueMany(name, jobs) {
      if (state !== 'started' || !boss)
        throw new AppError('unavailable', 'Background jobs are not running in this server process.');
      if (!tasks.has(name)) throw new Error(`no task ${name}`);
      // Retry, expiry and dead letter come from the queue (pg-boss's insert reads them there).
      const rows = jobs.map(({ payload, options: o = {} }) => ({
        name,
        data: payload as object,
        ...(o.singletonKey ? { singletonKey: o.singletonKey } : {}),
        ...(o.startAfter ? { startAfter: o.startAfter.toISOString() } : {}),
      }));
      for (let i = 0; i < rows.length; i += 1000) await boss.insert(rows.slice(i, i + 1000));
      wakers.get(name)?.wake();
    },

    start() {
      if (state === 'idle') starting = begin();
      return starting ?? Promise.resolve();
    },

    async submit(name, job) {
      if (state !== 'started' || !boss)
        throw new AppError('unavailable', 'Background jobs are not running in this server process.');
      if (!definitions.has(name)) throw new Error(`no job type ${name}`);
      const id = randomUUID();
      const tenantId = job.principal.tenantId;
      const upload = await writeUpload(options.uploadDir, id, job.upload);
      try {
        await insertJobRow(database, { id, tenantId, jobType: name, parameters: job.parameters });
      } catch (error) {
        await removeUpload(options.uploadDir, upload);
        throw error;
      }
      if (singleProcess) live.set(id, { tenantId, status: 'pending', progress: undefined });
      const payload: Payload = { tenantId, principal: job.principal, parameters: job.parameters, upload };
      try {
        await boss.send(name, payload, { id, ...QUEUE_OPTIONS });
      } catch (error) {
        live.delete(id);
        await removeUpload(options.uploadDir, upload);
        await updateJobRow(database, tenantId, id, {
          status: 'failed',
          completedAt: new Date(),
          errorMessage: 'the job could not be queued (see the server log)',
        }).catch(() => undefined);
        throw error;
      }
      wakers.get(name)?.wake();
      return id;
    },

    live(jobId, tenantId) {
      const entry = live.get(jobId);
      return entry && entry.tenantId === tenantId
        ? { status: entry.status, progress: entry.progress ?? null }
        : undefined;
    },

    async stop() {
      await starting?.catch(() => undefined);
      if (state !== 'started') {
        if (state === 'idle') state = 'stopped';
        return;
      }
      state = 'stopping';
      clearInterval(sweepTimer);
      for (const waker of wakers.values()) waker.wake();
      const finished = await within(Promise.all([...loops, sweeping]), stopTimeoutMs);
      if (!finished)
        log.warn({ jobs: [...running] }, 'jobs still running at shutdown: the next start records them as interrupted');
      await boss?.stop({ graceful: false, close: false });
      // Maintenance may be under way; on PGlite it could wait behind a job that did not finish.
      await bossDb?.close(finished ? stopTimeoutMs : 0);
      state = 'stopped';
    },
  };
}
