/**
 * The policy engine's rules beyond the role matrix (policy.test.ts), over the same demo district:
 * approval_required, the most specific row deciding, a remembered list decision following scopes,
 * justification and reloads, deny by default, several roles, and the default rows themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPolicyWorld, read, type PolicyWorld } from '../../../test/support/policy-world.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { defaultPolicies, loadPolicies, toPolicyRow } from './default-policies.js';
import type { PolicyRow } from './policy.js';
import { dataAccessControls } from './tables.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

let w: PolicyWorld;
beforeAll(async () => {
  w = await openPolicyWorld();
});
afterAll(() => w?.dispose());

describe('policy engine: approval, remembered decisions, deny by default', () => {
  it('approval_required refuses, naming the approver; the most specific row decides', async () => {
    const nurse = w.principal(['nurse'], { schoolIds: [w.S1] });
    await tenantTransaction(w.database, w.tenantId, ({ tx }) =>
      tx.insert(dataAccessControls).values({
        tenantId: w.tenantId,
        roleName: 'nurse',
        resourceType: 'sensitive_health',
        resourceIdentifier: 'health.medications',
        permissionType: 'read',
        approvalRequired: true,
        approverRole: 'school_admin',
      }),
    );
    const decision = await w.ask(nurse, read('health.medications', { studentUsi: w.ownStudent }));
    expect(decision).toMatchObject({
      allowed: false,
      requiresApproval: true,
      reason: expect.stringContaining('approval required from school_admin'),
    });
    expect((await w.ask(nurse, read('health.allergies', { studentUsi: w.ownStudent }))).allowed).toBe(true);
  });

  it('a remembered list decision still follows the scopes, the justification and a reload of the policies', async () => {
    const policies = await tenantTransaction(w.database, w.tenantId, ({ tx }) => loadPolicies(tx));
    expect(Object.isFrozen(policies)).toBe(true);
    const client = w.principal(['api_client'], {
      kind: 'client',
      actorId: 'list-client',
      scopes: [`${OR}roster.readonly`],
    });
    for (let i = 0; i < 2; i++) {
      expect((await w.ask(client, read('oneroster.users'), policies)).allowed).toBe(true);
      expect((await w.ask({ ...client, scopes: [] }, read('oneroster.users'), policies)).allowed).toBe(false);
      const admin = w.principal(['district_admin']);
      expect((await w.ask(admin, read('health.student_health_records'), policies)).allowed).toBe(false);
      expect((await w.ask(admin, read('health.student_health_records', {}, 'review'), policies)).allowed).toBe(true);
    }
    // The same rows, the client's grant inactive: a new list (a reload) is decided afresh.
    const reloaded = Object.freeze(
      policies.map((row) => Object.freeze(row.roleName === 'api_client' ? { ...row, active: false } : row)),
    ) as PolicyRow[];
    expect((await w.ask(client, read('oneroster.users'), reloaded)).allowed).toBe(false);
    expect((await w.ask(client, read('oneroster.users'), policies)).allowed).toBe(true);
  });

  it('denies by default: unknown table, unknown role, no policy, inactive policy', async () => {
    const admin = w.principal(['district_admin']);
    expect((await w.ask(admin, read('edfi.no_such_table'))).reason).toMatch(/unknown table/);
    expect((await w.ask(admin, read('public.secrets'))).allowed).toBe(false);
    const janitor = await w.ask(w.principal(['janitor']), read('edfi.descriptor'));
    expect(janitor).toMatchObject({ allowed: false, reason: expect.stringMatching(/no known role/) });
    expect((await w.ask(w.principal([]), read('edfi.descriptor'))).allowed).toBe(false);
    expect((await w.ask(admin, read('edfi.student'), [])).allowed).toBe(false);
    const stored = {
      id: 1,
      tenantId: w.tenantId,
      roleName: 'district_admin',
      resourceType: 'directory',
      resourceIdentifier: '*',
      permissionType: 'READ',
      educationalInterestRequired: false,
      approvalRequired: false,
      approverRole: null,
      active: true,
      createdAt: null,
      updatedAt: null,
    };
    expect(toPolicyRow({ ...stored, conditions: null })).toMatchObject({ permissionType: 'read' });
    // conditions it cannot honour grant nothing
    expect(toPolicyRow({ ...stored, conditions: { scope: 'galaxy' } })).toBeUndefined();
    expect(toPolicyRow({ ...stored, conditions: { scope: 'school', onlyOnTuesdays: true } })).toBeUndefined();
    const inactive = defaultPolicies().map((p) => ({ ...p, active: false }));
    expect((await w.ask(admin, read('edfi.student'), inactive)).allowed).toBe(false);
  });

  it('several roles: any allowing role allows, with the broadest scope', async () => {
    const both = w.principal(['teacher', 'nurse'], { schoolIds: [w.S1], person: { edfiStaffUSI: w.teacherUsi } });
    expect((await w.ask(both, read('health.immunizations', { studentUsi: w.sameSchoolStudent }))).allowed).toBe(true);
    expect((await w.ask(both, read('edfi.grade', { studentUsi: w.ownStudent }))).scope).toBe('own_sections');
  });

  it('the default rows are unique per role, classification, resource and permission', () => {
    const keys = defaultPolicies().map(
      (p) => `${p.roleName}|${p.resourceType}|${p.resourceIdentifier}|${p.permissionType}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('nobody but district_admin holds a write on compliance.data_access_controls by default', () => {
    const writers = defaultPolicies().filter(
      (p) =>
        p.permissionType !== 'read' &&
        p.resourceType === 'compliance' &&
        ['*', 'compliance.*', 'compliance.data_access_controls'].includes(p.resourceIdentifier),
    );
    expect(new Set(writers.map((p) => p.roleName))).toEqual(new Set(['district_admin']));
  });
});
