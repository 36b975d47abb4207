/**
 * Descriptor writes: POST (upsert on namespace + codeValue, compared case-insensitively), PUT and
 * DELETE by id with If-Match. Descriptors are shared by every tenant, so only district-level OAuth
 * clients with the edfi scope may write them, and (the app role may only read edfi.descriptor) the
 * write runs as the owner after that check. Their identity (namespace + codeValue) cannot change:
 * clients hold descriptor URIs, so a changed key would silently re-point every copy they keep.
 * A delete is refused while any row of any tenant still references the descriptor (the
 * `…descriptorid` foreign keys are ON DELETE RESTRICT), and is tracked for every Ed-Fi tenant's
 * /deletes with one change version.
 */
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/auth/request.js';
import type { Principal } from '../../platform/auth/roles.js';
import { rowsOf } from '../../platform/db/database.js';
import { findPgError } from '../../platform/db/pg-errors.js';
import { transaction, type Tx } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/http/errors.js';
import { isDistrictLevel, requireEdfiScope } from './authorization.js';
import { ValidationCollector } from './value-checks.js';
import {
  DESCRIPTOR_COLUMNS,
  descriptorCollection,
  descriptorJson,
  descriptorNotFound,
  UUID,
} from './descriptor-json.js';
import { checkEtag } from './store-reads.js';

interface DescriptorValues {
  namespace: string;
  codeValue: string;
  shortDescription: string;
  description: string | null;
  effectiveBeginDate: string | null;
  effectiveEndDate: string | null;
}

export interface DescriptorWrite {
  id: string;
  created: boolean;
  /** The item as a GET now answers it (for the ETag header). */
  item: Record<string, unknown>;
}

function requireDescriptorWriter(principal: Principal): void {
  requireEdfiScope(principal, 'write');
  if (!isDistrictLevel(principal))
    throw new AppError(
      'forbidden',
      'Descriptors are shared reference data: only district-level clients may write them.',
    );
}

function text(
  errors: ValidationCollector,
  body: Record<string, unknown>,
  name: string,
  max: number,
  required: boolean,
): string | null {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) errors.add(`$.${name}`, 'is required');
    return null;
  }
  if (
    typeof value !== 'string' ||
    value.includes('\u0000') ||
    value.length > max ||
    (required && value.trim() === '')
  ) {
    errors.add(`$.${name}`, `must be a non-empty string of at most ${max} characters`);
    return null;
  }
  return value;
}

function date(errors: ValidationCollector, body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  if (value == null) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    errors.add(`$.${name}`, 'must be a date (YYYY-MM-DD)');
    return null;
  }
  return value;
}

