/**
 * The OneRoster 1.2 rostering entities of the district's structure over the `oneroster.*` tables — orgs,
 * academic sessions, courses, classes, enrollments (the people: rostering-users.ts) — each described once
 * as a model (model.ts: field ↔ column, REST name, CSV header, references, sensitive fields) with its
 * school confinement and relationship hooks. The REST entities (routes, filters, sorting, field
 * selection, discovery documents) and the CSV files (csv/files.ts) are derived from these models.
 *
 * Mapping decisions:
 * - academicSessions: `children` are the sessions whose parent is this one; `schoolYear` is text.
 *   `/terms` lists the sessions classes run in below the school year — types `term` and `semester`
 *   (a district's semesters are its terms) —, `/gradingPeriods` those of type `gradingPeriod`.
 * - enrollments: `primary` is "true"/"false" like enabledUser.
 * - School confinement (principal.schoolIds are Ed-Fi school ids; `orgs.identifier` holds that id for
 *   school orgs): orgs = the schools and their parents; classes/enrollments by school; courses owned
 *   by the schools or taught there; academic sessions are the district calendar, shared by every
 *   school, so not confined.
 * - Relationship scopes (a teacher's sections, a parent's children, a student's self): each entity's
 *   `relate` hook from relationships.ts (sessions, courses and orgs of the caller's classes included).
 */
import { sql } from 'drizzle-orm';
import * as or from '../../domains/oneroster/tables.js';
import type { Entity, RefType } from './entity-kit.js';
import { base, bool, computed, date, entityOf, field, list, model, oneOf, refTo, str } from './model.js';
import { relateClasses, relateCourses, relateEnrollments, relateOrgs, relateSessions } from './relationships.js';

const tenantJoin = (alias: string) => `${alias}.tenant_id = t.tenant_id`;
/** REST only: the active rows of `table` whose parent is this one (the CSV has only the parent reference). */
const children = (table: string, refType: RefType) =>
  computed('children', {
    sql:
      `ARRAY(SELECT c.sourced_id FROM ${table} c WHERE ${tenantJoin('c')} AND ` +
      `c.parent_sourced_id = t.sourced_id AND c.status = 'active' ORDER BY c.sourced_id)`,
    type: 'refs',
    refType,
  });

export const academicSessionModel = model(or.academicSessions, {
  file: 'academicSessions',
  rest: { singular: 'academicSession', plural: 'academicSessions', relate: relateSessions },
  fields: [
    ...base(),
    str('title', 'title', { required: true }),
    oneOf('type', 'type', ['gradingPeriod', 'semester', 'schoolYear', 'term'], true),
    field('startDate', 'startDate', 'date', { required: true }),
    field('endDate', 'endDate', 'date', { required: true }),
    refTo('parent', 'parentSourcedId', 'academicSessions'),
    children('oneroster.academic_sessions', 'academicSession'),
    str('schoolYear', 'schoolYear', { required: true }),
  ],
});
export const academicSession: Entity = entityOf(academicSessionModel);

export const orgModel = model(or.orgs, {
  file: 'orgs',
  rest: {
    singular: 'org',
    plural: 'orgs',
    relate: relateOrgs,
    confine: (schools) =>
      sql`(t.sourced_id IN ${schools} OR t.sourced_id IN (SELECT s.parent_sourced_id FROM oneroster.orgs s
      WHERE s.tenant_id = t.tenant_id AND s.sourced_id IN ${schools}))`,
  },
  fields: [
    ...base(),
    str('name', 'name', { required: true }),
    oneOf('type', 'type', ['department', 'district', 'local', 'national', 'school', 'state'], true),
    str('identifier', 'identifier'),
    refTo('parent', 'parentSourcedId', 'orgs'),
    children('oneroster.orgs', 'org'),
  ],
});
export const org: Entity = entityOf(orgModel);

export const courseModel = model(or.courses, {
  file: 'courses',
  rest: {
    singular: 'course',
    plural: 'courses',
    relate: relateCourses,
    confine: (schools) =>
      sql`(t.org_sourced_id IN ${schools} OR EXISTS (SELECT 1 FROM oneroster.classes c WHERE c.tenant_id = t.tenant_id
      AND c.course_sourced_id = t.sourced_id AND c.school_sourced_id IN ${schools}))`,
  },
  fields: [
    ...base(),
    refTo('schoolYear', 'schoolYearSourcedId', 'academicSessions'),
    str('title', 'title', { required: true }),
    str('courseCode', 'courseCode'),
    list('grades', 'grades'),
    refTo('org', 'orgSourcedId', 'orgs', { required: true }),
    list('subjects', 'subjects'),
    list('subjectCodes', 'subjectCodes'),
  ],
});
export const course: Entity = entityOf(courseModel);

export const classModel = model(or.classes, {
  file: 'classes',
  rest: {
    singular: 'class',
    plural: 'classes',
    confine: (schools) => sql`t.school_sourced_id IN ${schools}`,
    relate: relateClasses,
  },
  fields: [
    ...base(),
    str('title', 'title', { required: true }),
    list('grades', 'grades'),
    refTo('course', 'courseSourcedId', 'courses', { required: true }),
    str('classCode', 'classCode'),
    oneOf('classType', 'classType', ['homeroom', 'scheduled'], true),
    str('location', 'location'),
    refTo('school', 'schoolSourcedId', 'orgs', { required: true }),
    list('terms', 'termSourcedIds', { csv: 'termSourcedIds', ref: 'academicSessions', required: true }),
    list('subjects', 'subjects'),
    list('subjectCodes', 'subjectCodes'),
    list('periods', 'periods'),
  ],
});
export const klass: Entity = entityOf(classModel);

export const enrollmentModel = model(or.enrollments, {
  file: 'enrollments',
  rest: {
    singular: 'enrollment',
    plural: 'enrollments',
    confine: (schools) => sql`t.school_sourced_id IN ${schools}`,
    relate: relateEnrollments,
  },
  fields: [
    ...base(),
    refTo('class', 'classSourcedId', 'classes', { required: true }),
    refTo('school', 'schoolSourcedId', 'orgs', { required: true }),
    refTo('user', 'userSourcedId', 'users', { required: true }),
    oneOf('role', 'role', ['administrator', 'proctor', 'student', 'teacher'], true),
    bool('primary', 'primaryEnrollment'),
    date('beginDate', 'beginDate'),
    date('endDate', 'endDate'),
  ],
});
export const enrollment: Entity = entityOf(enrollmentModel);

export const school: Entity = { ...org, where: `t.type = 'school'` };
export const term: Entity = { ...academicSession, where: `t.type IN ('term', 'semester')` };
export const gradingPeriod: Entity = { ...academicSession, where: `t.type = 'gradingPeriod'` };
