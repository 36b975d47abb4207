/**
 * Relationship scopes on OneRoster rows: what a teacher (own sections), a parent or guardian (own
 * children) and a student (self) may read, as one extra SQL condition per entity (`Entity.relate`),
 * computed once per request from the caller's OneRoster user sourcedIds.
 *
 * Who the caller is in OneRoster: the account's `onerosterUserSourcedId`, and the Ed-Fi people it is
 * linked to — its staff or student USI and `identity.account_students` rows with relation `self` —
 * as their projected users (users.sourcedId = edfi.staff.id / edfi.student.id as text, see
 * ../edfi-oneroster/README.md). A parent's children are the account_students rows `parent`/`guardian`.
 * A caller with no OneRoster user sees no relationship rows (200, empty lists).
 *
 * What each relationship reaches (only current enrollments count: status active and no end date
 * before today, as for the policy engine's Ed-Fi relationships):
 * - own sections: classes with a teacher enrollment of the caller; their enrollments, users (students
 *   and co-teachers), line items, results and categories; the teacher themself.
 * - own children / self: the caller's own user, the learners' (children's / own) user records, the
 *   classes they attend, their own enrollments and results, the line items of their classes. Never
 *   other students' users, enrollments or results.
 * - everyone related: courses, terms (their parents, children, line-item grading periods) and schools
 *   (and their districts) of the visible classes and of the caller's and learners' roles.
 * Reference entities without a `relate` hook (score scales, the resource catalogue) are not narrowed;
 * any other entity without one is refused (403) rather than shown whole. Several relationship roles
 * (a teacher who is also a parent) add up.
 *
 * Which scope applies: the policy engine's read decision on the table, per role of the caller. A role
 * reaching the table school- or tenant-wide lifts the narrowing (school confinement still applies).
 * OneRoster's reference tables (orgs, sessions, courses, classes, categories) are readable tenant-wide
 * by every role's policy, so for them a role's reach is its decision on oneroster.enrollments — who
 * is in which class: a teacher's /classes are their sections, not the school's timetable.
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql, type SQL } from 'drizzle-orm';
import { classificationOf } from '../../platform/auth/classification.js';
import { loadPolicies } from '../../platform/auth/default-policies.js';
import { decide, type DecisionContext } from '../../platform/auth/policy.js';
import type { Scope } from '../../platform/auth/policy-scopes.js';
import { createRelationshipResolver, currentOn, TODAY } from '../../platform/auth/relationships.js';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Entity } from './entity-kit.js';
import { forbidden } from './imsx-errors.js';

/** The SQL pieces every `relate` hook is built from (over the entity alias `t`). */
export interface RelationSql {
  /** The tenant, as a bound uuid (uncorrelated subqueries: PostgreSQL runs them once). */
  tenant: SQL;
  /** The caller's own OneRoster users: a parenthesised list. */
  own: SQL;
  /** The students whose own records the caller reads (self, children): a parenthesised list. */
  learners: SQL;
  /** Class sourcedIds the caller teaches: a SELECT. */
  taughtClasses: SQL;
  /** Every class the caller may see (taught, or attended by a learner): a SELECT. */
  classes: SQL;
}

/** The caller's OneRoster user sourcedIds, by what they are to the caller. */
export interface RosterRelation {
  own: string[];
  teaches: string[];
  learns: string[];
}

type Relationship = Extract<Scope, 'own_sections' | 'own_children' | 'self'>;
const RELATIONSHIPS: readonly Scope[] = ['own_sections', 'own_children', 'self'];
const isRelationship = (scope: Scope): scope is Relationship => RELATIONSHIPS.includes(scope);
/** The table that says who is in which class: a role's reach on reference tables. */
const ROSTER_TABLE = 'oneroster.enrollments';

const list = (ids: readonly string[]): SQL =>
  ids.length
    ? sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`(NULL)`;
/** An enrollment counts while active and not ended before today: the platform's one "current" rule. */
const current = (alias: string) =>
  sql`${sql.raw(`${alias}.status`)} = 'active' AND ${currentOn(sql.raw(`${alias}.end_date`), TODAY)}`;

export function relationSql(tenantId: string, relation: RosterRelation): RelationSql {
  const tenant = sql`${tenantId}::uuid`;
  const learners = list(relation.learns);
  const taughtClasses = sql`SELECT e.class_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = ${tenant}
    AND ${current('e')} AND e.role = 'teacher' AND e.user_sourced_id IN ${list(relation.teaches)}`;
  const attended = sql`SELECT e.class_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = ${tenant}
    AND ${current('e')} AND e.role = 'student' AND e.user_sourced_id IN ${learners}`;
  return { tenant, own: list(relation.own), learners, taughtClasses, classes: sql`${taughtClasses} UNION ${attended}` };
}

