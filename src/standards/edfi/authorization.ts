/**
 * Who may use the Ed-Fi API, and on which rows. Reads need an Ed-Fi scope (`edfi` or `edfi.readonly`;
 * signed-in people get `edfi.readonly` from their roles); writes are for OAuth clients with `edfi`.
 * Rows: the platform's policy engine through the API guard (src/platform/api/policy-guard.ts), so an
 * Ed-Fi client bound to schools (principal.schoolIds) reaches its schools' rows, students enrolled
 * there (studentSchoolAssociation) and staff assigned there (staffSchoolAssociation); a client with
 * no school claims is district-level (the whole tenant).
 *
 * One deliberate exception: creating a brand-new student or staff member (POST of an unknown unique
 * id) needs no relationship — none can exist before the enrollment is posted (as in the Ed-Fi ODS/API).
 */
import type { TenantDb } from '../../platform/db/engine.js';
import type { SQL } from 'drizzle-orm';
import { policyGuard } from '../../platform/api/policy-guard.js';
import { resourceByName, type Resource } from '../../platform/api/registry.js';
import { SCHOLA_SCOPE } from '../../platform/auth/access-tokens.js';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/http/errors.js';
import type { ResourceModel } from './model.js';

export type EdfiAction = 'read' | 'write' | 'delete';
const EDFI = `${SCHOLA_SCOPE}edfi`;

/** The caller may use the Ed-Fi API for this kind of action at all (scopes, client kind). */
export function requireEdfiScope(principal: Principal, action: EdfiAction): void {
  if (action === 'read') {
    if (principal.scopes.includes(EDFI) || principal.scopes.includes(`${EDFI}.readonly`)) return;
    throw new AppError('forbidden', 'The caller has no Ed-Fi scope (edfi or edfi.readonly).');
  }
  if (principal.kind !== 'client' || !principal.scopes.includes(EDFI)) {
    throw new AppError('forbidden', 'Writes through the Ed-Fi API need an OAuth client with the edfi scope.');
  }
}

/** District-level: no education-organization claims. */
export function isDistrictLevel(principal: Principal): boolean {
  return principal.schoolIds === undefined;
}

function registryResource(model: ResourceModel): Resource {
  const resource = resourceByName(model.qualifiedName.replace('.', '/'));
  if (!resource) throw new AppError('internal', `No registry entry for ${model.qualifiedName}.`);
  return resource;
}

/** Column-name keyed values → the registry's property-keyed subject (what the policy engine reads). */
function subjectOf(resource: Resource, values: Record<string, unknown>): Record<string, unknown> {
  const subject: Record<string, unknown> = {};
  for (const field of resource.fields.values())
    if (field.column.name in values) subject[field.name] = values[field.column.name];
  return subject;
}

/** Without a record: the condition confining reads to the caller's rows (undefined = all of the tenant). */
export async function readScope(
  db: TenantDb,
  principal: Principal,
  meta: RequestMeta,
  model: ResourceModel,
): Promise<SQL | undefined> {
  requireEdfiScope(principal, 'read');
  const decision = await policyGuard.decide(db, principal, meta, registryResource(model), 'read');
  if (!decision.allowed) throw new AppError('forbidden', decision.reason);
  return decision.scope;
}

/** With a record (column-name keyed values): may the caller write or delete it? */
export async function authorizeRecord(
  db: TenantDb,
  principal: Principal,
  meta: RequestMeta,
  model: ResourceModel,
  action: 'write' | 'delete',
  values: Record<string, unknown>,
  isNewPerson = false,
): Promise<void> {
  requireEdfiScope(principal, action);
  if (isNewPerson) return;
  const resource = registryResource(model);
  const decision = await policyGuard.decide(db, principal, meta, resource, action, subjectOf(resource, values));
  if (!decision.allowed) throw new AppError('forbidden', decision.reason);
}
