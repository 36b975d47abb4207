/**
 * Whether the record a request names (its subject: school, student, section, classroom session or
 * student) relates to the principal within a granted scope — the relationship part of a policy
 * decision (policy.ts), with the questions it asks of the domains' tables (`RelationshipResolver`,
 * answered by relationships.ts).
 */
import type { Scope } from './policy-scopes.js';
import type { Action, Principal } from './roles.js';

/** The natural key of an Ed-Fi section. */
export interface SectionKey {
  sectionIdentifier: string;
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
}

/** The record a request concerns (every field given must relate to the principal). */
export interface AccessSubject {
  schoolId?: number;
  studentUsi?: number;
  sectionKeys?: SectionKey;
  classroomSessionId?: string;
  classroomStudentId?: string;
}

/** Questions about people's relationships, answered from the Ed-Fi, classroom and identity tables. */
export interface RelationshipResolver {
  studentAttendsSchool(studentUsi: number, schoolIds: readonly number[], on: Date): Promise<boolean>;
  studentInStaffSections(studentUsi: number, staffUsi: number, on: Date): Promise<boolean>;
  staffTeachesSection(staffUsi: number, section: SectionKey, on: Date): Promise<boolean>;
  accountLinkedToStudent(
    accountId: string,
    studentUsi: number,
    relations: readonly ('parent' | 'guardian' | 'self')[],
  ): Promise<boolean>;
  classroomSessionTaughtBy(sessionId: string, classroomTeacherId: string): Promise<boolean>;
  classroomStudentInTeacherSessions(classroomStudentId: string, classroomTeacherId: string): Promise<boolean>;
}

/** undefined when every part of the subject relates to the principal in `scope`; else why not. */
export async function relationshipHolds(
  principal: Principal,
  scope: Scope,
  action: Action,
  subject: AccessSubject | undefined,
  rel: RelationshipResolver,
  on: Date,
): Promise<string | undefined> {
  const s = subject ?? {};
  const named = Object.values(s).some((v) => v !== undefined);
  if (scope === 'tenant') return undefined;
  if (!named) return action === 'read' ? undefined : `a ${action} below tenant scope must name its subject`;
  const schools = principal.schoolIds;
  if (s.schoolId !== undefined && schools && !schools.includes(s.schoolId))
    return `school ${s.schoolId} is not one of the principal's schools`;
  const person = principal.person ?? {};
  const account = principal.kind === 'user' ? principal.actorId : undefined;

  switch (scope) {
    case 'school': {
      const list = schools ?? [];
      if (s.sectionKeys && !list.includes(s.sectionKeys.schoolId))
        return "the section is not in one of the principal's schools";
      if (s.studentUsi !== undefined && !(await rel.studentAttendsSchool(s.studentUsi, list, on)))
        return "the student does not attend one of the principal's schools";
      if (s.classroomSessionId !== undefined || s.classroomStudentId !== undefined)
        return 'classroom records are not linked to an Ed-Fi school: school scope cannot reach them';
      return undefined;
    }
    case 'own_sections': {
      const staff = person.edfiStaffUSI;
      const teacher = person.classroomTeacherId;
      if (
        s.studentUsi !== undefined &&
        !(staff !== undefined && (await rel.studentInStaffSections(s.studentUsi, staff, on)))
      )
        return "the student is not in one of the teacher's sections";
      if (s.sectionKeys && !(staff !== undefined && (await rel.staffTeachesSection(staff, s.sectionKeys, on))))
        return 'the section is not one the teacher is assigned to';
      if (
        s.classroomSessionId !== undefined &&
        !(teacher && (await rel.classroomSessionTaughtBy(s.classroomSessionId, teacher)))
      )
        return "the classroom session is not the teacher's";
      if (
        s.classroomStudentId !== undefined &&
        !(teacher && (await rel.classroomStudentInTeacherSessions(s.classroomStudentId, teacher)))
      )
        return "the student is not in one of the teacher's classroom sessions";
      return undefined;
    }
    case 'own_children': {
      if (s.sectionKeys || s.classroomSessionId !== undefined || s.classroomStudentId !== undefined)
        return "only records of the parent's own children are reachable";
      if (
        s.studentUsi !== undefined &&
        !(account && (await rel.accountLinkedToStudent(account, s.studentUsi, ['parent', 'guardian'])))
      )
        return "the student is not the parent's child";
      return undefined;
    }
    case 'self': {
      if (s.sectionKeys || s.classroomSessionId !== undefined) return "only the student's own records are reachable";
      if (s.classroomStudentId !== undefined && s.classroomStudentId !== person.classroomStudentId)
        return "the record is not the student's own";
      const own =
        s.studentUsi === undefined ||
        s.studentUsi === person.edfiStudentUSI ||
        (account !== undefined && (await rel.accountLinkedToStudent(account, s.studentUsi, ['self'])));
      return own ? undefined : "the record is not the student's own";
    }
  }
}
