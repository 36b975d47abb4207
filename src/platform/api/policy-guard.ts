/**
 * The API guard over the policy engine (src/platform/auth/policy.ts). A decision's relationship
 * scope becomes a SQL condition on the resource's rows, so lists only ever contain what the
 * principal may reach: their school's rows, their sections' students, their children, themselves.
 * A resource the scope cannot be expressed on is refused (deny by default).
 */
import { sql, type SQL } from 'drizzle-orm';
import { auditFactsOf } from '../auth/classification.js';
import { loadPolicies } from '../auth/default-policies.js';
import { decide, type AccessSubject, type Scope } from '../auth/policy.js';
import { createRelationshipResolver } from '../auth/relationships.js';
import type { Principal } from '../auth/roles.js';
import type { ApiGuard, ApiSubject, GuardDecision } from './guard.js';
import type { Resource } from './registry.js';

const CLASSROOM_SCHEMAS = new Set(['sessions', 'audio', 'analytics', 'communication', 'ai_insights', 'users']);

function columnNamed(resource: Resource, ...names: string[]): string | undefined {
  for (const field of resource.fields.values()) if (names.includes(field.column.name)) return field.column.name;
  return undefined;
}

function ident(name: string): SQL {
  return sql.raw(`"${name}"`);
}

const ids = (values: readonly number[]) => sql.raw(values.map((v) => String(Math.trunc(v))).join(', ') || 'NULL');

/** The rows of `resource` within `scope` for `principal`, or null when the scope cannot be expressed. */
export function scopeCondition(resource: Resource, scope: Scope, principal: Principal): SQL | undefined | null {
  if (scope === 'tenant') return undefined;
  const student = columnNamed(resource, 'studentusi', 'student_usi');
  const school = columnNamed(resource, 'schoolid', 'school_id');
  const staff = columnNamed(resource, 'staffusi');
  const person = principal.person ?? {};
  const schema = resource.entry.schema;
  // Ed-Fi school ids are integers; seed 000's school_id is a uuid of users.schools (not an Ed-Fi school).
  const isEdfiSchool =
    school !== undefined &&
    [...resource.fields.values()].some((f) => f.column.name === school && f.column.columnType !== 'PgUUID');
  switch (scope) {
    case 'school': {
      const schools = principal.schoolIds ?? [];
      if (isEdfiSchool) return sql`${ident(school!)} IN (${ids(schools)})`;
      if (student)
        return sql`${ident(student)} IN (SELECT ssa.studentusi FROM edfi.studentschoolassociation ssa WHERE ssa.schoolid IN (${ids(schools)}) AND (ssa.exitwithdrawdate IS NULL OR ssa.exitwithdrawdate >= CURRENT_DATE))`;
      if (staff)
        return sql`${ident(staff)} IN (SELECT s.staffusi FROM edfi.staffschoolassociation s WHERE s.schoolid IN (${ids(schools)}))`;
      if (resource.entry.qualifiedName === 'edfi.school') return sql`"schoolid" IN (${ids(schools)})`;
      return null;
    }
    case 'own_sections': {
      if (CLASSROOM_SCHEMAS.has(schema) && person.classroomTeacherId) {
        const teacher = sql`${person.classroomTeacherId}::uuid`;
        if (resource.entry.qualifiedName === 'sessions.classroom_sessions') return sql`"teacher_id" = ${teacher}`;
        const session = columnNamed(resource, 'session_id');
        if (session)
          return sql`${ident(session)} IN (SELECT cs.id FROM sessions.classroom_sessions cs WHERE cs.teacher_id = ${teacher})`;
        return null;
      }
      const staffUsi = person.edfiStaffUSI;
      if (staffUsi === undefined) return null;
      const sections = sql`SELECT st.sectionidentifier, st.localcoursecode, st.schoolid, st.schoolyear FROM edfi.staffsectionassociation st WHERE st.staffusi = ${staffUsi} AND (st.enddate IS NULL OR st.enddate >= CURRENT_DATE)`;
      if (['sectionidentifier', 'localcoursecode', 'schoolid', 'schoolyear'].every((c) => columnNamed(resource, c))) {
        return sql`("sectionidentifier", "localcoursecode", "schoolid", "schoolyear") IN (${sections})`;
      }
      if (student) {
        return sql`${ident(student)} IN (SELECT ssa.studentusi FROM edfi.studentsectionassociation ssa WHERE (ssa.sectionidentifier, ssa.localcoursecode, ssa.schoolid, ssa.schoolyear) IN (${sections}) AND (ssa.enddate IS NULL OR ssa.enddate >= CURRENT_DATE))`;
      }
      if (staff) return sql`${ident(staff)} = ${staffUsi}`;
      return null;
    }
    case 'own_children':
      if (student && principal.kind === 'user')
        return sql`${ident(student)} IN (SELECT a.student_usi FROM identity.account_students a WHERE a.account_id = ${principal.actorId}::uuid AND a.relation IN ('parent', 'guardian'))`;
      return null;
    case 'self':
      if (student && person.edfiStudentUSI !== undefined) return sql`${ident(student)} = ${person.edfiStudentUSI}`;
      if (CLASSROOM_SCHEMAS.has(schema) && person.classroomStudentId && columnNamed(resource, 'student_id'))
        return sql`"student_id" = ${person.classroomStudentId}::uuid`;
      return null;
  }
}

