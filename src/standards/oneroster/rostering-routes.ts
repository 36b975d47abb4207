/**
 * The OneRoster 1.2 Rostering service (read only) at /ims/oneroster/rostering/v1p2: list and
 * /{sourcedId} for every collection, and the nested reads. Core collections take roster-core.readonly
 * or roster.readonly; nested reads take roster.readonly; demographics roster-demographics.readonly.
 */
import { sql, type SQL } from 'drizzle-orm';
import { scope, type Entity } from './entity-kit.js';
import { readOnlyService } from './read-service.js';
import { academicSession, course, enrollment, gradingPeriod, klass, org, school, term } from './rostering-resources.js';
import { demographic, student, teacher, user } from './rostering-users.js';
import type { CollectionRoute, ServiceOptions } from './service.js';

export const ROSTERING_BASE = '/ims/oneroster/rostering/v1p2';
const CORE = [scope('roster-core.readonly'), scope('roster.readonly')];
const FULL = [scope('roster.readonly')];
const DEMOGRAPHICS = [scope('roster-demographics.readonly')];

const one = (id: string) => sql`(${id})`;
// The tenant of the transaction, not `t.tenant_id`: a correlated tenant condition made PostgreSQL 15
// re-run the subquery per outer row (seen in bench/oneroster); row-level security confines it anyway.
const TENANT = sql.raw(`NULLIF(current_setting('app.tenant_id', true), '')::uuid`);
const enrolledIn = (classId: string, role: string): SQL =>
  sql`t.sourced_id IN (SELECT e.user_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = ${TENANT}
    AND e.class_sourced_id = ${classId} AND e.role = ${role} AND e.status = 'active')`;
const classesOfUser = (userId: string): SQL =>
  sql`t.sourced_id IN (SELECT e.class_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = ${TENANT}
    AND e.user_sourced_id = ${userId} AND e.status = 'active')`;
const classInSchool = (schoolId: string, classId: string): SQL =>
  sql`EXISTS (SELECT 1 FROM oneroster.classes c WHERE c.tenant_id = ${TENANT} AND c.sourced_id = ${classId}
    AND c.school_sourced_id = ${schoolId})`;

/** The top-level collections: path segment → entity, scopes. */
export const ROSTERING_COLLECTIONS: { segment: string; entity: Entity; scopes: string[] }[] = [
  { segment: 'academicSessions', entity: academicSession, scopes: CORE },
  { segment: 'classes', entity: klass, scopes: CORE },
  { segment: 'courses', entity: course, scopes: CORE },
  { segment: 'demographics', entity: demographic, scopes: DEMOGRAPHICS },
  { segment: 'enrollments', entity: enrollment, scopes: CORE },
  { segment: 'gradingPeriods', entity: gradingPeriod, scopes: CORE },
  { segment: 'orgs', entity: org, scopes: CORE },
  { segment: 'schools', entity: school, scopes: CORE },
  { segment: 'students', entity: student, scopes: CORE },
  { segment: 'teachers', entity: teacher, scopes: CORE },
  { segment: 'terms', entity: term, scopes: CORE },
  { segment: 'users', entity: user, scopes: CORE },
];

const schoolParent = { param: 'schoolId', entity: school };
const classParent = { param: 'classId', entity: klass };

