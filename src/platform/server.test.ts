import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config/config.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './log/logger.js';
import { startServer } from './server.js';
import { engine, migratedDatabase } from '../../test/support/db.js';

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then stops accepting connections and closes the database', async () => {
    const database = await migratedDatabase();
    let closed = false;
    // Events, not timers: the request is known to be in the handler, and the handler finishes only
    // once the shutdown has begun.
    let arrived!: () => void;
    const requestArrived = new Promise<void>((r) => (arrived = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const server = await startServer({
      config: parseConfig({ PORT: '0' }),
      logger: createLogger('silent'),
      database,
      onClosed: () => (closed = true),
      plugins: [
        (app) => {
          app.get('/test/slow', async () => {
            arrived();
            await released;
            return { finished: true };
          });
        },
      ],
    });
    const inFlight = fetch(`${server.url}/test/slow`);
    await requestArrived;
    const shutdown = server.shutdown('SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false); // waiting for the in-flight request
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await shutdown;
    expect(closed).toBe(true);
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();
    await expect(database.query('SELECT 1')).rejects.toThrow();
    if (database.url) await database.dispose().catch(() => undefined);
  });
});

describe('graceful shutdown with background jobs', () => {
  it('lets a running job finish and record its outcome before the database closes', async () => {
    const database = await migratedDatabase();
    const tenantId = randomUUID();
    await database.query(
      `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, 'shutdown-jobs', 'Shutdown jobs', 'district')`,
      [tenantId],
    );
    let rowAtClose: unknown;
    const close = database.close;
    database.close = async () => {
      rowAtClose = (
        await database.query(`SELECT status FROM operational.background_jobs WHERE tenant_id = $1`, [tenantId])
      )[0];
      return close();
    };
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-shutdown-jobs-'));
    const server = await startServer({
      config: parseConfig({ PORT: '0', SCHOLA_UPLOAD_DIR: uploadDir }),
      logger: createLogger('silent'),
      database,
      plugins: [
        (app) => {
          app.jobs!.define({
            name: 'test.shutdown',
            interruptedMessage: 'interrupted',
            async run() {
              started();
              await new Promise((r) => setTimeout(r, 300));
              return { status: 'completed', result: {} };
            },
          });
          app.post('/test/job', async () => ({
            jobId: await app.jobs!.submit('test.shutdown', {
              principal: { kind: 'user', tenantId, actorId: 'a', roles: ['district_admin'], scopes: [] },
              parameters: {},
              upload: Buffer.from('x'),
            }),
          }));
        },
      ],
    });
    expect((await fetch(`${server.url}/test/job`, { method: 'POST' })).status).toBe(200);
    await running;
    await server.shutdown('SIGTERM');
    expect(rowAtClose).toEqual({ status: 'completed' });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
    fs.rmSync(uploadDir, { recursive: true, force: true });
    if (database.url) await database.dispose().catch(() => undefined);
  });
});

// kill -9 only means something for the embedded engine's data directory (a server is its own process).
describe.runIf(engine() === 'pglite')('PGlite data directory durability', () => {
  it('keeps a committed write after kill -9 of the process, and the next start takes over the stale lock', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-durable-'));
    const script = `
      import { openDatabase } from ${JSON.stringify(path.resolve('src/platform/db/database.ts'))};
      const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
      await db.exec('CREATE TABLE durable (id integer PRIMARY KEY, note text)');
      await db.query("INSERT INTO durable VALUES (1, 'committed before the crash')");
      console.log('committed');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('committed') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(path.join(dataDir, 'schola.lock'))).toBe(true); // left behind by the killed process

    const reopened = await openDatabase({ dataDir });
    try {
      const rows = await reopened.query<{ note: string }>('SELECT note FROM durable WHERE id = 1');
      expect(rows).toEqual([{ note: 'committed before the crash' }]);
    } finally {
      await reopened.close();
    }
  });
});
