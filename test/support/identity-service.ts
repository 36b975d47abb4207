/**
 * Set-up shared by the identity service tests: a private migrated database with one district tenant, and
 * `refusal`, which awaits a promise that must fail with an AppError and returns that error.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { AppError } from '../../src/platform/http/errors.js';
import { migratedDatabase, type TestDatabase } from './db.js';

export const TENANT = 'identity-svc';
export const PASSWORD = 'correct horse battery 7';

export async function identityTenant(): Promise<{ database: TestDatabase; tenantId: string }> {
  const database = await migratedDatabase();
  const tenantId = randomUUID();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Identity ISD', 'district')`,
    [tenantId, TENANT],
  );
  return { database, tenantId };
}

export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
