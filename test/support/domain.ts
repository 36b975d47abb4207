/**
 * The harness for domain-service tests: a private migrated database with a small demo district and
 * language school (default access policies included), the server as it runs (every plugin of the
 * composition root), and ways to act as any principal — through HTTP (`inject`) or by calling a
 * service directly in a unit of work (`work`). Principals are given, not signed in: sign-in has its
 * own tests, and a domain test is about the domain's rules.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { applicationAccessControl, applicationPlugins, type ApplicationOptions } from '../../src/app.js';
import { createJobRunner } from '../../src/platform/jobs/runner.js';
import { DEFAULT_DEMO_SIZE, seedDemo, type DemoSize, type DemoSummary } from '../../src/demo/seed.js';
import type { Principal, Role } from '../../src/platform/auth/roles.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { runWork, type Work, type WorkEnvironment } from '../../src/platform/service/work.js';
import { migratedDatabase, type TestDatabase } from './db.js';

export interface DomainHarness {
  database: TestDatabase;
  demo: DemoSummary;
  app: FastifyInstance;
  env: WorkEnvironment;
  /** A principal of the demo district (or `tenantId`), with the given roles and facts. */
  principal(roles: Role[], extra?: Partial<Principal>): Principal;
  /** Runs `fn` as `principal` in one unit of work, as a route would. */
  work<T>(principal: Principal, fn: (work: Work) => Promise<T>): Promise<T>;
  /** An HTTP request to the full server as `principal` (undefined = nobody signed in). */
  inject(principal: Principal | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  dispose(): Promise<void>;
}

const AS_HEADER = 'x-test-principal';

export interface HarnessOptions {
  /** What the composition root is given (e.g. the notification e-mail transport). */
  application?: ApplicationOptions;
  /** Run the background-job runner (tasks included), started before the harness is returned. */
  jobs?: boolean;
}

export async function domainHarness(
  size: Partial<DemoSize> = {},
  options: HarnessOptions = {},
): Promise<DomainHarness> {
  const database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 40,
    schools: 2,
    sectionsPerSchool: 4,
    languageSchoolStudents: 8,
    finalGrades: false,
    ...size,
  });
  const principals = new Map<string, Principal>();
  const logger = createLogger('silent');
  const uploadDir = options.jobs ? fs.mkdtempSync(path.join(os.tmpdir(), 'schola-harness-')) : undefined;
  const jobs = uploadDir ? createJobRunner(database, { logger, uploadDir, pollIntervalMs: 50 }) : undefined;
  const app = await buildApp({
    database,
    logger,
    jobs,
    plugins: [
      (instance) => {
        // Test-only: the principal is named by a header this harness sets (see `inject`).
        instance.addHook('onRequest', async (request) => {
          const key = request.headers[AS_HEADER];
          if (typeof key === 'string') request.principal = principals.get(key);
        });
      },
      ...applicationPlugins(options.application),
    ],
  });
  if (jobs) await app.ready();
  const env: WorkEnvironment = {
    database,
    access: applicationAccessControl(),
    realtime: app.realtime,
    jobs,
    events: app.events,
  };
  return {
    database,
    demo,
    app,
    env,
    principal(roles, extra = {}) {
      return { kind: 'user', tenantId: demo.districtTenantId, actorId: randomUUID(), roles, scopes: [], ...extra };
    },
    work(principal, fn) {
      return runWork(env, principal, {}, fn);
    },
    inject(principal, options) {
      const headers = { ...(options.headers ?? {}) } as Record<string, string>;
      if (principal) {
        const key = randomUUID();
        principals.set(key, principal);
        headers[AS_HEADER] = key;
      }
      return app.inject({ ...options, headers });
    },
    async dispose() {
      await app.close();
      await database.dispose();
      if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another server instance on the same PostgreSQL database, for what must cross instances (LISTEN/NOTIFY):
 * started before the calling suite's tests, closed after them; `base` is its WebSocket origin.
 */
export function secondInstance(database: () => TestDatabase): { base: string } {
  const instance = { base: '' };
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: database().url!, poolMax: 3 });
    app = await buildApp({ database: db, logger: createLogger('silent'), plugins: applicationPlugins() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    instance.base = `ws://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  return instance;
}
