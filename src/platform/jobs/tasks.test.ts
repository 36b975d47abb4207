/**
 * Tasks on the job runner, on the engine under test: retries with exponential backoff, the dead
 * letter after the last attempt, idempotency keys, queueing from a unit of work only once it
 * committed, and cron schedules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/db.js';
import { disposeJobTenant, jobTenant } from '../../../test/support/job-tenant.js';
import { createAccessControl } from '../auth/access.js';
import { createLogger } from '../log/logger.js';
import { runWork, systemPrincipal } from '../service/work.js';
import { createJobRunner, type JobRunner } from './runner.js';
import type { TaskDefinition } from './tasks.js';

let database: TestDatabase;
let tenantId: string;
let uploadDir: string;
const logger = createLogger('silent');

beforeAll(async () => {
  ({ database, tenantId, uploadDir } = await jobTenant('jobs-tasks', 'Jobs tasks'));
});
afterAll(() => disposeJobTenant({ database, uploadDir }));

async function withRunner(tasks: TaskDefinition<never>[], fn: (runner: JobRunner) => Promise<void>): Promise<void> {
  const runner = createJobRunner(database, { logger, uploadDir, pollIntervalMs: 50, cronIntervalSeconds: 1 });
  for (const task of tasks) runner.defineTask(task);
  await runner.start();
  try {
    await fn(runner);
  } finally {
    await runner.stop();
  }
}

async function until(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the condition was not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const statesOf = async (name: string) =>
  (await database.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [name]))
    .map((r) => r.state)
    .join(',');

describe('tasks', () => {
  it('retries a failing task with exponential backoff until it succeeds', async () => {
    const attempts: { attempt: number; at: number; lastAttempt: boolean }[] = [];
    const flaky: TaskDefinition<{ n: number }> = {
      name: 'test.flaky',
      retry: { limit: 3, delaySeconds: 1, backoff: true },
      async run(payload, context) {
        attempts.push({ attempt: context.attempt, at: Date.now(), lastAttempt: context.lastAttempt });
        expect(payload).toEqual({ n: 7 });
        if (context.attempt < 3) throw new Error(`refused ${context.attempt}`);
      },
    };
    await withRunner([flaky as TaskDefinition<never>], async (runner) => {
      await runner.enqueue('test.flaky', { n: 7 });
      await until(async () => (await statesOf('test.flaky')) === 'completed');
    });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts.map((a) => a.lastAttempt)).toEqual([false, false, false]);
    // pg-boss waits 1–2 s before the first retry and 2–4 s before the second.
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1900);
  });

  it('sends a task to its dead letter after the last attempt, with the last error', async () => {
    const dead: { payload: unknown; error: string }[] = [];
    let runs = 0;
    const doomed: TaskDefinition<{ id: string }> = {
      name: 'test.doomed',
      retry: { limit: 1, delaySeconds: 1, backoff: false },
      async run(_payload, context) {
        runs++;
        throw new Error(`attempt ${context.attempt}${context.lastAttempt ? ' (last)' : ''} refused`);
      },
      async deadLettered(payload, failure) {
        dead.push({ payload, error: failure.error });
      },
    };
    await withRunner([doomed as TaskDefinition<never>], async (runner) => {
      await runner.enqueue('test.doomed', { id: 'd-1' });
      await until(() => dead.length === 1);
    });
    expect(runs).toBe(2);
    expect(dead).toEqual([{ payload: { id: 'd-1' }, error: 'attempt 2 (last) refused' }]);
    expect(await statesOf('test.doomed')).toBe('failed');
    expect(await statesOf('test.doomed.dead')).toBe('completed');
  });

  it('keeps one job per idempotency key while it waits', async () => {
    const ran: string[] = [];
    const once: TaskDefinition<{ key: string }> = {
      name: 'test.once',
      async run(payload) {
        ran.push(payload.key);
      },
    };
    await withRunner([once as TaskDefinition<never>], async (runner) => {
      const startAfter = new Date(Date.now() + 1000);
      const first = await runner.enqueue('test.once', { key: 'a' }, { singletonKey: 'delivery-a', startAfter });
      const again = await runner.enqueue('test.once', { key: 'a' }, { singletonKey: 'delivery-a', startAfter });
      const other = await runner.enqueue('test.once', { key: 'b' }, { singletonKey: 'delivery-b', startAfter });
      expect(first).toBeTruthy();
      expect(again).toBeNull();
      expect(other).toBeTruthy();
      await until(() => ran.length === 2);
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(ran.sort()).toEqual(['a', 'b']);
  });

  it('queues from a unit of work only once it committed', async () => {
    const ran: string[] = [];
    const task: TaskDefinition<{ from: string }> = {
      name: 'test.after-commit',
      async run(payload) {
        ran.push(payload.from);
      },
    };
    await withRunner([task as TaskDefinition<never>], async (runner) => {
      const env = { database, access: createAccessControl(), jobs: runner };
      const principal = systemPrincipal(tenantId, 'tasks-test');
      await runWork(env, principal, {}, async (work) => work.enqueue('test.after-commit', { from: 'committed' }));
      const rolledBack = runWork(env, principal, {}, async (work) => {
        work.enqueue('test.after-commit', { from: 'rolled back' });
        throw new Error('rollback');
      });
      await expect(rolledBack).rejects.toThrow('rollback');
      await until(() => ran.length === 1);
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(ran).toEqual(['committed']);
    expect(await statesOf('test.after-commit')).toBe('completed');
  });

  it('queues a scheduled task on its cron', async () => {
    const ran: unknown[] = [];
    const daily: TaskDefinition<{ sweep: string }> = {
      name: 'test.cron',
      // Every minute: pg-boss queues the current slot at start, so the test needs not wait for a minute.
      schedule: { cron: '* * * * *', timeZone: 'America/Sao_Paulo', payload: { sweep: 'all' } },
      async run(payload) {
        ran.push(payload);
      },
    };
    await withRunner([daily as TaskDefinition<never>], async () => {
      await until(() => ran.length >= 1);
    });
    expect(ran[0]).toEqual({ sweep: 'all' });
    const [schedule] = await database.query<{ cron: string; timezone: string }>(
      `SELECT cron, timezone FROM pgboss.schedule WHERE name = 'test.cron'`,
    );
    expect(schedule).toEqual({ cron: '* * * * *', timezone: 'America/Sao_Paulo' });
  });
});
