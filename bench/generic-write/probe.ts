/**
 * Lists the statements one POST /api/v1/edfi/student sends (issue 12), on PGlite by default.
 *   npx tsx bench/generic-write/probe.ts
 * Not part of `npm run bench`: nothing is recorded.
 */
import { applicationPlugins } from '../../src/app.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createAccount } from '../../src/platform/identity/accounts.js';
import { createSession } from '../../src/platform/identity/sessions.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { drain, load } from '../lib/http-load.js';
import { countStatements } from '../lib/statements.js';
import { createBenchTenant } from '../lib/tenant.js';

const database = await openDatabase({});
await migrate(database);
const tenantId = await createBenchTenant(database, 'probe-generic-write');
const account = await createAccount(database, tenantId, {
  email: 'probe@bench.example.org',
  roles: ['district_admin'],
});
const { token } = await tenantTransaction(database, tenantId, ({ tx }) =>
  createSession(tx, { tenantId, id: account.id }, new Date()),
);
const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
const post = (n: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/edfi/student',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { studentUniqueId: `P${n}`, firstName: `F${n}`, lastSurname: 'L', birthDate: '2012-05-17' },
  });
for (let n = 0; n < 50; n++) await post(n);
const seen: string[] = [];
const { statements, value } = await countStatements(
  () => post(1000),
  (text) => seen.push(text.replace(/\s+/g, ' ').slice(0, 160)),
);
console.log(`status ${value.statusCode}; statements for one request: ${statements}\n  ${seen.join('\n  ')}`);
// CPU time per request (this process runs the engine too), steadier than wall time on a shared machine.
const N = Number(process.env.PROBE_REQUESTS ?? '1000');
const started = performance.now();
const cpu = process.cpuUsage();
for (let n = 0; n < N; n++) await post(2000 + n);
const used = process.cpuUsage(cpu);
console.log(
  `sequential: ${((performance.now() - started) / N).toFixed(2)} ms wall, ` +
    `${((used.user + used.system) / 1000 / N).toFixed(2)} ms CPU per request`,
);
// The same, 25 at a time (as the benchmark's connections), for PROBE_SECONDS.
const seconds = Number(process.env.PROBE_SECONDS ?? '5');
let next = 100_000;
let done = 0;
const until = performance.now() + seconds * 1000;
const cpu2 = process.cpuUsage();
await Promise.all(
  Array.from({ length: 25 }, async () => {
    while (performance.now() < until) {
      const response = await post(next++);
      if (response.statusCode !== 201) throw new Error(`${response.statusCode}: ${response.body}`);
      done++;
    }
  }),
);
const used2 = process.cpuUsage(cpu2);
console.log(
  `25 at a time: ${(done / seconds).toFixed(0)}/s, ` +
    `${((used2.user + used2.system) / 1000 / done).toFixed(2)} ms CPU per request`,
);
if (process.env.PROBE_HTTP) {
  // Over HTTP with the benchmark's load generator, 25 connections.
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  for (let round = 0; round < 3; round++) {
    const bodyTemplate = JSON.stringify({
      studentUniqueId: `H${round}x{n}`,
      firstName: 'F{n}',
      lastSurname: 'L',
      birthDate: '2012-05-17',
    });
    const cpu3 = process.cpuUsage();
    const result = await load(url, {
      connections: 25,
      seconds,
      method: 'POST',
      headers,
      paths: ['/api/v1/edfi/student'],
      bodyTemplate,
    });
    const used3 = process.cpuUsage(cpu3);
    console.log(
      `HTTP, 25 connections: ${result.requestsPerSecond.toFixed(0)}/s ` +
        `(${result.non2xx} non-2xx, ${result.errors} errors), ` +
        `${((used3.user + used3.system) / 1000 / Math.max(1, result.total)).toFixed(2)} ms CPU per request`,
    );
    await drain(`${url}/health/ready`);
  }
}
await app.close();
await database.close();
