/**
 * The policy engine: one decision, deny by default, over role × data classification × relationship.
 *
 * Rules come from compliance.data_access_controls (loaded by `loadPolicies`). A row grants one role
 * one permission (read | write | delete) on one classification — on every table of it
 * (`resource_identifier = '*'`), on one schema's tables of it (`'schema.*'`) or on one table
 * (`'schema.table'`). Per role the most specific matching row decides (so a district admin can tighten
 * one table below its classification's rule); across a principal's roles any allowing row allows.
 *
 * Relationship: `conditions.scope` of the row, or the role's natural scope —
 *   tenant (district admin, auditor) · school (school staff, finance, admissions, API clients: the
 *   principal's schoolIds; none = the whole tenant) · own_sections (teacher: students of the Ed-Fi
 *   sections they are assigned to, and their own classroom sessions) · own_children (parent:
 *   identity.account_students) · self (student) (the names and each role's scope: policy-scopes.ts).
 * With a subject (the record concerned) the relationship is checked (subject-relationship.ts); without
 * one (a list) the decision returns the scope the caller must filter by. Writes and deletes below tenant
 * scope must name their subject.
 *
 * `educational_interest_required` — our reading: a relationship the engine has verified (own sections,
 * own children, self, or a student of the school the official is bound to) *is* the legitimate
 * educational interest; a principal reaching the data only through a tenant-wide scope must state a
 * justification (RequestMeta.justification, header x-justification), which the audit row keeps.
 * `approval_required` — there is no approval workflow yet: such access is refused with
 * "approval required from <approver_role>".
 * API clients are further limited by their OAuth scopes (OneRoster 1.2 and Schola's Ed-Fi scopes).
 */
import { classificationOf, type Classification } from './classification.js';
import { oauthScopesCover } from './oauth-scopes.js';
import { ROLE_SCOPE, type Scope } from './policy-scopes.js';
import { ROLES, type Action, type Principal, type Role } from './roles.js';
import { relationshipHolds, type AccessSubject, type RelationshipResolver } from './subject-relationship.js';

export type { Action } from './roles.js';

/** A row of compliance.data_access_controls. */
export interface PolicyRow {
  id?: number;
  roleName: string;
  /** A classification. */
  resourceType: string;
  /** '*', 'schema.*' or 'schema.table'. */
  resourceIdentifier: string;
  permissionType: string;
  conditions: { scope?: Scope } | null;
  educationalInterestRequired: boolean;
  approvalRequired: boolean;
  approverRole: string | null;
  active: boolean;
}

export interface AccessRequest {
  action: Action;
  /** schema.table */
  table: string;
  subject?: AccessSubject;
  /** RequestMeta.justification: the stated legitimate educational interest. */
  justification?: string;
}

export interface DecisionContext {
  policies: readonly PolicyRow[];
  relationships: RelationshipResolver;
  now?: Date;
}

export interface Decision {
  allowed: boolean;
  reason: string;
  scope: Scope;
  /** The access needed a stated justification (the audit row records it as legitimate educational interest). */
  requiresJustification: boolean;
  requiresApproval: boolean;
}

/** Written only by the platform's audit module, never through a policy. */
const PLATFORM_WRITTEN = new Set(['compliance.audit_logs', 'compliance.audit_chain_heads']);
/** Who may ever change the policies themselves (no self-escalation through an edited policy). */
export const POLICY_TABLE = 'compliance.data_access_controls';
export const POLICY_ADMIN_ROLE: Role = 'district_admin';

const SCOPE_BREADTH: Scope[] = ['self', 'own_children', 'own_sections', 'school', 'tenant'];

const deny = (reason: string, scope: Scope = 'self', extra: Partial<Decision> = {}): Decision => ({
  allowed: false,
  reason,
  scope,
  requiresJustification: false,
  requiresApproval: false,
  ...extra,
});

const indexes = new WeakMap<readonly PolicyRow[], Map<string, PolicyRow[]>>();

/**
 * The rows that may grant `role` the `action`: all of them, or, for a frozen list of frozen rows (what
 * loadPolicies returns, shared by every request until the next reload), those of an index built once
 * instead of a scan of every policy on every decision. The caller still checks each row.
 */
function rowsFor(policies: readonly PolicyRow[], role: Role, action: Action): readonly PolicyRow[] {
  if (!Object.isFrozen(policies)) return policies;
  let index = indexes.get(policies);
  if (!index) {
    index = new Map();
    for (const row of policies) {
      if (!Object.isFrozen(row)) return policies;
      const key = `${row.roleName}\u0000${row.permissionType.toLowerCase()}`;
      index.set(key, [...(index.get(key) ?? []), row]);
    }
    indexes.set(policies, index);
  }
  return index.get(`${role}\u0000${action}`) ?? [];
}

/** How specifically a row names the table: 3 table, 2 schema, 1 classification, 0 no match. */
function specificity(row: PolicyRow, table: string, classification: Classification): number {
  if (row.resourceType !== classification) return 0;
  if (row.resourceIdentifier === table) return 3;
  if (row.resourceIdentifier === `${table.split('.')[0]}.*`) return 2;
  return row.resourceIdentifier === '*' ? 1 : 0;
}

