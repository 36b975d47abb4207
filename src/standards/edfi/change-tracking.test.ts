/**
 * Change Queries cannot be bypassed: the database gives every insert and update of a change-tracked row
 * a new change version and records every delete of a served resource, whichever path writes — the
 * generic /api/v1, the Ed-Fi API, an interchange load, raw SQL. Each shows up in `?minChangeVersion=`
 * and `/deletes`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiApp, districtAdmin } from '../../../test/support/api.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { allTables } from '../../platform/db/catalog.js';
import { seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import type { Principal } from '../../platform/auth/roles.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { buildApp } from '../../platform/http/app.js';
import { createLogger } from '../../platform/log/logger.js';
import { loadInterchange } from './interchange/load.js';
import { GRAND_BEND_SAMPLE } from './interchange/sample.js';
import { servedResources } from './resources.js';
import { edfiApiRoutes } from './routes.js';

const BASE = '/data/v3/ed-fi';
const XML = path.join(GRAND_BEND_SAMPLE, 'xml');
let database: TestDatabase;
let edfi: FastifyInstance;
let generic: FastifyInstance;
let tenantId: string;

const load = (...files: string[]) => loadInterchange(database, tenantId, files);

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = randomUUID();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Grand Bend', 'district')`,
    [tenantId, `changes-${tenantId.slice(0, 8)}`],
  );
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  const report = await load(
    path.join(GRAND_BEND_SAMPLE, 'Descriptors'),
    path.join(XML, 'EducationOrganization.xml'),
    path.join(XML, 'Student.xml'),
  );
  expect(report.errors).toEqual([]);
  const principal: Principal = {
    kind: 'client',
    tenantId,
    actorId: 'district-client',
    roles: ['api_client'],
    scopes: ['https://schola.dev/scope/edfi'],
  };
  edfi = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiApiRoutes,
    ],
  });
  generic = await apiApp(database, { principal: () => districtAdmin(tenantId) });
}, 300_000);
afterAll(async () => {
  await edfi?.close();
  await generic?.close();
  await database?.dispose();
});

const newest = async () =>
  (await edfi.inject({ url: '/changeQueries/v1/availableChangeVersions' })).json().newestChangeVersion as number;
/** The items of a collection changed after `version`. */
async function changedSince(collection: string, version: number): Promise<Record<string, unknown>[]> {
  const res = await edfi.inject({ url: `${BASE}/${collection}?minChangeVersion=${version + 1}&limit=500` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function deletedSince(collection: string, version: number): Promise<Record<string, unknown>[]> {
  const res = await edfi.inject({ url: `${BASE}/${collection}/deletes?minChangeVersion=${version + 1}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const usiOf = async (uniqueId: string) =>
  (
    await database.query<{ usi: number }>(
      `SELECT studentusi AS usi FROM edfi.student WHERE tenant_id = $1 AND studentuniqueid = $2`,
      [tenantId, uniqueId],
    )
  )[0]!.usi;
const ids = (items: Record<string, unknown>[]) => items.map((i) => i.studentUniqueId);

describe('Ed-Fi change tracking in the database', () => {
  it('the migrated catalog has every trigger: change versions, child collections, deletes', async () => {
    const triggers = await database.query<{ tbl: string; name: string }>(
      `SELECT c.relname AS tbl, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'edfi' AND NOT t.tgisinternal`,
    );
    const on = (table: string) => triggers.filter((t) => t.tbl === table).map((t) => t.name);
    const tracked = allTables().filter(
      (t) =>
        t.schema === 'edfi' &&
        !['deletes_tracking', 'keychanges_tracking'].includes(t.name) &&
        getTableConfig(t.table).columns.some((c) => c.name === 'changeversion'),
    );
    expect(tracked.length).toBeGreaterThan(40);
    for (const t of tracked) expect(on(t.name), t.qualifiedName).toContain('edfi_change_version');
    for (const model of servedResources()) {
      expect(on(getTableConfig(model.table).name), model.collection).toContain('edfi_track_delete');
      for (const child of model.children)
        expect(on(getTableConfig(child.table).name), child.tableName).toEqual(
          expect.arrayContaining(['edfi_touch_parent_insert', 'edfi_touch_parent_update', 'edfi_touch_parent_delete']),
        );
    }
  });

  it('a generic API PATCH advances the change version and shows in minChangeVersion', async () => {
    const before = await newest();
    const patched = await generic.inject({
      method: 'PATCH',
      url: `/api/v1/edfi/student/${await usiOf('604821')}`,
      payload: { firstName: 'Patched' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().changeVersion).toBeGreaterThan(before);
    const changed = await changedSince('students', before);
    expect(changed.map((s) => [s.studentUniqueId, s.firstName])).toEqual([['604821', 'Patched']]);
  });

  it('an Ed-Fi PUT advances it', async () => {
    const before = await newest();
    const [item] = (await edfi.inject({ url: `${BASE}/students?studentUniqueId=604822` })).json();
    const put = await edfi.inject({
      method: 'PUT',
      url: `${BASE}/students/${item.id}`,
      payload: { ...item, firstName: 'Put' },
    });
    expect(put.statusCode, put.body).toBe(204);
    expect(ids(await changedSince('students', before))).toEqual(['604822']);
  });

  it('an interchange load advances it for the elements that changed only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edfi-changes-'));
    try {
      const xml = fs
        .readFileSync(path.join(XML, 'Student.xml'), 'utf8')
        .replace('<FirstName>Julie</FirstName>', '<FirstName>Loaded</FirstName>');
      fs.writeFileSync(path.join(dir, 'Student.xml'), xml);
      const before = await newest();
      const report = await load(dir);
      expect(report.errors).toEqual([]);
      const changed = await changedSince('students', before);
      // 604821 and 604822 go back to the file's names, 604823 takes the edited one; the other 957 are unchanged.
      expect(ids(changed).sort()).toEqual(['604821', '604822', '604823']);
      expect(changed.find((s) => s.studentUniqueId === '604823')!.firstName).toBe('Loaded');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a raw SQL update advances it', async () => {
    const before = await newest();
    await database.query(
      `UPDATE edfi.student SET lastsurname = 'Raw' WHERE tenant_id = $1 AND studentuniqueid = '604824'`,
      [tenantId],
    );
    expect(ids(await changedSince('students', before))).toEqual(['604824']);
  });

  it("a change to a child collection advances its parent's version", async () => {
    const before = await newest();
    await database.query(
      `DELETE FROM edfi.schoolgradelevel WHERE tenant_id = $1 AND schoolid = 255901001
       AND gradeleveldescriptorid = (SELECT descriptorid FROM edfi.descriptor
         WHERE descriptortype = 'GradeLevelDescriptor' AND codevalue = 'Ninth grade')`,
      [tenantId],
    );
    const changed = await changedSince('schools', before);
    expect(changed.map((s) => s.schoolId)).toEqual([255901001]);
    expect((changed[0]!.gradeLevels as unknown[]).length).toBe(3);
  });

  it('deletes through the generic API, the Ed-Fi API and raw SQL are each tracked once for /deletes', async () => {
    const created: string[] = [];
    for (const id of ['900001', '900002', '900003']) {
      const res = await edfi.inject({
        method: 'POST',
        url: `${BASE}/students`,
        payload: { studentUniqueId: id, firstName: 'Gone', lastSurname: 'Soon', birthDate: '2012-01-01' },
      });
      expect(res.statusCode, res.body).toBe(201);
      created.push(String(res.headers.location).split('/').pop()!);
    }
    const before = await newest();
    const viaGeneric = await generic.inject({ method: 'DELETE', url: `/api/v1/edfi/student/${await usiOf('900001')}` });
    expect(viaGeneric.statusCode, viaGeneric.body).toBe(204);
    const viaEdfi = await edfi.inject({ method: 'DELETE', url: `${BASE}/students/${created[1]}` });
    expect(viaEdfi.statusCode, viaEdfi.body).toBe(204);
    await database.query(`DELETE FROM edfi.student WHERE tenant_id = $1 AND studentuniqueid = '900003'`, [tenantId]);
    const deletes = await deletedSince('students', before);
    expect(deletes).toEqual(
      ['900001', '900002', '900003'].map((studentUniqueId, i) => ({
        id: created[i],
        changeVersion: expect.any(Number),
        keyValues: { studentUniqueId },
      })),
    );
  });
});
