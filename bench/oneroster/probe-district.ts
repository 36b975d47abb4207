/**
 * The district the OneRoster probes (tail.ts, byid-probe.ts) load: a fresh PostgreSQL database, migrated,
 * with a generated district at `scale` imported and analysed. `drop()` removes it all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { importPackage } from '../../src/standards/oneroster/csv/import.js';
import { createBenchTenant } from '../lib/tenant.js';
import { districtFiles, districtSize, type DistrictSize } from './district.js';
import { writePackage } from './district-output.js';

export interface ProbeDistrict {
  admin: pg.Client;
  /** The database's name and URL. */
  name: string;
  url: string;
  database: Database;
  tenant: string;
  size: DistrictSize;
  drop(): Promise<void>;
}

export async function probeDistrict(prefix: string, scale: number): Promise<ProbeDistrict> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const name = `${prefix}_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: Number(process.env.TAIL_POOL ?? '10') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const drop = async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await migrate(database);
    const tenant = await createBenchTenant(database, 'bench-or-import');
    const size = districtSize(scale);
    await writePackage(dir, districtFiles(size, tenant), '2026-08-01T00:00:00.000Z');
    await importPackage(database, tenant, dir);
    await database.exec('VACUUM (ANALYZE)');
    // As the benchmark does (index.ts): the load's checkpoint is written before the reads are measured.
    await database.exec('CHECKPOINT');
    return { admin, name, url: url.toString(), database, tenant, size, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
