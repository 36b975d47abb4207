/**
 * Every documented list filter is served by an index: on the demo district, the list query for
 * `<field>=<value>` (as the API runs it, through row-level security) plans no sequential scan of the
 * resource's table when sequential scans are discouraged — i.e. a usable index exists.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allResources } from '../../src/platform/api/registry.js';
import { rowsOf } from '../../src/platform/db/database.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
let tenant: string;

beforeAll(async () => {
  database = await migratedDatabase();
  tenant = (
    await seedDemo(database, {
      ...DEFAULT_DEMO_SIZE,
      students: 40,
      schools: 2,
      sectionsPerSchool: 4,
      languageSchoolStudents: 8,
    })
  ).districtTenantId;
});
afterAll(() => database.dispose());

const SAMPLE: Record<string, string> = {
  uuid: "'00000000-0000-4000-8000-000000000000'",
  date: "'2026-09-01'",
  boolean: 'true',
};

function literal(sqlType: string): string {
  if (sqlType.endsWith('[]')) return `ARRAY['x']::${sqlType}`;
  if (SAMPLE[sqlType]) return `${SAMPLE[sqlType]}::${sqlType}`;
  if (/^(integer|smallint|bigint|serial|bigserial|numeric|double precision|real)/.test(sqlType)) return '1';
  if (sqlType.startsWith('timestamp')) return "'2026-09-01T00:00:00Z'::timestamptz";
  if (sqlType.startsWith('time')) return "'08:00'::time";
  return `'x'::${sqlType.startsWith('char') ? 'text' : sqlType}`;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, table: string): number {
  const self = node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table ? 1 : 0;
  return self + (node.Plans ?? []).reduce((n, child) => n + seqScans(child, table), 0);
}

describe('list filters and indexes', () => {
  it('every filterable field of every resource is served by an index', async () => {
    const unserved: string[] = [];
    let checked = 0;
    for (const resource of allResources()) {
      if (resource.global) continue;
      const order = resource.key.map((k) => `"${resource.fields.get(k)!.column.name}"`).join(', ');
      for (const field of resource.filterable) {
        const column = resource.fields.get(field)!.column;
        const query =
          `SELECT * FROM "${resource.entry.schema}"."${resource.entry.name}" WHERE "${column.name}" = ` +
          `${literal(column.getSQLType())}${order ? ` ORDER BY ${order}` : ''} LIMIT 51`;
        const plan = await tenantTransaction(database, tenant, async ({ tx }) => {
          await tx.execute(sql.raw('SET LOCAL enable_seqscan = off'));
          return rowsOf<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
            await tx.execute(sql.raw(`EXPLAIN (FORMAT JSON) ${query}`)),
          )[0]!;
        });
        const root = (typeof plan['QUERY PLAN'] === 'string' ? JSON.parse(plan['QUERY PLAN']) : plan['QUERY PLAN'])[0]
          .Plan as PlanNode;
        checked++;
        if (seqScans(root, resource.entry.name) > 0) unserved.push(`${resource.name}.${field}`);
      }
    }
    console.log(`index check: ${checked} documented filters, ${unserved.length} without an index`);
    expect(unserved).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
