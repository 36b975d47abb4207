/**
 * OneRoster REST reads under load: the provider (authentication, scope check, policy decision,
 * tenant connection with row-level security, rendering) against a bare Fastify route running the
 * SAME data statements. The statements are captured from the provider's own query builders
 * (query.ts) with a recording transaction, so the baseline cannot drift from what the routes run.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../../src/platform/db/database.js';
import type { Tx } from '../../src/platform/db/transaction.js';
import { scope } from '../../src/standards/oneroster/entity-kit.js';
import { parseListParams } from '../../src/standards/oneroster/paging.js';
import { getObject, listObjects, objectExists, type ReadAccess } from '../../src/standards/oneroster/query.js';
import { klass } from '../../src/standards/oneroster/rostering-resources.js';
import { user } from '../../src/standards/oneroster/rostering-users.js';
import { ROSTERING_BASE, ROSTERING_NESTED } from '../../src/standards/oneroster/rostering-routes.js';
import { GENERATION_COLUMN } from '../../src/standards/oneroster/list-counts.js';
import { assertAllOk, drain, LATENCY_LOAD, load, measuredLoad, type LoadResult } from '../lib/http-load.js';

interface Statement {
  sql: string;
  params: unknown[];
}

const ID = '\u0000bench-id\u0000';
const dialect = new PgDialect();

const isCount = (s: Statement) => /^SELECT count\(\*\)/.test(s.sql);

/** Runs a reader against a transaction that records each statement instead of executing it. */
async function capture(reader: (tx: Tx) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const tx = {
    execute: async (query: SQL) => {
      const { sql, params } = dialect.sqlToQuery(query);
      statements.push({ sql, params });
      // A full page (more rows than any limit), so that the reader goes on to its total: a page shorter
      // than its limit is the whole list and is not counted (query.ts).
      const page = Array.from({ length: 1_000 }, () => ({ [GENERATION_COLUMN]: 'capture' }));
      return { rows: isCount({ sql, params }) ? [{ n: 0 }] : page };
    },
  } as unknown as Tx;
  await reader(tx);
  return statements;
}

export interface Endpoint {
  name: string;
  /** Paths cycled by the load, on the provider. */
  paths: string[];
  /** The same requests on the bare route. */
  barePaths: string[];
  /** Lists: the same requests on a bare route that also counts every page (the work before totals were cached). */
  countedPaths?: string[];
}

/** Runs one captured statement for the bare routes. */
export type BareQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * How the bare routes run statements: as the owner (no row-level security), but with the session's
 * `app.tenant_id` set to the tenant — some statements name the tenant that way (nested reads), and
 * without it they would find nothing and the baseline would measure empty answers.
 */
export async function bareQuery(
  database: Database,
  pgUrl: string | undefined,
  tenantId: string,
): Promise<{ query: BareQuery; close: () => Promise<void> }> {
  if (!pgUrl) {
    // PGlite's one connection: the app's tenant transactions set their own, transaction-local value over it.
    await database.query(`SELECT set_config('app.tenant_id', $1, false)`, [tenantId]);
    return { query: (text, params) => database.query(text, params), close: async () => undefined };
  }
  const pool = new pg.Pool({ connectionString: pgUrl, max: 10, options: `-c app.tenant_id=${tenantId}` });
  // Named statements, as the provider runs these reads (platform/db/prepared.ts): planned once per
  // connection, so that the baseline does the same work.
  const names = new Map<string, string>();
  const nameOf = (text: string) => names.get(text) ?? (names.set(text, `bare_${names.size}`), `bare_${names.size - 1}`);
  return {
    query: async (text, params) => (await pool.query({ name: nameOf(text), text, values: params })).rows,
    close: () => pool.end(),
  };
}

/** Bare requests still running: a load generator that stops abandons its requests in flight, not the server. */
let bareInFlight = 0;

/**
 * Returns once no bare request is running any more. The abandoned requests of a saturating load go on
 * after it, and those of the counted list (a count of every user on each, several ms on PGlite) outlived
 * `drain`'s probes and ran into the provider's half-rate load that follows: its p99 was theirs.
 */