export const ROSTERING_NESTED: CollectionRoute[] = [
  {
    path: '/classes/:classId/students',
    entity: user,
    scopes: FULL,
    parents: [classParent],
    where: (p) => [enrolledIn(p.classId!, 'student')],
  },
  {
    path: '/classes/:classId/teachers',
    entity: user,
    scopes: FULL,
    parents: [classParent],
    where: (p) => [enrolledIn(p.classId!, 'teacher')],
  },
  {
    path: '/courses/:courseId/classes',
    entity: klass,
    scopes: FULL,
    parents: [{ param: 'courseId', entity: course }],
    where: (p) => [sql`t.course_sourced_id = ${p.courseId}`],
  },
  {
    path: '/schools/:schoolId/classes',
    entity: klass,
    scopes: FULL,
    parents: [schoolParent],
    where: (p) => [klass.confine!(one(p.schoolId!))],
  },
  {
    path: '/schools/:schoolId/courses',
    entity: course,
    scopes: FULL,
    parents: [schoolParent],
    where: (p) => [course.confine!(one(p.schoolId!))],
  },
  {
    path: '/schools/:schoolId/enrollments',
    entity: enrollment,
    scopes: FULL,
    parents: [schoolParent],
    where: (p) => [enrollment.confine!(one(p.schoolId!))],
  },
  {
    path: '/schools/:schoolId/students',
    entity: student,
    scopes: FULL,
    parents: [schoolParent],
    where: (p) => [user.confine!(one(p.schoolId!))],
  },
  {
    path: '/schools/:schoolId/teachers',
    entity: teacher,
    scopes: FULL,
    parents: [schoolParent],
    where: (p) => [user.confine!(one(p.schoolId!))],
  },
  {
    path: '/schools/:schoolId/terms',
    entity: term,
    scopes: FULL,
    parents: [schoolParent],
    where: (p) => [
      sql`t.sourced_id IN (SELECT unnest(c.term_sourced_ids) FROM oneroster.classes c WHERE c.tenant_id = t.tenant_id
        AND c.school_sourced_id = ${p.schoolId} AND c.status = 'active')`,
    ],
  },
  {
    path: '/schools/:schoolId/classes/:classId/enrollments',
    entity: enrollment,
    scopes: FULL,
    parents: [schoolParent, classParent],
    where: (p) => [sql`t.class_sourced_id = ${p.classId}`, sql`t.school_sourced_id = ${p.schoolId}`],
  },
  {
    path: '/schools/:schoolId/classes/:classId/students',
    entity: user,
    scopes: FULL,
    parents: [schoolParent, classParent],
    where: (p) => [enrolledIn(p.classId!, 'student'), classInSchool(p.schoolId!, p.classId!)],
  },
  {
    path: '/schools/:schoolId/classes/:classId/teachers',
    entity: user,
    scopes: FULL,
    parents: [schoolParent, classParent],
    where: (p) => [enrolledIn(p.classId!, 'teacher'), classInSchool(p.schoolId!, p.classId!)],
  },
  {
    path: '/students/:userId/classes',
    entity: klass,
    scopes: FULL,
    parents: [{ param: 'userId', entity: student }],
    where: (p) => [classesOfUser(p.userId!)],
  },
  {
    path: '/teachers/:userId/classes',
    entity: klass,
    scopes: FULL,
    parents: [{ param: 'userId', entity: teacher }],
    where: (p) => [classesOfUser(p.userId!)],
  },
  {
    path: '/users/:userId/classes',
    entity: klass,
    scopes: FULL,
    parents: [{ param: 'userId', entity: user }],
    where: (p) => [classesOfUser(p.userId!)],
  },
  // Any academic session may be named here (districts use semesters as terms); the list is of classes.
  {
    path: '/terms/:termId/classes',
    entity: klass,
    scopes: FULL,
    parents: [{ param: 'termId', entity: academicSession }],
    where: (p) => [sql`${p.termId} = ANY(t.term_sourced_ids)`],
  },
  {
    path: '/terms/:termId/gradingPeriods',
    entity: gradingPeriod,
    scopes: FULL,
    parents: [{ param: 'termId', entity: academicSession }],
    // Grading periods anywhere below the session: a class's school-year (Year Round) term reaches the
    // grading periods of its semesters. A session tree is a few levels deep.
    where: (p) => [
      sql`t.sourced_id IN (WITH RECURSIVE below AS (
          SELECT c.sourced_id FROM oneroster.academic_sessions c WHERE c.tenant_id = t.tenant_id
            AND c.parent_sourced_id = ${p.termId} AND c.status = 'active'
          UNION SELECT c.sourced_id FROM oneroster.academic_sessions c JOIN below b
            ON c.parent_sourced_id = b.sourced_id
            WHERE c.tenant_id = t.tenant_id AND c.status = 'active')
        SELECT sourced_id FROM below)`,
    ],
  },
];

export function rosteringRoutes(options: ServiceOptions = {}) {
  return readOnlyService(
    {
      title: 'OneRoster 1.2 Rostering service (Schola)',
      base: ROSTERING_BASE,
      collections: ROSTERING_COLLECTIONS,
      nested: ROSTERING_NESTED,
    },
    options,
  );
}
