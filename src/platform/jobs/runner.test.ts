/**
 * The job runner over pg-boss, on the engine under test: a submitted job runs (upload, parameters,
 * principal), its row and its queue job record the outcome and the upload goes; failures are
 * recorded with the definition's message; a running job is answered from memory for its tenant;
 * stop() waits for a running job and then refuses new ones; a job its process left running is
 * recorded as failed at the next start while a queued one runs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/db.js';
import { disposeJobTenant, jobTenant } from '../../../test/support/job-tenant.js';
import type { Principal } from '../auth/roles.js';
import { AppError } from '../http/errors.js';
import { createLogger } from '../log/logger.js';
import { JOB_LOCK_CLASS } from './recovery.js';
import { createJobRunner, type JobDefinition, type JobRunner } from './runner.js';

let database: TestDatabase;
let tenantId: string;
let uploadDir: string;
const logger = createLogger('silent');

beforeAll(async () => {
  ({ database, tenantId, uploadDir } = await jobTenant('jobs-runner', 'Jobs runner'));
});
afterAll(() => disposeJobTenant({ database, uploadDir }));

const admin = (): Principal => ({ kind: 'user', tenantId, actorId: 'admin-7', roles: ['district_admin'], scopes: [] });

function runnerWith(...definitions: JobDefinition<unknown>[]): JobRunner {
  const runner = createJobRunner(database, { logger, uploadDir, stopTimeoutMs: 5000, orphanGraceMs: 0 });
  for (const definition of definitions) runner.define(definition);
  return runner;
}

function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

interface Row {
  status: string;
  error_message: string | null;
  result: string | null;
  started_at: unknown;
  completed_at: unknown;
}
const rowOf = async (id: string) =>
  (
    await database.query<Row>(
      `SELECT status, error_message, result, started_at, completed_at FROM operational.background_jobs WHERE id = $1`,
      [id],
    )
  )[0]!;
const queueStateOf = async (id: string) =>
  (await database.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE id = $1`, [id]))[0]?.state;

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the condition was not reached');
}
const finished = (row: Row) => row.status === 'completed' || row.status === 'failed';
/** The row has its outcome and the runner is done with the job (upload removed, queue job settled). */
async function settled(runner: JobRunner, id: string): Promise<Row> {
  await until(() => rowOf(id), finished);
  await until(
    () => runner.live(id, tenantId),
    (live) => live === undefined,
  );
  return rowOf(id);
}

