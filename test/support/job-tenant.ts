/**
 * What the job runner's tests start from: a migrated database of the engine under test with one
 * district tenant, and an empty upload directory; and their removal once the file's tests are done.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migratedDatabase, type TestDatabase } from './db.js';

export interface JobTenant {
  database: TestDatabase;
  tenantId: string;
  uploadDir: string;
}

/** A new database with a district tenant named `name` (slug `slug`) and an upload directory. */
export async function jobTenant(slug: string, name: string): Promise<JobTenant> {
  const database = await migratedDatabase();
  const tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [
    tenantId,
    slug,
    name,
  ]);
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), `schola-${slug}-`));
  return { database, tenantId, uploadDir };
}

export async function disposeJobTenant(tenant: Partial<JobTenant>): Promise<void> {
  await tenant.database?.dispose();
  if (tenant.uploadDir) fs.rmSync(tenant.uploadDir, { recursive: true, force: true });
}
