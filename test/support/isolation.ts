/**
 * The cross-tenant isolation suites' world: a small demo (tenant A, the district, and A2, its language
 * school, both with data) and an empty district B, the intruder, that tries to reach them.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_DEMO_SIZE, seedDemo, type DemoSize } from '../../src/demo/seed.js';
import type { TestDatabase } from './db.js';

export const INTRUDER_SLUG = 'intruder-isd';

export interface IsolationTenants {
  tenantA: string;
  tenantA2: string;
  tenantB: string;
}

export async function isolationTenants(
  database: TestDatabase,
  size: Pick<DemoSize, 'students' | 'sectionsPerSchool' | 'languageSchoolStudents'>,
): Promise<IsolationTenants> {
  const demo = await seedDemo(database, { ...DEFAULT_DEMO_SIZE, schools: 2, ...size });
  const tenantB = randomUUID();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, '${INTRUDER_SLUG}', 'Intruder ISD', 'district')`,
    [tenantB],
  );
  return { tenantA: demo.districtTenantId, tenantA2: demo.languageSchoolTenantId, tenantB };
}