export async function bareSettled(): Promise<void> {
  while (bareInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Registers the bare routes (no auth, no transaction, raw rows) and describes the three endpoints. */
export async function bareRoutes(
  bare: FastifyInstance,
  query: BareQuery,
  tenantId: string,
  classIds: string[],
  userIds: string[],
): Promise<Endpoint[]> {
  const access: ReadAccess = { tenantId, scopes: [scope('roster.readonly')], origin: 'http://127.0.0.1' };
  const students = ROSTERING_NESTED.find((n) => n.path === '/classes/:classId/students')!;
  const usersPage = await capture((tx) => listObjects(tx, user, access, parseListParams({ limit: '100' })));
  const classStudents = await capture(async (tx) => {
    await objectExists(tx, klass, access, ID);
    await listObjects(tx, user, access, parseListParams({}), students.where!({ classId: ID }));
  });
  const userById = await capture((tx) => getObject(tx, user, access, ID));
  // Every statement's rows are sent. A list's total is cached by the provider until the tenant's next
  // OneRoster write (list-counts.ts), so a list is its page statement alone, which also reads the write
  // generation the cached total is checked against: the work of a provider's page. The /counted routes
  // also run the count, as every page did before totals were cached.
  const run = async (statements: Statement[], id?: string, counted = false) => {
    const out: unknown[][] = [];
    bareInFlight++;
    try {
      for (const s of statements.filter((x) => counted || !isCount(x)))
        out.push(
          await query(
            s.sql,
            s.params.map((p) => (p === ID ? id : p)),
          ),
        );
    } finally {
      bareInFlight--;
    }
    return out;
  };
  bare.get('/users', async () => ({ results: await run(usersPage) }));
  bare.get('/counted/users', async () => ({ results: await run(usersPage, undefined, true) }));
  bare.get('/classes/:id/students', async (request) => ({
    results: await run(classStudents, (request.params as { id: string }).id),
  }));
  bare.get('/counted/classes/:id/students', async (request) => ({
    results: await run(classStudents, (request.params as { id: string }).id, true),
  }));
  bare.get('/users/:id', async (request) => ({ results: await run(userById, (request.params as { id: string }).id) }));
  return [
    {
      name: 'GET /users?limit=100',
      paths: [`${ROSTERING_BASE}/users?limit=100`],
      barePaths: ['/users'],
      countedPaths: ['/counted/users'],
    },
    {
      name: 'GET /classes/{id}/students',
      paths: classIds.map((id) => `${ROSTERING_BASE}/classes/${id}/students`),
      barePaths: classIds.map((id) => `/classes/${id}/students`),
      countedPaths: classIds.map((id) => `/counted/classes/${id}/students`),
    },
    {
      name: 'GET /users/{id}',
      paths: userIds.map((id) => `${ROSTERING_BASE}/users/${id}`),
      barePaths: userIds.map((id) => `/users/${id}`),
    },
  ];
}

export function bareApp(): FastifyInstance {
  return Fastify();
}

export interface Comparison {
  /** Both at saturation (50 connections always busy). */
  ours: LoadResult;
  base: LoadResult;
  /** Both at the same fixed rate: half the provider's measured maximum. */
  oursAtHalf: LoadResult;
  baseAtHalf: LoadResult;
  rate: number;
  /** Lists: the bare route counting every page, at saturation. */
  counted?: LoadResult;
}

/**
 * Loads one endpoint on both servers: at saturation (a short warm-up first), then at a fixed rate of
 * half the provider's maximum on both; throws if either answered anything but 2xx.
 */
export async function compare(
  endpoint: Endpoint,
  appUrl: string,
  bareUrl: string,
  token: string,
  seconds: number,
): Promise<Comparison> {
  const headers = { authorization: `Bearer ${token}` };
  const run = async (url: string, paths: string[], h: Record<string, string>, what: string, rate?: number) => {
    if (rate === undefined) await load(url, { connections: 50, seconds: 1, headers: h, paths });
    await bareSettled();
    await drain(`${url}${paths[0]}`, h);
    const from = performance.now();
    const result = await measuredLoad(url, { connections: 50, headers: h, paths }, seconds, rate);
    // BENCH_TRACE_WINDOWS=1: when each load ran, in this process's uptime (the times `node --trace-gc` prints).
    if (process.env.BENCH_TRACE_WINDOWS === '1')
      console.error(`[window] ${what}: ${Math.round(from)}-${Math.round(performance.now())} ms, p99 ${result.p99}`);
    await drain(`${url}${paths[0]}`, h);
    await bareSettled();
    assertAllOk(what, result);
    return result;
  };
  await assertSameAnswer(endpoint, appUrl, bareUrl, headers);
  const ours = await run(appUrl, endpoint.paths, headers, `OneRoster ${endpoint.name}`);
  const base = await run(bareUrl, endpoint.barePaths, {}, `bare route for ${endpoint.name}`);
  const counted = endpoint.countedPaths
    ? await run(bareUrl, endpoint.countedPaths, {}, `bare route counting ${endpoint.name}`)
    : undefined;
  const rate = Math.max(1, Math.round(ours.requestsPerSecond * LATENCY_LOAD));
  const oursAtHalf = await run(appUrl, endpoint.paths, headers, `OneRoster ${endpoint.name} at ${rate}/s`, rate);
  const baseAtHalf = await run(bareUrl, endpoint.barePaths, {}, `bare ${endpoint.name} at ${rate}/s`, rate);
  return { ours, base, oursAtHalf, baseAtHalf, rate, counted };
}

/** The baseline must do the provider's work: as many rows in its answer as objects in the provider's. */
async function assertSameAnswer(
  endpoint: Endpoint,
  appUrl: string,
  bareUrl: string,
  headers: Record<string, string>,
): Promise<void> {
  const ours = (await (await fetch(`${appUrl}${endpoint.paths[0]}`, { headers })).json()) as Record<string, unknown>;
  const objects = Object.values(ours).map((v) => (Array.isArray(v) ? v.length : 1))[0] ?? 0;
  const bare = (await (await fetch(`${bareUrl}${endpoint.barePaths[0]}`)).json()) as { results: unknown[][] };
  const rows = Math.max(...bare.results.map((r) => r.length));
  if (objects === 0 || rows !== objects)
    throw new Error(`${endpoint.name}: the provider answered ${objects} objects, the bare route ${rows} rows`);
}
