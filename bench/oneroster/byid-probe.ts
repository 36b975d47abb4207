/**
 * GET /users/{id} against its bare route, back to back (issue 12): imports a district at BENCH_SCALE
 * (default 0.2) into a fresh PostgreSQL database, then alternates provider and bare loads PROBE_ROUNDS
 * times (PROBE_SECONDS each) and prints each ratio; PROBE_STATEMENTS=1 first lists the statements one
 * request sends; PROBE_PROFILE=<file> writes a CPU profile of the server process during one provider load.
 *   npx tsx bench/oneroster/byid-probe.ts
 * Not part of `npm run bench`: nothing is recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Session } from 'node:inspector/promises';
import { applicationPlugins } from '../../src/app.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { assertAllOk, drain, load } from '../lib/http-load.js';
import { countStatements } from '../lib/statements.js';
import { clientToken } from '../lib/tenant.js';
import { sampleIds } from './district.js';
import { probeDistrict } from './probe-district.js';
import { bareApp, bareQuery, bareRoutes } from './rest.js';

const scale = Number(process.env.BENCH_SCALE ?? '0.2');
const seconds = Number(process.env.PROBE_SECONDS ?? '5');
const rounds = Number(process.env.PROBE_ROUNDS ?? '3');
// Fewer connections than the benchmark's 50 give steadier CPU figures on a machine others load.
const connections = Number(process.env.PROBE_CONNECTIONS ?? '50');

const { admin, name, url, database, tenant, size, drop } = await probeDistrict('schola_byid', scale);
try {
  const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
  const bare = bareApp();
  const bareDb = await bareQuery(database, url, tenant);
  const token = await clientToken(app, database, tenant, ['roster.readonly']);
  const headers = { authorization: `Bearer ${token}` };
  const { classIds, userIds } = sampleIds(size);
  const endpoint = (await bareRoutes(bare, bareDb.query, tenant, classIds, userIds)).find(
    (e) => e.name === 'GET /users/{id}',
  )!;
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const first = await fetch(`${appUrl}${endpoint.paths[0]}`, { headers });
  if (!first.ok) throw new Error(`${endpoint.paths[0]} answered ${first.status}: ${await first.text()}`);
  if (process.env.PROBE_STATEMENTS) {
    const seen: string[] = [];
    const { statements } = await countStatements(
      () => fetch(`${appUrl}${endpoint.paths[1]}`, { headers }).then((r) => r.text()),
      (text) => seen.push(text.replace(/\s+/g, ' ').slice(0, 200)),
    );
    console.log(`statements for one request: ${statements}\n  ${seen.join('\n  ')}`);
  }
  // CPU per request, which the load of other processes on the machine changes far less than req/s:
  // this process's (both servers live here; one is loaded at a time) and the database backends'.
  const tick = 1000 / 100; // ms per clock tick (USER_HZ)
  const backendMs = async () => {
    const rows = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [name]);
    let ms = 0;
    for (const { pid } of rows.rows) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ms += (Number(fields[11]) + Number(fields[12])) * tick;
      } catch {
        // the backend ended
      }
    }
    return ms;
  };
  const run = async (u: string, paths: string[], h: Record<string, string>) => {
    await load(u, { connections: 50, seconds: 1, headers: h, paths });
    await drain(`${u}${paths[0]}`, h);
    const cpu = process.cpuUsage();
    const db = await backendMs();
    const result = await load(u, { connections, seconds, headers: h, paths });
    const node = process.cpuUsage(cpu);
    const dbMs = (await backendMs()) - db;
    assertAllOk(u, result);
    const perRequest = (ms: number) => Math.round((1000 * ms) / result.total);
    return {
      rps: result.requestsPerSecond,
      nodeUs: perRequest((node.user + node.system) / 1000),
      dbUs: perRequest(dbMs),
    };
  };
  for (let round = 0; round < rounds; round++) {
    const ours = await run(appUrl, endpoint.paths, headers);
    const base = await run(bareUrl, endpoint.barePaths, {});
    console.log(
      `round ${round}: provider ${Math.round(ours.rps)} req/s (node ${ours.nodeUs} µs, db ${ours.dbUs} µs per ` +
        `request), bare ${Math.round(base.rps)} req/s (node ${base.nodeUs} µs, db ${base.dbUs} µs), ratio ` +
        `${(ours.rps / base.rps).toFixed(2)} (load ${os.loadavg()[0]!.toFixed(2)})`,
    );
  }
  if (process.env.PROBE_PROFILE) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    for (const [which, u, paths, h] of [
      ['provider', appUrl, endpoint.paths, headers],
      ['bare', bareUrl, endpoint.barePaths, {}],
    ] as const) {
      await session.post('Profiler.start');
      const result = await load(u, { connections: 50, seconds, headers: h, paths });
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(`${process.env.PROBE_PROFILE}-${which}-${result.total}.cpuprofile`, JSON.stringify(profile));
    }
    session.disconnect();
  }
  await app.close();
  await bare.close();
  await bareDb.close();
} finally {
  await drop();
}