describe('job runner', () => {
  it('runs a submitted job with its upload, parameters and principal; the row, the queue job and the upload directory record the outcome', async () => {
    const echo: JobDefinition = {
      name: 'test.echo',
      interruptedMessage: 'interrupted',
      async run(job) {
        job.setProgress({ step: 1 });
        return {
          status: 'completed',
          result: {
            text: (await job.readUpload()).toString(),
            fromPath: fs.readFileSync(job.uploadPath, 'utf8'),
            parameters: job.parameters,
            actor: job.principal.actorId,
            progress: job.progress,
          },
        };
      },
    };
    const runner = runnerWith(echo);
    await runner.start();
    try {
      const id = await runner.submit('test.echo', {
        principal: admin(),
        parameters: { mode: 'x' },
        upload: Buffer.from('hello'),
      });
      const row = await settled(runner, id);
      expect(row).toMatchObject({ status: 'completed', error_message: null });
      expect(row.started_at).toBeTruthy();
      expect(row.completed_at).toBeTruthy();
      expect(JSON.parse(row.result!)).toEqual({
        text: 'hello',
        fromPath: 'hello',
        parameters: { mode: 'x' },
        actor: 'admin-7',
        progress: { step: 1 },
      });
      expect(await queueStateOf(id)).toBe('completed');
      expect(fs.readdirSync(uploadDir)).toEqual([]);
      expect(runner.live(id, tenantId)).toBeUndefined();
    } finally {
      await runner.stop();
    }
  });

  it('records failures: a thrown error with the definition’s message or the generic one, a failed outcome with its own', async () => {
    const failing: JobDefinition = {
      name: 'test.fail',
      interruptedMessage: 'interrupted',
      describeError: (error) =>
        error instanceof Error && error.message.startsWith('zip:') ? error.message : undefined,
      async run(job) {
        job.setProgress({ reached: job.parameters.mode });
        if (job.parameters.mode === 'described') throw new Error('zip: Broken.xml is corrupt');
        if (job.parameters.mode === 'unexpected') throw new Error('student 604821 has no birth date');
        return { status: 'failed', error: '2 error(s) in the package', result: { report: { errors: 2 } } };
      },
    };
    const runner = runnerWith(failing);
    await runner.start();
    try {
      const ids = [];
      for (const mode of ['described', 'unexpected', 'outcome'])
        ids.push(
          await runner.submit('test.fail', { principal: admin(), parameters: { mode }, upload: Buffer.from(mode) }),
        );
      const rows = await Promise.all(ids.map((id) => settled(runner, id)));
      expect(rows.map((r) => [r.status, r.error_message])).toEqual([
        ['failed', 'zip: Broken.xml is corrupt'],
        ['failed', 'the job failed unexpectedly (see the server log)'],
        ['failed', '2 error(s) in the package'],
      ]);
      expect(JSON.parse(rows[0]!.result!)).toEqual({ progress: { reached: 'described' } });
      expect(JSON.parse(rows[2]!.result!)).toEqual({ report: { errors: 2 } });
      for (const id of ids) expect(await queueStateOf(id)).toBe('failed');
      expect(fs.readdirSync(uploadDir)).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('answers a running job from memory (its tenant only); stop() waits for it, then new jobs are refused with 503', async () => {
    const release = gate();
    const started = gate();
    const slow: JobDefinition = {
      name: 'test.slow',
      interruptedMessage: 'interrupted',
      async run(job) {
        job.setProgress({ rows: 10 });
        started.open();
        await release.promise;
        return { status: 'completed', result: { progress: job.progress } };
      },
    };
    const runner = runnerWith(slow);
    await runner.start();
    const id = await runner.submit('test.slow', { principal: admin(), parameters: {}, upload: Buffer.from('x') });
    await started.promise;
    expect(runner.live(id, tenantId)).toEqual({ status: 'running', progress: { rows: 10 } });
    expect(runner.live(id, randomUUID())).toBeUndefined();

    const stopping = runner.stop();
    const first = await Promise.race([
      stopping.then(() => 'stopped'),
      new Promise((r) => setTimeout(() => r('still waiting'), 200)),
    ]);
    expect(first).toBe('still waiting');
    release.open();
    await stopping;
    expect(await rowOf(id)).toMatchObject({ status: 'completed' });
    expect(await queueStateOf(id)).toBe('completed');
    const refused = await runner
      .submit('test.slow', { principal: admin(), parameters: {}, upload: Buffer.from('x') })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
  });

  it('a job its process left running is recorded as failed at the next start; a job still queued runs', async () => {
    const never = gate();
    const stuck = createJobRunner(database, { logger, uploadDir, stopTimeoutMs: 100 });
    stuck.define({
      name: 'test.crash',
      interruptedMessage: 'the server stopped while it ran',
      run: () => never.promise.then(() => ({ status: 'completed' as const, result: {} })),
    });
    await stuck.start();
    let abandoned: string | undefined;
    try {
      const interrupted = await stuck.submit('test.crash', {
        principal: admin(),
        parameters: { n: 1 },
        upload: Buffer.from('one'),
      });
      abandoned = interrupted;
      await until(
        () => rowOf(interrupted),
        (row) => row.status === 'running',
      );
      // The one worker of this type is busy: the second job waits in the queue.
      const queued = await stuck.submit('test.crash', {
        principal: admin(),
        parameters: { n: 2 },
        upload: Buffer.from('two'),
      });
      await stuck.stop(); // gives up waiting: the first job is still running when its process "goes"
      expect(await rowOf(interrupted)).toMatchObject({ status: 'running' });

      const ran: unknown[] = [];
      const completing: JobDefinition = {
        name: 'test.crash',
        interruptedMessage: 'the server stopped while it ran',
        async run(job) {
          ran.push(job.parameters.n);
          return { status: 'completed', result: { text: (await job.readUpload()).toString() } };
        },
      };
      if (database.engine === 'postgres') {
        // Another instance starting meanwhile leaves the first job alone (its process holds the job's
        // lock) and takes the queued one.
        const bystander = runnerWith(completing);
        await bystander.start();
        try {
          expect(await rowOf(interrupted)).toMatchObject({ status: 'running' });
          await settled(bystander, queued);
        } finally {
          await bystander.stop();
        }
        // The process is gone when its connections are: the job's advisory lock goes with them.
        await database.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND objsubid = 2 AND classid = $1::int::oid`,
          [JOB_LOCK_CLASS],
        );
      }

      const next = runnerWith(completing);
      await next.start();
      try {
        expect(await rowOf(interrupted)).toMatchObject({
          status: 'failed',
          error_message: 'the server stopped while it ran',
        });
        expect(await queueStateOf(interrupted)).toBe('failed');
        expect(fs.existsSync(path.join(uploadDir, `${interrupted}.upload`))).toBe(false);
        const row = database.engine === 'postgres' ? await rowOf(queued) : await settled(next, queued);
        expect(row).toMatchObject({ status: 'completed' });
        expect(JSON.parse(row.result!)).toEqual({ text: 'two' });
        expect(ran).toEqual([2]);
      } finally {
        await next.stop();
      }
    } finally {
      // Let the abandoned job end, so its connection returns before the database is dropped.
      never.fail(new Error('abandoned'));
      if (abandoned)
        await until(
          () => stuck.live(abandoned!, tenantId),
          (live) => live === undefined,
        );
    }
  });
});
