/**
 * The generated API's behaviour on a sample of resources from every seed: CRUD round trips,
 * composite keys, batches, validation, paging (offset and keyset, stable under concurrent inserts),
 * fields, ETags.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { apiApp, districtAdmin, RecordingAuditor } from '../../../test/support/api.js';

let database: TestDatabase;
let app: FastifyInstance;
let tenant: string;
let languageTenant: string;
let actAs: string;
const L1 = '01JAAAAAAAAAAAAAAAAAAAAAA1';
const L2 = '01JAAAAAAAAAAAAAAAAAAAAAA2';
const auditor = new RecordingAuditor();

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 60,
    schools: 2,
    sectionsPerSchool: 6,
    languageSchoolStudents: 10,
  });
  tenant = demo.districtTenantId;
  languageTenant = demo.languageSchoolTenantId;
  actAs = tenant;
  app = await apiApp(database, { principal: () => districtAdmin(actAs), auditor });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('generated REST API', () => {
  it('lists with a total count, filters and sorting (Ed-Fi students)', async () => {
    const all = await app.inject({ url: '/api/v1/edfi/student?limit=10&sort=-studentUniqueId' });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.page).toMatchObject({ limit: 10, offset: 0, total: 60 });
    expect(body.data).toHaveLength(10);
    expect(body.data[0].studentUniqueId).toBe('600060');
    expect(body.data[0]).not.toHaveProperty('tenantId');
    const one = await app.inject({ url: '/api/v1/edfi/student?studentUniqueId=600007' });
    expect(one.json().data.map((s: { studentUniqueId: string }) => s.studentUniqueId)).toEqual(['600007']);
    const range = await app.inject({
      url:
        '/api/v1/edfi/student?studentUniqueId[gte]=600050&studentUniqueId[lt]=600055&fields=studentUniqueId,' +
        'firstName',
    });
    expect(range.json().data).toHaveLength(5);
    expect(Object.keys(range.json().data[0]).sort()).toEqual(['firstName', 'studentUSI', 'studentUniqueId']);
    const inList = await app.inject({ url: '/api/v1/edfi/student?studentUniqueId[in]=600001,600002,999999' });
    expect(inList.json().page.total).toBe(2);
    const contains = await app.inject({ url: '/api/v1/edfi/student?lastSurname[contains]=SMI' });
    expect(contains.statusCode).toBe(200);
    for (const s of contains.json().data) expect(s.lastSurname.toLowerCase()).toContain('smi');
  });

  it('rejects unknown fields, operators and malformed paging with 400 naming the parameter', async () => {
    for (const [query, param] of [
      ['nickname=x', 'nickname'],
      ['birthDate=2012-01-01', 'birthDate'],
      ['studentUniqueId[like]=x', 'studentUniqueId[like]'],
      ['limit=abc', 'limit'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=birthDate', 'sort'],
      ['limit=1&limit=2', 'limit'],
      ['cursor=%%%', 'cursor'],
      ['fields=password', 'fields'],
    ] as const) {
      const response = await app.inject({ url: `/api/v1/edfi/student?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(Object.keys(response.json().validationErrors), query).toContain(param);
    }
  });

  it('round-trips a resource with a composite key (Ed-Fi section) and an ETag', async () => {
    const list = await app.inject({ url: '/api/v1/edfi/section?limit=1' });
    const section = list.json().data[0];
    const key = [section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear];
    const path = `/api/v1/edfi/section/${key.map((part) => encodeURIComponent(String(part))).join('/')}`;
    const got = await app.inject({ url: path });
    expect(got.statusCode).toBe(200);
    const etag = got.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await app.inject({ url: path, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const patched = await app.inject({
      method: 'PATCH',
      url: path,
      payload: { sectionName: 'Renamed' },
      headers: { 'if-match': etag },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().sectionName).toBe('Renamed');
    const stale = await app.inject({
      method: 'PATCH',
      url: path,
      payload: { sectionName: 'Again' },
      headers: { 'if-match': etag },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('precondition_failed');
    const keyChange = await app.inject({ method: 'PATCH', url: path, payload: { schoolYear: 1999 } });
    expect(keyChange.statusCode).toBe(400);
  });

  it('creates, replaces and deletes (OneRoster org), with FK and unique clashes as 409', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/oneroster/orgs',
      payload: { sourcedId: 'org-new', name: 'New School', type: 'school' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/api/v1/oneroster/orgs/org-new');
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/oneroster/orgs',
      payload: { sourcedId: 'org-new', name: 'Again', type: 'school' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_key');
    const badRef = await app.inject({
      method: 'POST',
      url: '/api/v1/oneroster/orgs',
      payload: { sourcedId: 'org-x', name: 'X', type: 'school', parentSourcedId: 'nope' },
    });
    expect(badRef.statusCode).toBe(409);
    expect(badRef.json().code).toBe('reference_not_found');
    const replaced = await app.inject({
      method: 'PUT',
      url: '/api/v1/oneroster/orgs/org-new',
      payload: { name: 'Renamed School', type: 'school', identifier: 'X1' },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ name: 'Renamed School', identifier: 'X1', parentSourcedId: null });
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/oneroster/orgs/org-new' })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/oneroster/orgs/org-new' })).statusCode).toBe(404);
    expect(auditor.events.filter((e) => e.table === 'oneroster.orgs').map((e) => e.operation)).toEqual([
      'INSERT',
      'UPDATE',
      'DELETE',
    ]);
  });

  it('validates bodies from the tables: types, lengths, CHECK values, unknown and server fields', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/oneroster/orgs',
      payload: { sourcedId: 'x'.repeat(300), name: 5, type: 'galaxy', tenantId: 'other', color: 'red' },
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().validationErrors).sort()).toEqual([
      'color',
      'name',
      'sourcedId',
      'tenantId',
      'type',
    ]);
  });

  it('creates a batch all-or-nothing (seed 002 leads)', async () => {
    const orgId = (await app.inject({ url: '/api/v1/core/organizations' })).json().data;
    expect(orgId).toEqual([]); // the district tenant has no language-school rows
    actAs = languageTenant;
    try {
      const org = (await app.inject({ url: '/api/v1/core/organizations' })).json().data[0].id;
      const before = (await app.inject({ url: '/api/v1/crm/leads?limit=1' })).json().page.total;
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/leads',
        payload: [
          { id: L1, organizationId: org, name: 'Ok' },
          { id: L2, organizationId: org, status: 'maybe' },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().validationErrors)).toEqual(['[1].status']);
      const conflict = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/leads',
        payload: [
          { id: L1, organizationId: org, name: 'Ok' },
          { id: L1, organizationId: org, name: 'Dup' },
        ],
      });
      expect(conflict.statusCode).toBe(409);
      expect((await app.inject({ url: '/api/v1/crm/leads?limit=1' })).json().page.total).toBe(before);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/leads',
        payload: [
          { id: L1, organizationId: org, name: 'A' },
          { id: L2, organizationId: org, name: 'B' },
        ],
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().data).toHaveLength(2);
      // Seed 002 ids are ULIDs: validated when given (the key and every reference), generated when not.
      const badIds = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/leads',
        payload: { id: 'lead-1', organizationId: 'not-a-ulid', name: 'X' },
      });
      expect(badIds.statusCode).toBe(400);
      expect(Object.keys(badIds.json().validationErrors).sort()).toEqual(['id', 'organizationId']);
      const generated = await app.inject({
        method: 'POST',
        url: '/api/v1/crm/leads',
        payload: { organizationId: org, name: 'No id' },
      });
      expect(generated.statusCode).toBe(201);
      expect(generated.json().id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    } finally {
      actAs = tenant;
    }
  });

  it('soft-deletes where the seed has is_deleted/deleted_at (seed 000 messages)', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/communication/messages',
      payload: { content: 'Reminder', messageType: 'note' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/communication/messages/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/communication/messages/${id}` })).statusCode).toBe(404);
    const row = await database.query<{ is_deleted: boolean; deleted_at: Date | null }>(
      `SELECT is_deleted, deleted_at FROM communication.messages WHERE id = $1`,
      [id],
    );
    expect(row[0]!.is_deleted).toBe(true);
    expect(row[0]!.deleted_at).not.toBeNull();
  });

  it('keyset paging is stable under concurrent inserts: no row skipped or repeated', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let inserted = 0;
    while (cursor !== null) {
      const page: { data: { studentUniqueId: string }[]; page: { nextCursor: string | null } } = (
        await app.inject({
          url: `/api/v1/edfi/student?limit=7&sort=studentUniqueId${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json();
      seen.push(...page.data.map((s) => s.studentUniqueId));
      // Concurrent writers insert rows before and after the reading position.
      await app.inject({
        method: 'POST',
        url: '/api/v1/edfi/student',
        payload: {
          studentUniqueId: `5${String(++inserted).padStart(5, '0')}`,
          firstName: 'Early',
          lastSurname: 'Bird',
          birthDate: '2012-01-01',
        },
      });
      cursor = page.page.nextCursor;
    }
    const original = seen.filter((id) => id.startsWith('6'));
    expect(original).toHaveLength(60);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('serves the OpenAPI 3.1 document and the documentation page', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(300);
    expect(doc.paths['/api/v1/edfi/student'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'studentUniqueId',
    );
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
  });
});
