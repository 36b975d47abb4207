/**
 * Named statements (prepared.ts): the same answers as unnamed ones, prepared once per connection on a
 * server, and still confined by row-level security when one connection serves tenant after tenant with
 * the same prepared statement (its plan may be generic: the tenant must be read at execution).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { rowsOf } from './database.js';
import { executePrepared, statementTemplates, type Bind } from './prepared.js';
import { readAsTenant } from './tenant-sessions.js';

let database: TestDatabase;
const tenants = [randomUUID(), randomUUID()];

beforeAll(async () => {
  database = await migratedDatabase();
  for (const [i, id] of tenants.entries()) {
    await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $2, 'district')`, [
      id,
      `prepared-${i}-${id.slice(0, 8)}`,
    ]);
    for (const n of [1, 2, 3].slice(0, i + 1))
      await database.query(
        `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
          VALUES ($1, $2, 'A', 'B', '2012-01-01')`,
        [id, `P${i}-${n}`],
      );
  }
});
afterAll(() => database?.dispose());

const students = (tenantId: string, prefix: string) =>
  readAsTenant(database, tenantId, async (db) =>
    rowsOf<{ id: string }>(
      await executePrepared(
        db,
        sql`SELECT studentuniqueid AS id FROM edfi.student WHERE studentuniqueid LIKE ${`${prefix}%`} ORDER BY 1`,
      ),
    ).map((r) => r.id),
  );

describe('executePrepared', () => {
  it('answers as an unnamed statement would', async () => {
    expect(await students(tenants[1]!, 'P1')).toEqual(['P1-1', 'P1-2']);
  });

  it("stays confined to each tenant over many executions (past PostgreSQL's switch to a generic plan)", async () => {
    // Both tenants' rows match the text; only row-level security tells them apart. Alternating on the
    // same pooled connections, with the same named statement, more than five times each.
    for (let round = 0; round < 8; round++) {
      expect(await students(tenants[0]!, 'P')).toEqual(['P0-1']);
      expect(await students(tenants[1]!, 'P')).toEqual(['P1-1', 'P1-2']);
    }
  });

  it.runIf(engine() === 'postgres')('prepares the statement on the server once per connection', async () => {
    const statement = sql`SELECT count(*)::int AS n FROM edfi.student WHERE studentuniqueid LIKE 'P%'`;
    const prepared = await readAsTenant(database, tenants[0]!, async (db) => {
      const counts = [];
      for (let i = 0; i < 3; i++) counts.push(rowsOf<{ n: number }>(await executePrepared(db, statement))[0]!.n);
      expect(counts).toEqual([1, 1, 1]);
      return rowsOf<{ n: number }>(
        await db.execute(
          sql`SELECT count(*)::int AS n FROM pg_prepared_statements
            WHERE statement LIKE '%count(*)::int AS n FROM edfi.student%'`,
        ),
      );
    });
    expect(prepared[0]!.n).toBe(1);
  });

  it('a statement template compiled once answers each execution with its own values, confined to each tenant', async () => {
    const template = statementTemplates();
    const build = (prefix: string) => (bind: Bind) =>
      sql`SELECT studentuniqueid AS id FROM edfi.student
        WHERE studentuniqueid LIKE ${bind('prefix', prefix)} ORDER BY 1`;
    const read = (tenantId: string, prefix: string) =>
      readAsTenant(database, tenantId, async (db) =>
        rowsOf<{ id: string }>(await template(db, 'students', build(`${prefix}%`), { prefix: `${prefix}%` })).map(
          (r) => r.id,
        ),
      );
    for (let round = 0; round < 7; round++) {
      expect(await read(tenants[1]!, 'P1-1')).toEqual(['P1-1']);
      expect(await read(tenants[1]!, 'P')).toEqual(['P1-1', 'P1-2']);
      expect(await read(tenants[0]!, 'P')).toEqual(['P0-1']);
    }
  });
});
