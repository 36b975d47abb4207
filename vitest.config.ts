/**
 * `npm test` runs every test on both engines when it can: the embedded PGlite always, and a
 * PostgreSQL server when one is reachable — SCHOLA_TEST_DATABASE_URL, else 127.0.0.1:5432 as the
 * `postgres` user — so a developer sees both before CI does. SCHOLA_TEST_ENGINES=pglite|postgres|both
 * chooses explicitly. Browser tests exercise the web app, not the engine: they run on PGlite only.
 */
import net from 'node:net';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/';

function reachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function postgresUrl(): Promise<string | undefined> {
  const wanted = process.env.SCHOLA_TEST_ENGINES ?? 'auto';
  if (wanted === 'pglite') return undefined;
  const given = process.env.SCHOLA_TEST_DATABASE_URL;
  if (given) return given;
  if (await reachable('127.0.0.1', 5432)) return `${LOCAL_SERVER}schola_test_${process.pid}`;
  if (wanted === 'postgres' || wanted === 'both') throw new Error('No PostgreSQL server at 127.0.0.1:5432.');
  return undefined;
}

const shared = {
  testTimeout: 60_000,
  hookTimeout: 180_000,
  // expect.poll waits on a server or a browser that is slower under load (2 cores shared): vitest's 1 s default made
  // page tests fail when a lazy page's chunk or its query took longer; a poll still ends as soon as it holds.
  expect: { poll: { timeout: 15_000 } },
  globalSetup: ['./test/support/global-setup.ts'],
  setupFiles: ['./test/support/temp-dirs.ts', './test/support/catalog.ts', './test/support/clock-shift.ts'],
  // Tests print facts (coverage counts, request counts): show them.
  silent: false,
};

export default defineConfig(async () => {
  const url = await postgresUrl();
  const wanted = process.env.SCHOLA_TEST_ENGINES ?? 'auto';
  const projects = [
    ...(wanted === 'postgres'
      ? []
      : [
          { test: { ...shared, name: 'pglite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
          // The web app's components, in a simulated DOM (no database).
          {
            plugins: [react()],
            test: {
              name: 'web',
              include: ['web/src/**/*.test.{ts,tsx}'],
              environment: 'happy-dom',
              setupFiles: ['./web/src/test-setup.ts'],
            },
          },
        ]),
    ...(url
      ? [
          {
            test: {
              ...shared,
              name: 'postgres',
              include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
              exclude: ['test/browser/**', '**/node_modules/**'],
              env: { SCHOLA_TEST_DATABASE_URL: url },
            },
          },
        ]
      : []),
  ];
  return { test: { pool: 'forks', maxWorkers: 2, projects } };
});