// The hooks, one per kind of row -------------------------------------------------------------------

export const relateClasses = (r: RelationSql): SQL => sql`t.sourced_id IN (${r.classes})`;

export const relateEnrollments = (r: RelationSql): SQL =>
  sql`(t.class_sourced_id IN (${r.taughtClasses}) OR t.user_sourced_id IN ${r.learners})`;

/** Users (and their demographics): self, learners, and everyone enrolled in a taught class. */
export const relateUsers = (r: RelationSql): SQL =>
  sql`(t.sourced_id IN ${r.own} OR t.sourced_id IN ${r.learners}
    OR t.sourced_id IN (SELECT e.user_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = ${r.tenant}
      AND ${current('e')} AND e.class_sourced_id IN (${r.taughtClasses})))`;

export const relateCourses = (r: RelationSql): SQL =>
  sql`t.sourced_id IN (SELECT c.course_sourced_id FROM oneroster.classes c WHERE c.tenant_id = ${r.tenant}
    AND c.sourced_id IN (${r.classes}))`;

export const relateSessions = (r: RelationSql): SQL => {
  const terms = sql`SELECT unnest(c.term_sourced_ids) FROM oneroster.classes c WHERE c.tenant_id = ${r.tenant}
    AND c.sourced_id IN (${r.classes})`;
  return sql`(t.sourced_id IN (${terms}) OR t.parent_sourced_id IN (${terms})
    OR t.sourced_id IN (SELECT s.parent_sourced_id FROM oneroster.academic_sessions s WHERE s.tenant_id = ${r.tenant}
      AND s.sourced_id IN (${terms}))
    OR t.sourced_id IN (SELECT li.grading_period_sourced_id FROM oneroster.line_items li
      WHERE li.tenant_id = ${r.tenant} AND li.status = 'active' AND li.class_sourced_id IN (${r.classes}))
    OR t.sourced_id IN (SELECT co.school_year_sourced_id FROM oneroster.courses co JOIN oneroster.classes c
      ON c.tenant_id = co.tenant_id AND c.course_sourced_id = co.sourced_id
      WHERE co.tenant_id = ${r.tenant} AND c.sourced_id IN (${r.classes})))`;
};

/** Orgs: the schools of visible classes and of the caller's and learners' roles, and their parents. */
export const relateOrgs = (r: RelationSql): SQL => {
  const schools = sql`SELECT c.school_sourced_id FROM oneroster.classes c WHERE c.tenant_id = ${r.tenant}
    AND c.sourced_id IN (${r.classes})
    UNION SELECT ro.org_sourced_id FROM oneroster.roles ro WHERE ro.tenant_id = ${r.tenant} AND ro.status = 'active'
      AND (ro.user_sourced_id IN ${r.own} OR ro.user_sourced_id IN ${r.learners})
    UNION SELECT u.primary_org_sourced_id FROM oneroster.users u WHERE u.tenant_id = ${r.tenant}
      AND (u.sourced_id IN ${r.own} OR u.sourced_id IN ${r.learners})`;
  return sql`(t.sourced_id IN (${schools}) OR t.sourced_id IN (SELECT o.parent_sourced_id FROM oneroster.orgs o
    WHERE o.tenant_id = ${r.tenant} AND o.sourced_id IN (${schools})))`;
};

export const relateLineItems = (r: RelationSql): SQL => sql`t.class_sourced_id IN (${r.classes})`;

/** Results: the learners' own, and every result of a taught class. */
export const relateResults = (r: RelationSql): SQL =>
  sql`(t.student_sourced_id IN ${r.learners}
    OR t.line_item_sourced_id IN (SELECT li.sourced_id FROM oneroster.line_items li WHERE li.tenant_id = ${r.tenant}
      AND li.class_sourced_id IN (${r.taughtClasses})))`;

/** The categories their classes may use (tenant-wide, of those classes' schools, of those classes) or use. */
export const relateCategories = (r: RelationSql): SQL =>
  sql`((t.school_sourced_id IS NULL AND t.class_sourced_id IS NULL)
    OR t.class_sourced_id IN (${r.classes})
    OR (t.class_sourced_id IS NULL AND t.school_sourced_id IN (SELECT c.school_sourced_id FROM oneroster.classes c
      WHERE c.tenant_id = ${r.tenant} AND c.sourced_id IN (${r.classes})))
    OR t.sourced_id IN (SELECT li.category_sourced_id FROM oneroster.line_items li WHERE li.tenant_id = ${r.tenant}
      AND li.status = 'active' AND li.class_sourced_id IN (${r.classes})))`;