const readDecisions = new WeakMap<readonly PolicyRow[], Map<string, Decision>>();

/**
 * The decision, remembered for a read that names no subject under a frozen policy list (loadPolicies'):
 * it then depends only on the principal's roles, scopes, school claims and participant grant, the table and
 * whether a justification was stated — no relationship is looked up — so the requests of one caller share
 * it until the policies are reloaded. Every other decision is made afresh.
 */
export async function decide(
  principal: Principal,
  request: AccessRequest,
  context: DecisionContext,
): Promise<Decision> {
  const named = request.subject && Object.values(request.subject).some((v) => v !== undefined);
  if (request.action !== 'read' || named || !Object.isFrozen(context.policies))
    return decideNow(principal, request, context);
  let memo = readDecisions.get(context.policies);
  if (!memo) readDecisions.set(context.policies, (memo = new Map()));
  const key = [
    principal.kind,
    principal.roles.join(','),
    principal.scopes.join(' '),
    principal.schoolIds === undefined ? 'tenant' : 'schools',
    principal.participant ? 'participant' : '',
    request.table,
    request.justification?.trim() ? 'justified' : '',
  ].join('\u0000');
  let decision = memo.get(key);
  if (!decision) {
    decision = Object.freeze(await decideNow(principal, request, context));
    // Bounded by the callers' variety (role and scope sets × tables); the guard only keeps misuse in check.
    if (memo.size >= 10_000) memo.clear();
    memo.set(key, decision);
  }
  return decision;
}

async function decideNow(principal: Principal, request: AccessRequest, context: DecisionContext): Promise<Decision> {
  const table = request.table.toLowerCase();
  // A participant token reaches its live activity through that domain's own checks, nothing else.
  if (principal.participant) return deny('a participant token reaches only its own live session');
  const classification = classificationOf(table);
  if (!classification) return deny(`unknown table ${request.table}: denied by default`);
  if (request.action !== 'read' && PLATFORM_WRITTEN.has(table))
    return deny(`${table} is written only by the audit module`);
  const roles = principal.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  if (roles.length === 0) return deny('no known role: denied by default');

  const outcomes: Decision[] = [];
  for (const role of roles) {
    if (request.action !== 'read' && table === POLICY_TABLE && role !== POLICY_ADMIN_ROLE) continue;
    let best: PolicyRow | undefined;
    let bestRank = 0;
    for (const row of rowsFor(context.policies, role, request.action)) {
      if (!row.active || row.roleName !== role || row.permissionType.toLowerCase() !== request.action) continue;
      const rank = specificity(row, table, classification);
      if (rank > bestRank) [best, bestRank] = [row, rank];
    }
    if (best) outcomes.push(await evaluate(principal, role, best, { ...request, table }, context));
  }
  const allowed = outcomes.filter((o) => o.allowed);
  if (allowed.length > 0) {
    return allowed.sort(
      (a, b) =>
        Number(a.requiresJustification) - Number(b.requiresJustification) ||
        SCOPE_BREADTH.indexOf(b.scope) - SCOPE_BREADTH.indexOf(a.scope),
    )[0]!;
  }
  return (
    outcomes[0] ??
    deny(`no policy grants ${roles.join(', ')} ${request.action} on ${classification} (${table}): denied by default`)
  );
}

async function evaluate(
  principal: Principal,
  role: Role,
  row: PolicyRow,
  request: AccessRequest,
  context: DecisionContext,
): Promise<Decision> {
  const declared = row.conditions?.scope ?? ROLE_SCOPE[role];
  // A school scope without school claims is the whole tenant (district-level staff, district-wide clients).
  const scope: Scope = declared === 'school' && principal.schoolIds === undefined ? 'tenant' : declared;
  const grant = `${role} ${request.action} ${row.resourceType} (${row.resourceIdentifier})`;
  if (role === 'api_client' && !oauthScopesCover(principal.scopes, request.action, request.table)) {
    return deny(`the client's OAuth scopes do not cover ${request.action} on ${request.table}`, scope);
  }
  const on = context.now ?? new Date();
  const relation = await relationshipHolds(
    principal,
    scope,
    request.action,
    request.subject,
    context.relationships,
    on,
  );
  if (relation) return deny(`${grant}: ${relation}`, scope);
  const requiresJustification = row.educationalInterestRequired && scope === 'tenant';
  if (requiresJustification && !request.justification?.trim()) {
    return deny(`${grant}: justification required (state the legitimate educational interest)`, scope, {
      requiresJustification,
    });
  }
  if (row.approvalRequired) {
    return deny(`approval required from ${row.approverRole ?? 'an approver'} (no approval workflow yet)`, scope, {
      requiresJustification,
      requiresApproval: true,
    });
  }
  return {
    allowed: true,
    reason: `allowed by policy ${grant}${row.id === undefined ? '' : ` #${row.id}`}, scope ${scope}`,
    scope,
    requiresJustification,
    requiresApproval: false,
  };
}
