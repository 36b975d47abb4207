/**
 * Reads without a transaction stay confined to their tenant: row-level security on the read
 * connections, a connection switching tenants between reads, concurrent reads of two tenants, and no
 * write getting through. On PGlite the same calls run in a tenant transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { engine, migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { rowsOf } from './database.js';
import type { TenantDb, Tx } from './engine.js';
import { createTenantSessions, readAsTenant, writeAsTenant } from './tenant-sessions.js';
import { findPgError } from './pg-errors.js';

let database: TestDatabase;
const tenants = [randomUUID(), randomUUID()];

beforeAll(async () => {
  database = await migratedDatabase();
  for (const [i, id] of tenants.entries()) {
    await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $2, 'district')`, [
      id,
      `reads-${i}-${id.slice(0, 8)}`,
    ]);
    await database.query(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
        VALUES ($1, $2, 'A', 'B', '2012-01-01')`,
      [id, `S-${i}`],
    );
  }
});
afterAll(() => database?.dispose());

const studentsSeen = (tenantId: string) =>
  readAsTenant(database, tenantId, async (db) =>
    rowsOf<{ id: string }>(await db.execute(sql`SELECT studentuniqueid AS id FROM edfi.student ORDER BY 1`)).map(
      (r) => r.id,
    ),
  );

describe('the session type', () => {
  it('is not a transaction: a TenantDb cannot be passed where a Tx is required (checked by tsc)', () => {
    expectTypeOf<TenantDb>().not.toMatchTypeOf<Tx>();
    expectTypeOf<Tx>().toMatchTypeOf<TenantDb>();
    expectTypeOf(readAsTenant<void>)
      .parameter(2)
      .parameter(0)
      .toEqualTypeOf<TenantDb>();
    expectTypeOf(writeAsTenant<void>)
      .parameter(2)
      .parameter(0)
      .toEqualTypeOf<TenantDb>();
  });
});

describe('readAsTenant', () => {
  it("sees only the tenant's rows, whoever read on the connection before", async () => {
    for (const i of [0, 1, 0, 0, 1]) expect(await studentsSeen(tenants[i]!)).toEqual([`S-${i}`]);
  });

  it('keeps concurrent reads of two tenants apart', async () => {
    const reads = Array.from({ length: 40 }, (_, n) => n % 2);
    const seen = await Promise.all(reads.map((i) => studentsSeen(tenants[i]!)));
    expect(seen).toEqual(reads.map((i) => [`S-${i}`]));
  });

  it('refuses a write on a server (read-only session); on PGlite a write stays confined', async () => {
    const error = await readAsTenant(database, tenants[0]!, (db) =>
      db.execute(sql`UPDATE edfi.student SET firstname = 'X'`),
    ).catch((e: unknown) => e);
    if (engine() === 'postgres') expect(findPgError(error)?.code).toBe('25006');
    // PGlite runs it in a tenant transaction; what matters there is the confinement.
    const [other] = await database.query<{ firstname: string }>(
      `SELECT firstname FROM edfi.student WHERE tenant_id = $1`,
      [tenants[1]],
    );
    expect(other!.firstname).toBe('A');
  });

  it('refuses a tenant id that is not a UUID', async () => {
    await expect(readAsTenant(database, "x'; DROP TABLE edfi.student; --", async () => 1)).rejects.toThrow(
      /not a UUID/,
    );
  });

  it("writeAsTenant: writes reach only the tenant's rows; a statement stands alone, db.transaction rolls back whole", async () => {
    const renamed = await writeAsTenant(database, tenants[0]!, async (db) =>
      rowsOf<{ id: string }>(
        await db.execute(sql`UPDATE edfi.student SET middlename = 'W' RETURNING studentuniqueid AS id`),
      ),
    );
    expect(renamed.map((r) => r.id)).toEqual(['S-0']);
    const failed = await writeAsTenant(database, tenants[1]!, (db) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE edfi.student SET middlename = 'X'`);
        await tx.execute(sql`SELECT 1/0`);
      }),
    ).catch((e: unknown) => e);
    expect(findPgError(failed)?.code).toBe('22012');
    const rows = await database.query<{ id: string; middlename: string | null }>(
      `SELECT studentuniqueid AS id, middlename FROM edfi.student WHERE tenant_id = ANY($1::uuid[]) ORDER BY 1`,
      [tenants],
    );
    expect(rows).toEqual([
      { id: 'S-0', middlename: 'W' },
      { id: 'S-1', middlename: null },
    ]);
  });

  it.runIf(engine() === 'postgres')(
    'one connection switching tenants at every read, after a failed read too',
    async () => {
      const reads = createTenantSessions(database.url!, {
        max: 1,
        applicationName: 'tenant-sessions-test',
        readOnly: true,
      });
      try {
        const seen = (i: number) =>
          reads.run(tenants[i]!, async (db) =>
            rowsOf<{ id: string }>(await db.execute(sql`SELECT studentuniqueid AS id FROM edfi.student`)).map(
              (r) => r.id,
            ),
          );
        expect(await seen(0)).toEqual(['S-0']);
        await expect(reads.run(tenants[1]!, (db) => db.execute(sql`SELECT 1/0`))).rejects.toThrow();
        expect(await seen(1)).toEqual(['S-1']);
        expect(await seen(0)).toEqual(['S-0']);
        const [role] = await reads.run(tenants[0]!, async (db) =>
          rowsOf<{ role: string }>(await db.execute(sql`SELECT current_user AS role`)),
        );
        expect(role!.role).toBe('schola_app');
      } finally {
        await reads.close();
      }
    },
  );
});
