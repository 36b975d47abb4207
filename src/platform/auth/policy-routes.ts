/**
 * Access-policy administration (compliance.data_access_controls):
 *   GET  /api/v1/access-policies       district_admin, auditor
 *   POST /api/v1/access-policies       district_admin
 *   PUT  /api/v1/access-policies/:id   district_admin (full replacement of the editable fields)
 *
 * Who may administer policies is fixed here, not read from the policies themselves: an edited policy
 * can neither lock the district admin out nor let another role grant itself this power. Bodies are
 * validated against the engine's vocabulary (roles, classifications, scopes, existing tables), and every
 * change writes a FERPA audit row in the same transaction.
 */
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CLASSIFICATIONS, tableClassifications } from './classification.js';
import { POLICY_ADMIN_ROLE, POLICY_TABLE } from './policy.js';
import { SCOPES } from './policy-scopes.js';
import { forgetPolicies } from './default-policies.js';
import { principalOf, withTenant } from './request.js';
import { ROLES, type Principal, type Role } from './roles.js';
import { recordAudit } from '../audit/audit.js';
import { AppError } from '../http/errors.js';
import { dataAccessControls } from './tables.js';

const PATH = '/api/v1/access-policies';
const READERS: Role[] = ['district_admin', 'auditor'];

const policyBody = z
  .object({
    roleName: z.enum(ROLES),
    resourceType: z.enum(CLASSIFICATIONS),
    resourceIdentifier: z.string().min(1).max(255),
    permissionType: z.enum(['read', 'write', 'delete']),
    conditions: z
      .object({ scope: z.enum(SCOPES).optional() })
      .strict()
      .nullable()
      .default(null),
    educationalInterestRequired: z.boolean().default(true),
    approvalRequired: z.boolean().default(false),
    approverRole: z.enum(ROLES).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((p, ctx) => {
    const problem = identifierProblem(p.resourceIdentifier, p.resourceType);
    if (problem) ctx.addIssue({ code: 'custom', path: ['resourceIdentifier'], message: problem });
    if (p.approvalRequired && !p.approverRole)
      ctx.addIssue({ code: 'custom', path: ['approverRole'], message: 'is required when approvalRequired is true' });
    const reachesPolicies =
      p.resourceType === 'compliance' && ['*', 'compliance.*', POLICY_TABLE].includes(p.resourceIdentifier);
    if (reachesPolicies && p.permissionType !== 'read' && p.roleName !== POLICY_ADMIN_ROLE) {
      ctx.addIssue({
        code: 'custom',
        path: ['roleName'],
        message: `only ${POLICY_ADMIN_ROLE} may write or delete ${POLICY_TABLE}`,
      });
    }
  });

/** Why a resource identifier does not name tables of the classification, or undefined when it does. */
function identifierProblem(identifier: string, classification: string): string | undefined {
  if (identifier === '*') return undefined;
  const entries = [...tableClassifications()];
  if (identifier.endsWith('.*')) {
    const schema = identifier.slice(0, -2);
    if (!entries.some(([t]) => t.startsWith(`${schema}.`))) return `no schema "${schema}"`;
    return entries.some(([t, c]) => t.startsWith(`${schema}.`) && c === classification)
      ? undefined
      : `schema "${schema}" has no ${classification} table`;
  }
  const actual = tableClassifications().get(identifier);
  if (!actual) return "must be '*', 'schema.*' or an existing 'schema.table'";
  return actual === classification ? undefined : `${identifier} is classified ${actual}, not ${classification}`;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fields[issue.path.map(String).join('.') || '$'] ??= []).push(issue.message);
  throw AppError.validation(fields);
}

const idParam = z.object({ id: z.coerce.number().int().positive().max(2147483647) });

function requireRole(principal: Principal, allowed: Role[], what: string): void {
  if (!principal.roles.some((r) => allowed.includes(r)))
    throw new AppError('forbidden', `Only ${allowed.join(' or ')} may ${what}.`);
}

type Row = typeof dataAccessControls.$inferSelect;
const present = ({ tenantId: _tenant, ...row }: Row) => row;

export async function policyRoutes(app: FastifyInstance): Promise<void> {
  // Policies are cached per tenant (default-policies.ts): once a write has committed, forget them.
  // A callback hook, not an async one: it runs on every response of the app.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.method !== 'GET' && request.routeOptions.url?.startsWith(PATH) && request.principal)
      forgetPolicies(request.principal.tenantId);
    done(null, payload);
  });
  app.get(PATH, async (request) => {
    requireRole(principalOf(request), READERS, 'read access policies');
    return withTenant(request, async ({ tx }) => ({
      data: (await tx.select().from(dataAccessControls).orderBy(asc(dataAccessControls.id))).map(present),
    }));
  });

  app.post(PATH, async (request, reply) => {
    requireRole(principalOf(request), [POLICY_ADMIN_ROLE], 'create access policies');
    const body = parse(policyBody, request.body);
    const created = await withTenant(request, async ({ tx, tenantId, principal, meta }) => {
      const [row] = await tx
        .insert(dataAccessControls)
        .values({ tenantId, ...body })
        .returning();
      await recordAudit(tx, {
        principal,
        meta,
        table: POLICY_TABLE,
        recordId: row!.id,
        operation: 'INSERT',
        newValues: present(row!),
        dataCategories: ['compliance'],
      });
      return row!;
    });
    return reply.status(201).header('location', `${PATH}/${created.id}`).send(present(created));
  });

  app.put(`${PATH}/:id`, async (request) => {
    requireRole(principalOf(request), [POLICY_ADMIN_ROLE], 'change access policies');
    const { id } = parse(idParam, request.params);
    const body = parse(policyBody, request.body);
    return withTenant(request, async ({ tx, principal, meta }) => {
      const [before] = await tx.select().from(dataAccessControls).where(eq(dataAccessControls.id, id)).for('update');
      if (!before) throw new AppError('not_found', `No access policy ${id}.`);
      const [after] = await tx
        .update(dataAccessControls)
        .set({ ...body, updatedAt: new Date() })
        .where(eq(dataAccessControls.id, id))
        .returning();
      await recordAudit(tx, {
        principal,
        meta,
        table: POLICY_TABLE,
        recordId: id,
        operation: 'UPDATE',
        oldValues: present(before),
        newValues: present(after!),
        dataCategories: ['compliance'],
      });
      return present(after!);
    });
  });

  app.delete(`${PATH}/:id`, async (request, reply) => {
    requireRole(principalOf(request), [POLICY_ADMIN_ROLE], 'delete access policies');
    const { id } = parse(idParam, request.params);
    await withTenant(request, async ({ tx, principal, meta }) => {
      const [before] = await tx.delete(dataAccessControls).where(eq(dataAccessControls.id, id)).returning();
      if (!before) throw new AppError('not_found', `No access policy ${id}.`);
      await recordAudit(tx, {
        principal,
        meta,
        table: POLICY_TABLE,
        recordId: id,
        operation: 'DELETE',
        oldValues: present(before),
        dataCategories: ['compliance'],
      });
    });
    return reply.status(204).send();
  });
}

/** The generic API leaves this table's writes to the endpoints above (they keep the cache in step). */
export const accessPolicyOwnership = {
  name: 'access-policies',
  owns: [
    {
      table: dataAccessControls,
      writeVia: [`POST ${PATH}`, `PUT ${PATH}/{id}`, `DELETE ${PATH}/{id}`],
    },
  ],
};
