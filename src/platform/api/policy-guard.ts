/**
 * The API guard over the policy engine (src/platform/auth/policy.ts). A decision's relationship
 * scope becomes a SQL condition on the resource's rows, so lists only ever contain what the
 * principal may reach: their school's rows, their sections' students, their children, themselves.
 * Both the condition and a single record's subject come from the table's anchors (anchors.ts) and the
 * domains' relationship sets (relationships.ts): a row is listed exactly when it may be read alone.
 * A resource the scope cannot be expressed on is refused (deny by default).
 */
import { sql, type SQL } from 'drizzle-orm';
import { anchorsOf, type Anchors } from '../auth/anchors.js';
import { auditFactsOf, readsAudited } from '../auth/classification.js';
import { loadPolicies } from '../auth/default-policies.js';
import { decide } from '../auth/policy.js';
import type { Scope } from '../auth/policy-scopes.js';
import type { AccessSubject } from '../auth/subject-relationship.js';
import { createRelationshipResolver, relationshipSets, TODAY } from '../auth/relationships.js';
import type { Principal } from '../auth/roles.js';
import type { ApiGuard, ApiSubject, GuardDecision } from './guard.js';
import type { Resource } from './registry.js';

const ident = (name: string): SQL => sql.raw(`"${name.replace(/"/g, '""')}"`);
const ids = (values: readonly number[]) => sql.raw(values.map((v) => String(Math.trunc(v))).join(', ') || 'NULL');
const and = (parts: SQL[]): SQL => sql.join(parts, sql` AND `);
const sectionOf = (a: Anchors) => sql`(${sql.join(a.section!.map(ident), sql`, `)})`;

/** The rows of `resource` within `scope` for `principal`: undefined = all, null = cannot be expressed. */
export function scopeCondition(resource: Resource, scope: Scope, principal: Principal): SQL | undefined | null {
  if (scope === 'tenant') return undefined;
  const a = anchorsOf(resource.table);
  const sets = relationshipSets();
  const person = principal.person ?? {};
  const classroom = a.classroomSession !== undefined || a.classroomStudent !== undefined;
  const edfi = a.student !== undefined || a.section !== undefined || a.school !== undefined || a.staff !== undefined;
  const parts: SQL[] = [];
  // Named schools bound every scope below the tenant (as for a single record).
  if (principal.schoolIds && a.school) parts.push(sql`${ident(a.school)} IN (${ids(principal.schoolIds)})`);
  switch (scope) {
    case 'school': {
      if (classroom) return null; // classroom records are not linked to an Ed-Fi school
      const schools = principal.schoolIds ?? [];
      if (a.school) {
        if (!principal.schoolIds) parts.push(sql`${ident(a.school)} IN (${ids(schools)})`);
      } else if (a.student) parts.push(sql`${ident(a.student)} IN (${sets.studentsOfSchools(schools, TODAY)})`);
      else if (a.staff) parts.push(sql`${ident(a.staff)} IN (${sets.staffOfSchools(schools)})`);
      else return null;
      break;
    }
    case 'own_sections': {
      if (classroom) {
        const teacher = person.classroomTeacherId;
        if (!teacher) return null;
        if (a.classroomSession)
          parts.push(sql`${ident(a.classroomSession)} IN (${sets.classroomSessionsOfTeacher(teacher)})`);
        if (a.classroomStudent)
          parts.push(sql`${ident(a.classroomStudent)} IN (${sets.classroomStudentsOfTeacher(teacher)})`);
        break;
      }
      const staff = person.edfiStaffUSI;
      if (staff === undefined || !edfi) return null;
      if (a.section) parts.push(sql`${sectionOf(a)} IN (${sets.sectionsOfStaff(staff, TODAY)})`);
      if (a.student) parts.push(sql`${ident(a.student)} IN (${sets.studentsOfStaff(staff, TODAY)})`);
      if (!a.section && !a.student) {
        if (!a.staff) return null;
        parts.push(sql`${ident(a.staff)} = ${staff}`);
      }
      break;
    }
    case 'own_children':
      if (classroom || !a.student || a.section || principal.kind !== 'user') return null;
      parts.push(sql`${ident(a.student)} IN (${sets.studentsOfAccount(principal.actorId, ['parent', 'guardian'])})`);
      break;
    case 'self':
      if (a.section || a.classroomSession) return null;
      if (a.classroomStudent) {
        if (!person.classroomStudentId) return null;
        parts.push(sql`${ident(a.classroomStudent)} = ${person.classroomStudentId}::uuid`);
      }
      if (a.student) {
        const own = person.edfiStudentUSI;
        const linked = principal.kind === 'user' ? sets.studentsOfAccount(principal.actorId, ['self']) : undefined;
        if (own === undefined && !linked) return null;
        parts.push(
          own !== undefined && linked
            ? sql`(${ident(a.student)} = ${own} OR ${ident(a.student)} IN (${linked}))`
            : own !== undefined
              ? sql`${ident(a.student)} = ${own}`
              : sql`${ident(a.student)} IN (${linked!})`,
        );
      }
      if (!a.classroomStudent && !a.student) return null;
      break;
  }
  return parts.length > 0 ? and(parts) : null;
}

/** The relationship facts of a record, from its anchors' values. */
function subjectOf(resource: Resource, row: ApiSubject): AccessSubject {
  const a = anchorsOf(resource.table);
  const byColumn = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const field = [...resource.fields.values()].find((f) => f.column.name === name);
    return field ? row[field.name] : undefined;
  };
  const subject: AccessSubject = {};
  const student = byColumn(a.student);
  if (typeof student === 'number') subject.studentUsi = student;
  const school = byColumn(a.school);
  if (typeof school === 'number') subject.schoolId = school;
  if (a.section) {
    const section = a.section.map(byColumn);
    if (section.every((v) => v !== undefined && v !== null)) {
      subject.sectionKeys = {
        sectionIdentifier: String(section[0]),
        localCourseCode: String(section[1]),
        schoolId: Number(section[2]),
        schoolYear: Number(section[3]),
      };
    }
  }
  const session = byColumn(a.classroomSession);
  if (typeof session === 'string') subject.classroomSessionId = session;
  const classroomStudent = byColumn(a.classroomStudent);
  if (typeof classroomStudent === 'string') subject.classroomStudentId = classroomStudent;
  return subject;
}

export const policyGuard: ApiGuard = {
  async decide(db, principal, meta, resource, action, row): Promise<GuardDecision> {
    const facts = auditFactsOf(resource.entry.qualifiedName);
    const decision = await decide(
      principal,
      {
        action,
        table: resource.entry.qualifiedName,
        subject: row ? subjectOf(resource, row) : undefined,
        justification: meta.justification,
      },
      { policies: await loadPolicies(db, principal.tenantId), relationships: createRelationshipResolver(db) },
    );
    const base = {
      auditReads: readsAudited(resource.entry.qualifiedName, principal.roles),
      auditWrites: facts?.auditWrites ?? true,
      dataCategories: facts?.dataCategories ?? [],
    };
    if (!decision.allowed) return { allowed: false, reason: decision.reason, ...base };
    const scope = scopeCondition(resource, decision.scope, principal);
    if (scope === null)
      return {
        allowed: false,
        reason:
          `${decision.reason}, but ${resource.name} cannot be confined to scope ${decision.scope}: denied by ` +
          `default`,
        ...base,
      };
    return { allowed: true, reason: decision.reason, scope, ...base };
  },
};
