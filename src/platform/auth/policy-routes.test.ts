import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { defaultPolicies, seedDefaultPolicies } from './default-policies.js';
import type { Principal, Role } from './roles.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { buildApp } from '../http/app.js';
import { createLogger } from '../log/logger.js';
import { tenants } from '../tenancy/tables.js';
import { policyRoutes } from './policy-routes.js';

let database: TestDatabase;
let app: FastifyInstance;
const tenantId = randomUUID();

/** Stands in for authentication (another module): `x-test-role` becomes the request's principal. */
function testPrincipal(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-test-role'];
    if (typeof role === 'string') {
      request.principal = {
        kind: 'user',
        tenantId,
        actorId: randomUUID(),
        roles: [role as Role],
        scopes: [],
      } satisfies Principal;
    }
  });
}

const as = (role: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: role ? { 'x-test-role': role } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const rule = {
  roleName: 'teacher',
  resourceType: 'sensitive_health',
  resourceIdentifier: 'health.immunizations',
  permissionType: 'read',
};

beforeAll(async () => {
  database = await migratedDatabase();
  await database.db
    .insert(tenants)
    .values({ id: tenantId, slug: 'policy-routes', name: 'Policy ISD', kind: 'district' });
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  app = await buildApp({ database, logger: createLogger('silent'), plugins: [testPrincipal, policyRoutes] });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('access-policy routes', () => {
  it("lists the tenant's policies for district admins and auditors only", async () => {
    const admin = await as('district_admin', 'GET', '/api/v1/access-policies');
    expect(admin.statusCode).toBe(200);
    expect(admin.json().data).toHaveLength(defaultPolicies().length);
    expect(admin.json().data[0]).not.toHaveProperty('tenantId');
    expect((await as('auditor', 'GET', '/api/v1/access-policies')).statusCode).toBe(200);
    expect((await as('teacher', 'GET', '/api/v1/access-policies')).statusCode).toBe(403);
    expect((await as(undefined, 'GET', '/api/v1/access-policies')).statusCode).toBe(401);
  });

  it('lets a district admin create and edit a policy, and audits both changes', async () => {
    const created = await as('district_admin', 'POST', '/api/v1/access-policies', {
      ...rule,
      conditions: { scope: 'own_sections' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(created.headers.location).toBe(`/api/v1/access-policies/${id}`);
    expect(created.json()).toMatchObject({
      ...rule,
      conditions: { scope: 'own_sections' },
      educationalInterestRequired: true,
      approvalRequired: false,
      active: true,
    });

    const edited = await as('district_admin', 'PUT', `/api/v1/access-policies/${id}`, {
      ...rule,
      approvalRequired: true,
      approverRole: 'nurse',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id, approvalRequired: true, approverRole: 'nurse', conditions: null });

    const audit = await database.query<{ operation: string; record_id: string }>(
      `SELECT operation, record_id FROM compliance.audit_logs WHERE tenant_id = $1
        AND table_name = 'compliance.data_access_controls' ORDER BY tenant_seq`,
      [tenantId],
    );
    expect(audit).toEqual([
      { operation: 'INSERT', record_id: String(id) },
      { operation: 'UPDATE', record_id: String(id) },
    ]);
    expect((await as('district_admin', 'PUT', '/api/v1/access-policies/999999', rule)).statusCode).toBe(404);
    // same rule twice
    expect((await as('district_admin', 'POST', '/api/v1/access-policies', rule)).statusCode).toBe(409);
  });

  it('refuses every other role with 403, whatever the body', async () => {
    for (const role of ['teacher', 'auditor', 'school_admin']) {
      const response = await as(role, 'POST', '/api/v1/access-policies', { ...rule, roleName: role });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
      expect((await as(role, 'PUT', '/api/v1/access-policies/1', rule)).statusCode).toBe(403);
    }
  });

  it('answers 400 naming the field for a bad body', async () => {
    const cases: [unknown, string][] = [
      [{ ...rule, roleName: 'janitor' }, 'roleName'],
      [{ ...rule, resourceType: 'secret' }, 'resourceType'],
      [{ ...rule, permissionType: 'own' }, 'permissionType'],
      [{ ...rule, resourceIdentifier: 'health.nothing' }, 'resourceIdentifier'],
      [{ ...rule, resourceIdentifier: 'edfi.grade' }, 'resourceIdentifier'], // classified educational_record
      [{ ...rule, conditions: { scope: 'galaxy' } }, 'conditions.scope'],
      [{ ...rule, approvalRequired: true }, 'approverRole'],
      [{ ...rule, extra: 1 }, '$'],
      [
        { roleName: 'school_admin', resourceType: 'compliance', resourceIdentifier: '*', permissionType: 'write' },
        'roleName',
      ],
    ];
    for (const [payload, field] of cases) {
      const response = await as('district_admin', 'POST', '/api/v1/access-policies', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(response.json().validationErrors), JSON.stringify(payload)).toContain(field);
    }
    expect(
      (await as('district_admin', 'PUT', '/api/v1/access-policies/abc', rule)).json().validationErrors,
    ).toHaveProperty('id');
  });
});
