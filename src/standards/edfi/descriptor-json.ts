/**
 * The Ed-Fi shape of one edfi.descriptor row (shared by the descriptor reads and writes), the
 * collection ↔ type naming, and the columns every descriptor SELECT/RETURNING reads.
 */
import { sql } from 'drizzle-orm';
import { etagOf } from '../../platform/api/etag.js';
import { AppError } from '../../platform/http/errors.js';

export const DESCRIPTOR_COLUMNS = sql`descriptorid, namespace, codevalue, shortdescription, description,
  effectivebegindate::text AS effectivebegindate, effectiveenddate::text AS effectiveenddate, descriptortype, id,
    lastmodifieddate`;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'gradeLevelDescriptors' → 'GradeLevelDescriptor'; undefined when not a descriptor collection. */
export function descriptorType(collection: string): string | undefined {
  if (!/^[a-z][A-Za-z0-9]*Descriptors$/.test(collection)) return undefined;
  return collection[0]!.toUpperCase() + collection.slice(1, -1);
}

/** 'GradeLevelDescriptor' → 'gradeLevelDescriptors' (the resource name in the change-tracking tables). */
export function descriptorCollection(type: string): string {
  return `${type[0]!.toLowerCase()}${type.slice(1)}s`;
}

/** The type of a descriptor collection, or 404 (as for any unknown resource). */
export function typeOf(collection: string): string {
  const type = descriptorType(collection);
  if (!type) throw new AppError('not_found', `No Ed-Fi resource ${collection}.`);
  return type;
}

export function descriptorJson(type: string, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    [`${type[0]!.toLowerCase()}${type.slice(1)}Id`]: row.descriptorid,
    codeValue: row.codevalue,
    namespace: row.namespace,
    shortDescription: row.shortdescription,
  };
  if (row.description != null) out.description = row.description;
  if (row.effectivebegindate != null) out.effectiveBeginDate = row.effectivebegindate;
  if (row.effectiveenddate != null) out.effectiveEndDate = row.effectiveenddate;
  out._lastModifiedDate = (
    row.lastmodifieddate instanceof Date ? row.lastmodifieddate : new Date(String(row.lastmodifieddate))
  ).toISOString();
  out._etag = etagOf(out).replace(/"/g, '');
  return out;
}

export function descriptorNotFound(type: string): AppError {
  return new AppError('not_found', `The requested ${type} was not found.`);
}
