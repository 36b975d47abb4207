/**
 * Concurrent POSTs of one client are written in batches (post-batch.ts, store-batch.ts), and every
 * request still gets the answer it would get alone: new items 201, a repeated key 200 with the same
 * id, an existing item updated (200), an invalid item 400 by itself, a constraint one item breaks
 * failing only that item. Audit rows, ETags and the OneRoster projection are those of single writes.
 */
import { randomUUID } from 'node:crypto';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { ensureDemoDescriptors } from '../../demo/descriptors.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import type { Principal } from '../../platform/auth/roles.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { buildApp } from '../../platform/http/app.js';
import { createLogger } from '../../platform/log/logger.js';
import { decodeBody } from './codec.js';
import { resourceModel } from './resources.js';
import { edfiApiRoutes } from './routes.js';
import type { EdfiSession } from './caller.js';
import { oneStatementOf } from './store-batch-statement.js';

const EDFI = 'https://schola.dev/scope/edfi';
const STUDENTS = '/data/v3/ed-fi/students';

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;

const student = (id: string, first = 'Ada', extra: Record<string, unknown> = {}) => ({
  studentUniqueId: id,
  firstName: first,
  lastSurname: 'Lovelace',
  birthDate: '2010-05-01',
  ...extra,
});
const postStudent = (body: unknown) => app.inject({ method: 'POST', url: STUDENTS, payload: body as object });
/** Transactions that wrote these students (rows written in one transaction share xmin). */
async function transactionsOf(prefix: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(
    `SELECT count(DISTINCT xmin::text)::int AS n FROM edfi.student WHERE tenant_id = $1 AND studentuniqueid LIKE $2`,
    [tenantId, `${prefix}%`],
  );
  return row!.n;
}

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Batch ISD', 'district')`, [
    tenantId,
    `batch-${tenantId.slice(0, 8)}`,
  ]);
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  await ensureDemoDescriptors(database.db);
  const principal: Principal = {
    kind: 'client',
    tenantId,
    actorId: 'district-client',
    roles: ['api_client'],
    scopes: [EDFI],
  };
  app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiApiRoutes,
    ],
  });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('coalesced Ed-Fi POSTs', () => {
  it('a burst of new, repeated, existing and invalid items: each gets its own answer, new ones written together', async () => {
    const existing = await postStudent(student('B-existing'));
    expect(existing.statusCode).toBe(201);
    const bodies = [
      ...Array.from({ length: 30 }, (_, i) => student(`B-new-${i}`, `First${i}`)),
      student('B-twice', 'One'),
      student('B-twice', 'Two'),
      student('B-existing', 'Renamed'),
      { studentUniqueId: 'B-invalid', firstName: 'No surname' },
      student('B-bad-descriptor', 'X', { birthSexDescriptor: 'uri://ed-fi.org/SexDescriptor#Nope' }),
    ];
    const answers = await Promise.all(bodies.map(postStudent));
    expect(answers.slice(0, 30).map((a) => a.statusCode)).toEqual(Array(30).fill(201));
    const [once, twice, renamed, invalid, badDescriptor] = answers.slice(30);
    expect([once!.statusCode, twice!.statusCode]).toEqual([201, 200]);
    expect(twice!.headers.location).toBe(once!.headers.location);
    expect(renamed!.statusCode).toBe(200);
    expect(renamed!.headers.location).toBe(existing.headers.location);
    expect(invalid!.statusCode).toBe(400);
    expect(invalid!.json().validationErrors).toMatchObject({ '$.lastSurname': ['is required'] });
    expect(badDescriptor!.statusCode).toBe(400);
    expect(Object.keys(badDescriptor!.json().validationErrors)).toEqual(['$.birthSexDescriptor']);

    // What each answer says is what is stored: Location, ETag, the last write of a repeated key.
    for (const answer of [...answers.slice(0, 30), twice!, renamed!]) {
      const got = await app.inject({ method: 'GET', url: answer.headers.location as string });
      expect(got.statusCode).toBe(200);
      expect(got.headers.etag).toBe(answer.headers.etag);
    }
    const got = (url: string) => app.inject({ method: 'GET', url }).then((r) => r.json() as Record<string, unknown>);
    expect(await got(once!.headers.location as string)).toMatchObject({ studentUniqueId: 'B-twice', firstName: 'Two' });
    expect(await got(renamed!.headers.location as string)).toMatchObject({ firstName: 'Renamed' });
    // Batched: the 30 new students took far fewer than 30 transactions.
    expect(await transactionsOf('B-new-')).toBeLessThan(30);

    // One audit row per write (32 inserts, 2 updates besides the first insert), and the chain is intact.
    const [audit] = await database.query<{ inserts: number; updates: number }>(
      `SELECT count(*) FILTER (WHERE operation = 'INSERT')::int AS inserts, count(*) FILTER (WHERE operation =
        'UPDATE')::int AS updates
       FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'edfi.student'`,
      [tenantId],
    );
    expect(audit).toEqual({ inserts: 32, updates: 2 });
    const { tenants } = await verifyAuditChain(database, { tenantId });
    expect(tenants[0]).toMatchObject({ ok: true });
    // Written through to OneRoster like single writes.
    const [users] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM oneroster.users WHERE tenant_id = $1 AND username LIKE 'B-%'`,
      [tenantId],
    );
    expect(users!.n).toBe(32);
  });

  it('never writes a batch without its audit rows: with the chain head gone, the batch fails whole and the items run alone', async () => {
    const tenant = randomUUID();
    await database.query(
      `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Headless ISD', 'district')`,
      [tenant, `headless-${tenant.slice(0, 8)}`],
    );
    await tenantTransaction(database, tenant, ({ tx }) => seedDefaultPolicies(tx, tenant));
    const principal: Principal = {
      kind: 'client',
      tenantId: tenant,
      actorId: 'headless-client',
      roles: ['api_client'],
      scopes: [EDFI],
    };
    const other = await buildApp({
      database,
      logger: createLogger('silent'),
      plugins: [
        (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
        edfiApiRoutes,
      ],
    });
    try {
      const post = (id: string) => other.inject({ method: 'POST', url: STUDENTS, payload: student(id) });
      // Two at once: the batch path runs and the process learns that the tenant's head exists.
      expect((await Promise.all([post('H-0'), post('H-1')])).map((r) => r.statusCode)).toEqual([201, 201]);
      // Then the head and its chain disappear (as if the tenant's audit trail had been reset).
      await database.query(`DELETE FROM compliance.audit_logs WHERE tenant_id = $1`, [tenant]);
      await database.query(`DELETE FROM compliance.audit_chain_heads WHERE tenant_id = $1`, [tenant]);
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(`H-new-${i}`)));
      // Had the batch been written without audit rows, the items would now exist: 200, not 201.
      expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
      const [audited] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'INSERT'
          AND table_name = 'edfi.student'`,
        [tenant],
      );
      expect(audited!.n).toBe(6);
      const { tenants } = await verifyAuditChain(database, { tenantId: tenant });
      expect(tenants[0]).toMatchObject({ ok: true, rows: 6 });
    } finally {
      await other.close();
    }
  });

  it('a constraint one item breaks rolls its batch back, and then fails that item alone', async () => {
    // Stands in for any database rule the body validation cannot see.
    await database.query(`CREATE FUNCTION public.refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.firstname = 'Boom' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '23514', CONSTRAINT =
        'student_no_boom'; END IF; RETURN NEW; END $$`);
    await database.query(
      `CREATE TRIGGER refuse_boom BEFORE INSERT OR UPDATE
        ON edfi.student FOR EACH ROW EXECUTE FUNCTION public.refuse_boom()`,
    );
    try {
      const bodies = Array.from({ length: 12 }, (_, i) => student(`C-${i}`, i === 5 ? 'Boom' : `First${i}`));
      const answers = await Promise.all(bodies.map(postStudent));
      expect(answers.map((a) => a.statusCode)).toEqual(bodies.map((_, i) => (i === 5 ? 400 : 201)));
      const [stored] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM edfi.student WHERE tenant_id = $1 AND studentuniqueid LIKE 'C-%'`,
        [tenantId],
      );
      expect(stored!.n).toBe(11);
      const { tenants } = await verifyAuditChain(database, { tenantId });
      expect(tenants[0]).toMatchObject({ ok: true });
    } finally {
      await database.query(`DROP TRIGGER refuse_boom ON edfi.student`);
      await database.query(`DROP FUNCTION public.refuse_boom()`);
    }
  });

  it("writes a batch with one statement whose text is the same whatever the batch's size, tenant or content", async () => {
    // It runs as a named statement (prepared.ts), planned once per connection: a text that varied
    // with the batch would leave a new prepared statement on the connection for every size.
    const model = resourceModel('students')!;
    const textOf = async (tenant: string, bodies: Record<string, unknown>[], ip?: string) => {
      const work = {
        db: database.db,
        tenantId: tenant,
        principal: { kind: 'client', tenantId: tenant, actorId: 'c', roles: ['api_client'], scopes: [EDFI] },
        meta: { ip, requestId: randomUUID() },
      } as const satisfies EdfiSession;
      const candidates = await Promise.all(
        bodies.map(async (body, index) => ({
          index,
          id: randomUUID(),
          values: await decodeBody(database.db, tenant, model, body),
        })),
      );
      const statement = oneStatementOf(
        work,
        model,
        bodies.map((body) => ({ body, meta: work.meta })),
        candidates,
      );
      return new PgDialect().sqlToQuery(statement!);
    };
    const one = await textOf(tenantId, [student('T-1')]);
    const many = await textOf(
      randomUUID(),
      Array.from({ length: 7 }, (_, i) => student(`T-${i}`, `F${i}`, { middleName: 'M' })),
      '10.0.0.7',
    );
    expect(many.sql).toBe(one.sql);
    expect(many.params.length).toBe(one.params.length);
  });
});