/** The relationship facts of a record, from its values. */
function subjectOf(resource: Resource, row: ApiSubject): AccessSubject {
  const byColumn = (name: string) => {
    const field = [...resource.fields.values()].find((f) => f.column.name === name);
    return field ? row[field.name] : undefined;
  };
  const subject: AccessSubject = {};
  const student = byColumn('studentusi') ?? byColumn('student_usi');
  if (typeof student === 'number') subject.studentUsi = student;
  const school = byColumn('schoolid') ?? (resource.entry.schema !== 'users' ? byColumn('school_id') : undefined);
  if (typeof school === 'number') subject.schoolId = school;
  const section = ['sectionidentifier', 'localcoursecode', 'schoolid', 'schoolyear'].map(byColumn);
  if (section.every((v) => v !== undefined && v !== null)) {
    subject.sectionKeys = {
      sectionIdentifier: String(section[0]),
      localCourseCode: String(section[1]),
      schoolId: Number(section[2]),
      schoolYear: Number(section[3]),
    };
  }
  if (CLASSROOM_SCHEMAS.has(resource.entry.schema)) {
    const session = resource.entry.qualifiedName === 'sessions.classroom_sessions' ? row.id : byColumn('session_id');
    if (typeof session === 'string') subject.classroomSessionId = session;
    const classroomStudent = resource.entry.qualifiedName === 'users.students' ? row.id : byColumn('student_id');
    if (typeof classroomStudent === 'string') subject.classroomStudentId = classroomStudent;
  }
  return subject;
}

export const policyGuard: ApiGuard = {
  async decide(tx, principal, meta, resource, action, row): Promise<GuardDecision> {
    const facts = auditFactsOf(resource.entry.qualifiedName);
    const decision = await decide(
      principal,
      {
        action,
        table: resource.entry.qualifiedName,
        subject: row ? subjectOf(resource, row) : undefined,
        justification: meta.justification,
      },
      { policies: await loadPolicies(tx, principal.tenantId), relationships: createRelationshipResolver(tx) },
    );
    const base = {
      auditReads: facts?.auditReads ?? true,
      auditWrites: facts?.auditWrites ?? true,
      dataCategories: facts?.dataCategories ?? [],
    };
    if (!decision.allowed) return { allowed: false, reason: decision.reason, ...base };
    const scope = scopeCondition(resource, decision.scope, principal);
    if (scope === null)
      return {
        allowed: false,
        reason: `${decision.reason}, but ${resource.name} cannot be confined to scope ${decision.scope}: denied by default`,
        ...base,
      };
    return { allowed: true, reason: decision.reason, scope, ...base };
  },
};
