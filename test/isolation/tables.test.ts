/**
 * Cross-tenant isolation at the database: acting for tenant B (through tenantTransaction, i.e. the
 * app role with row-level security), no row of tenant A is visible, and every write that would touch
 * or create tenant A's rows is refused — for every tenant-owned table that exists.
 */
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTables } from '../../src/schema.js';
import { findPgError } from '../../src/platform/db/pg-errors.js';
import { affectedRows, rowsOf } from '../../src/platform/db/database.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { isolationTenants } from '../support/isolation.js';

let database: TestDatabase;
let tenantA: string;
let tenantA2: string;
let tenantB: string;

const tenantTables = allTables().filter(
  (t) =>
    getTableConfig(t.table).columns.some((c) => c.name === 'tenant_id') &&
    t.qualifiedName !== 'admin.schema_migrations',
);

beforeAll(async () => {
  database = await migratedDatabase();
  ({ tenantA, tenantA2, tenantB } = await isolationTenants(database, {
    students: 40,
    sectionsPerSchool: 4,
    languageSchoolStudents: 8,
  }));
});
afterAll(() => database.dispose());

describe('row-level security between tenants', () => {
  it('every tenant-owned table has row-level security with the tenant policy', async () => {
    const rows = await database.query<{ rel: string; rls: boolean; policies: number }>(
      `SELECT n.nspname || '.' || c.relname AS rel, c.relrowsecurity AS rls,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'
            AND NOT a.attisdropped)`,
    );
    // Bookkeeping outside the data model (migration 0009): protected like the rest, but not a catalog table.
    const bookkeeping = ['oneroster.write_generations'];
    const unprotected = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.rel);
    expect(unprotected).toEqual([]);
    expect(rows.filter((r) => !bookkeeping.includes(r.rel)).length).toBe(tenantTables.length);
  });

  it('tenant B reads no row of tenant A and cannot update, delete or insert them', async () => {
    let attempts = 0;
    const leaks: string[] = [];
    const populated: string[] = [];
    for (const entry of tenantTables) {
      const table = sql.raw(`"${entry.schema}"."${entry.name}"`);
      const ownerCount = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${entry.schema}"."${entry.name}" WHERE tenant_id IN ($1, $2)`,
        [tenantA, tenantA2],
      );
      if (ownerCount[0]!.n > 0) populated.push(entry.qualifiedName);
      await tenantTransaction(database, tenantB, async ({ tx }) => {
        const any = await tx.execute(sql`SELECT count(*)::int AS n FROM ${table}`);
        attempts++;
        if (rowsOf<{ n: number }>(any)[0]!.n !== 0) leaks.push(`${entry.qualifiedName}: read (unfiltered)`);
        const seen = await tx.execute(sql`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ${tenantA}`);
        attempts++;
        if (rowsOf<{ n: number }>(seen)[0]!.n !== 0) leaks.push(`${entry.qualifiedName}: read`);
        if (entry.qualifiedName !== 'compliance.audit_logs') {
          const updated = await tx.execute(
            sql`UPDATE ${table} SET tenant_id = tenant_id WHERE tenant_id IN (${tenantA}, ${tenantA2})`,
          );
          const deleted = await tx.execute(sql`DELETE FROM ${table} WHERE tenant_id IN (${tenantA}, ${tenantA2})`);
          attempts += 2;
          if (affectedRows(updated) > 0) leaks.push(`${entry.qualifiedName}: update`);
          if (affectedRows(deleted) > 0) leaks.push(`${entry.qualifiedName}: delete`);
        }
      });
      // Inserting a row for tenant A while acting for tenant B: refused by the policy (42501).
      const error = await tenantTransaction(database, tenantB, async ({ tx }) => {
        await tx.execute(sql`INSERT INTO ${table} (tenant_id) VALUES (${tenantA})`);
      }).catch((e: unknown) => e);
      attempts++;
      if (findPgError(error)?.code !== '42501')
        leaks.push(`${entry.qualifiedName}: insert (${findPgError(error)?.code ?? 'accepted'})`);
    }
    console.log(
      `isolation: ${attempts} cross-tenant attempts on ${tenantTables.length} tables (${populated.length} holding ` +
        `the demo tenants' rows), ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(populated.length).toBeGreaterThan(50);
  });

  it('the same statements do reach the owner tenant’s rows (the probes are not vacuous)', async () => {
    const touched = await tenantTransaction(database, tenantA, async ({ tx }) =>
      affectedRows(await tx.execute(sql`UPDATE edfi.student SET tenant_id = tenant_id WHERE tenant_id = ${tenantA}`)),
    );
    expect(touched).toBe(40);
  });

  it('the app role cannot rewrite or erase audit rows, even its own tenant’s', async () => {
    const denied = await tenantTransaction(database, tenantA, async ({ tx }) => {
      await tx.execute(sql`DELETE FROM compliance.audit_logs`);
    }).catch((e: unknown) => e);
    expect(findPgError(denied)?.code).toBe('42501');
  });

  it('refuses a tenant id that is not a UUID', async () => {
    await expect(tenantTransaction(database, "x' OR '1'='1", async () => undefined)).rejects.toThrow(/not a UUID/);
  });
});