function decodeDescriptor(body: unknown): DescriptorValues {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('validation_failed', 'The request body must be a JSON object.', {
      validationErrors: { $: ['must be a JSON object'] },
    });
  const b = body as Record<string, unknown>;
  const errors = new ValidationCollector();
  const values = {
    namespace: text(errors, b, 'namespace', 255, true),
    codeValue: text(errors, b, 'codeValue', 50, true),
    shortDescription: text(errors, b, 'shortDescription', 75, true),
    description: text(errors, b, 'description', 1024, false),
    effectiveBeginDate: date(errors, b, 'effectiveBeginDate'),
    effectiveEndDate: date(errors, b, 'effectiveEndDate'),
  };
  if (values.namespace && !/^uri:\/\/[^#]+$/i.test(values.namespace))
    errors.add('$.namespace', 'must be a URI of the form uri://<authority>/<path>');
  if (values.effectiveBeginDate && values.effectiveEndDate && values.effectiveEndDate < values.effectiveBeginDate)
    errors.add('$.effectiveEndDate', 'must not be before effectiveBeginDate');
  errors.throwIfAny();
  return values as DescriptorValues;
}

// The change version is the database's (a trigger on edfi.descriptor).
const bumpVersion = sql`lastmodifieddate = now()`;

async function updateDescriptor(
  tx: Tx,
  type: string,
  id: string,
  v: DescriptorValues,
): Promise<Record<string, unknown>> {
  const [row] = rowsOf<Record<string, unknown>>(
    await tx.execute(
      sql`UPDATE edfi.descriptor SET shortdescription = ${v.shortDescription}, description = ${v.description},
        effectivebegindate = ${v.effectiveBeginDate}, effectiveenddate = ${v.effectiveEndDate}, ${bumpVersion}
          WHERE id = ${id}::uuid RETURNING ${DESCRIPTOR_COLUMNS}`,
    ),
  );
  return descriptorJson(type, row!);
}

/** The row of this type with this id, locked for the write; 404 when absent or of another type. */
async function lockedRow(tx: Tx, type: string, id: string): Promise<Record<string, unknown>> {
  const [row] = UUID.test(id)
    ? rowsOf<Record<string, unknown>>(
        await tx.execute(
          sql`SELECT ${DESCRIPTOR_COLUMNS} FROM edfi.descriptor WHERE id = ${id}::uuid
            AND descriptortype = ${type} FOR UPDATE`,
        ),
      )
    : [];
  if (!row) throw descriptorNotFound(type);
  return row;
}

export async function postDescriptor(request: FastifyRequest, type: string): Promise<DescriptorWrite> {
  requireDescriptorWriter(principalOf(request));
  const v = decodeDescriptor(request.body);
  return transaction(request.server.database, async ({ tx }) => {
    const [existing] = rowsOf<{ id: string; descriptortype: string }>(
      await tx.execute(
        sql`SELECT id, descriptortype FROM edfi.descriptor WHERE lower(namespace) = lower(${v.namespace})
          AND lower(codevalue) = lower(${v.codeValue}) FOR UPDATE`,
      ),
    );
    if (existing) {
      if (existing.descriptortype !== type)
        throw new AppError('conflict', `${v.namespace}#${v.codeValue} is already a ${existing.descriptortype}.`);
      return { id: existing.id, created: false, item: await updateDescriptor(tx, type, existing.id, v) };
    }
    const [row] = rowsOf<Record<string, unknown>>(
      await tx.execute(
        sql`INSERT INTO edfi.descriptor (namespace, codevalue, shortdescription, description, effectivebegindate,
          effectiveenddate, descriptortype) VALUES (${v.namespace}, ${v.codeValue}, ${v.shortDescription},
            ${v.description}, ${v.effectiveBeginDate}, ${v.effectiveEndDate}, ${type}) RETURNING ${DESCRIPTOR_COLUMNS}`,
      ),
    );
    return { id: String(row!.id), created: true, item: descriptorJson(type, row!) };
  });
}

/** PUT by id: replaces the non-key fields; a different namespace or codeValue is a 400. */
export async function putDescriptor(
  request: FastifyRequest,
  type: string,
  id: string,
  ifMatch: string | undefined,
): Promise<DescriptorWrite> {
  requireDescriptorWriter(principalOf(request));
  const bodyId = (request.body as { id?: unknown } | null)?.id;
  if (bodyId !== undefined && String(bodyId).toLowerCase() !== id.toLowerCase()) {
    throw new AppError('validation_failed', 'The id in the body does not match the id in the URL.', {
      validationErrors: { '$.id': ['does not match the resource id in the URL'] },
    });
  }
  const v = decodeDescriptor(request.body);
  return transaction(request.server.database, async ({ tx }) => {
    const row = await lockedRow(tx, type, id);
    checkEtag(ifMatch, descriptorJson(type, row));
    // URIs compare case-insensitively, so a change of letter case alone is the same key (kept as stored).
    const sameKey =
      String(row.namespace).toLowerCase() === v.namespace.toLowerCase() &&
      String(row.codevalue).toLowerCase() === v.codeValue.toLowerCase();
    if (!sameKey)
      throw new AppError(
        'bad_request',
        `The natural key (namespace, codeValue) of a ${type} cannot be changed (key values in the body differ from ` +
          `the stored item).`,
      );
    return { id, created: false, item: await updateDescriptor(tx, type, id, v) };
  });
}

/** "Key (descriptorid)=(12) is still referenced from table "studentschoolassociation"." → that table. */
function referencingTable(error: unknown): string | undefined {
  const pg = findPgError(error);
  if (pg?.code !== '23503' && pg?.code !== '23001') return undefined;
  return pg.detail?.match(/referenced from table "?([^".]+)"?/)?.[1] ?? 'another table';
}

/** DELETE by id: 409 dependent-item-exists while referenced; tracked for every Ed-Fi tenant's /deletes. */
export async function deleteDescriptor(
  request: FastifyRequest,
  type: string,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  requireDescriptorWriter(principalOf(request));
  await transaction(request.server.database, async ({ tx }) => {
    const row = await lockedRow(tx, type, id);
    checkEtag(ifMatch, descriptorJson(type, row));
    try {
      await tx.execute(sql`DELETE FROM edfi.descriptor WHERE id = ${id}::uuid`);
    } catch (error) {
      const table = referencingTable(error);
      if (table)
        throw new AppError(
          'dependent_records_exist',
          `The ${type} is still referenced (by ${table}) and cannot be deleted.`,
        );
      throw error;
    }
    // One change version for the delete, recorded in each Ed-Fi tenant's tracking (the row was everyone's).
    const [version] = rowsOf<{ v: string | number }>(
      await tx.execute(sql`SELECT nextval('edfi.changeversionsequence') AS v`),
    );
    const keyValues = JSON.stringify({ namespace: row.namespace, codeValue: row.codevalue });
    await tx.execute(sql`
      INSERT INTO edfi.deletes_tracking (tenant_id, resource, changeversion, id, keyvalues)
      SELECT t.id, ${descriptorCollection(type)}, ${Number(version!.v)}, ${id}::uuid, ${keyValues}::jsonb
      FROM platform.tenants t WHERE t.kind IN ('district', 'school')`);
  });
}