/** An entity's relationship condition; people's records no hook describes are refused, never shown whole. */
export function relationCondition(entity: Entity, relation: RelationSql): SQL | undefined {
  if (entity.relate) return entity.relate(relation);
  if (classificationOf(entity.table) === 'reference') return undefined;
  throw forbidden(
    `Relationship access (own sections, own children, self) cannot be applied to ${entity.plural} yet: use a ` +
      `school- ` +
      `or district-level account or client.`,
  );
}

// Deciding and resolving ---------------------------------------------------------------------------

/** The relationships that bound each of the caller's roles on `table`; undefined when a role reaches further. */
async function relationshipsOf(
  principal: Principal,
  meta: RequestMeta,
  table: string,
  context: DecisionContext,
): Promise<Set<Relationship> | undefined> {
  const found = new Set<Relationship>();
  const reference = classificationOf(table) === 'reference';
  for (const role of principal.roles) {
    const single = { ...principal, roles: [role] };
    const decision = await decide(single, { action: 'read', table, justification: meta.justification }, context);
    if (!decision.allowed) continue;
    let scope = decision.scope;
    if (reference && !isRelationship(scope)) {
      const roster = await decide(
        single,
        { action: 'read', table: ROSTER_TABLE, justification: meta.justification },
        context,
      );
      if (roster.allowed) scope = roster.scope;
    }
    if (!isRelationship(scope)) return undefined;
    found.add(scope);
  }
  return found;
}

const int4 = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n > 0 && n <= 2147483647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's own OneRoster users and its children's, from its person links. */
async function rosterUsersOf(db: TenantDb, principal: Principal): Promise<{ own: string[]; children: string[] }> {
  const person = principal.person ?? {};
  const tenant = sql`${principal.tenantId}::uuid`;
  const parts: SQL[] = [];
  if (int4(person.edfiStaffUSI))
    parts.push(
      sql`SELECT 'own' AS kind, sf.id::text AS id FROM edfi.staff sf WHERE sf.tenant_id = ${tenant}
        AND sf.staffusi = ${person.edfiStaffUSI}`,
    );
  if (int4(person.edfiStudentUSI))
    parts.push(
      sql`SELECT 'own' AS kind, st.id::text AS id FROM edfi.student st WHERE st.tenant_id = ${tenant}
        AND st.studentusi = ${person.edfiStudentUSI}`,
    );
  if (principal.kind === 'user' && UUID.test(principal.actorId)) {
    parts.push(sql`SELECT CASE WHEN a.relation = 'self' THEN 'own' ELSE 'child' END AS kind, st.id::text AS id
      FROM identity.account_students a JOIN edfi.student st ON st.tenant_id = a.tenant_id
        AND st.studentusi = a.student_usi
      WHERE a.tenant_id = ${tenant} AND a.account_id = ${principal.actorId}::uuid`);
  }
  const rows = parts.length
    ? rowsOf<{ kind: string; id: string }>(await db.execute(sql.join(parts, sql` UNION ALL `)))
    : [];
  const own = rows.filter((r) => r.kind === 'own').map((r) => r.id);
  if (person.onerosterUserSourcedId) own.push(person.onerosterUserSourcedId);
  return { own: [...new Set(own)], children: [...new Set(rows.filter((r) => r.kind === 'child').map((r) => r.id))] };
}

/**
 * The policy engine's read decision on `table` (403 imsx when refused) and, for a caller whose every
 * role is bounded by a relationship, the SQL pieces that express it; undefined = no relationship narrowing.
 */
export async function relationshipOf(
  db: TenantDb,
  principal: Principal,
  meta: RequestMeta,
  table: string,
): Promise<RelationSql | undefined> {
  const context: DecisionContext = {
    policies: await loadPolicies(db, principal.tenantId),
    relationships: createRelationshipResolver(db),
  };
  const decision = await decide(principal, { action: 'read', table, justification: meta.justification }, context);
  if (!decision.allowed) throw forbidden(decision.reason);
  if (principal.kind !== 'user') {
    // Clients and system jobs have no person behind them; their scope is school or tenant.
    if (isRelationship(decision.scope))
      throw forbidden(`Access scope "${decision.scope}" needs a signed-in person: it cannot be applied to ${table}.`);
    return undefined;
  }
  const kinds = await relationshipsOf(principal, meta, table, context);
  if (!kinds) return undefined;
  const { own, children } = await rosterUsersOf(db, principal);
  return relationSql(principal.tenantId, {
    own,
    teaches: kinds.has('own_sections') ? own : [],
    learns: [...new Set([...(kinds.has('self') ? own : []), ...(kinds.has('own_children') ? children : [])])],
  });
}
