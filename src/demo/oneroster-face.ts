/**
 * What the demo district's OneRoster face has beyond the Ed-Fi projection, because the Ed-Fi data
 * model holds no e-mail addresses, parents or gradebook categories: school e-mail addresses for
 * teachers and students, one parent per student (a `parent` user with a role at the child's school,
 * linked to the child both ways through `agents`, with a personal address) and the district's
 * gradebook categories (tenant-wide, plus one per high school). The projection owns neither the
 * `email`/`agent_sourced_ids` columns nor these rows (`metadata.source = 'demo'`), so re-projecting
 * keeps them. Set-based: the same few statements for 300 or 100,000 students.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../platform/db/database.js';
import type { Tx } from '../platform/db/transaction.js';
import { DEMO_EMAIL_DOMAIN, US_FIRST_NAMES } from './names.js';

/** Students' addresses live in their own subdomain, as districts separate staff and student mail. */
export const STUDENT_EMAIL_DOMAIN = `students.${DEMO_EMAIL_DOMAIN}`;
/** Parents use personal addresses (a reserved domain: nothing is ever delivered). */
export const PARENT_EMAIL_DOMAIN = 'example.net';

/** The gradebook categories every class of the district may use, with their weights. */
export const DEMO_CATEGORIES = [
  { title: 'Homework', weight: 0.2 },
  { title: 'Quizzes', weight: 0.2 },
  { title: 'Tests', weight: 0.4 },
  { title: 'Projects', weight: 0.2 },
] as const;
/** A category only high schools' classes may use. */
export const HIGH_SCHOOL_CATEGORY = { title: 'Labs', weight: 0.1 } as const;

const letters = (expr: string) => `lower(regexp_replace(${expr}, '[^A-Za-z]', '', 'g'))`;
const DEMO = sql.raw(`jsonb_build_object('source', 'demo')`);

/**
 * A teacher's school address: first.last@domain, made unique with a number when two teachers share a
 * name (the second "maria.garcia" is maria.garcia2).
 */
export function teacherEmails(teachers: readonly { uniqueId: string; firstName: string; lastName: string }[]) {
  const seen = new Map<string, number>();
  const emails = new Map<string, string>();
  for (const t of teachers) {
    const base = `${t.firstName}.${t.lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    emails.set(t.uniqueId, `${base}${n > 1 ? n : ''}@${DEMO_EMAIL_DOMAIN}`);
  }
  return emails;
}

export async function seedOneRosterFace(
  tx: Tx,
  tenantId: string,
  teachers: readonly { uniqueId: string; email: string }[],
): Promise<Record<string, number>> {
  // Teachers: the addresses computed above, on their projected users (sourcedId = the Ed-Fi staff id).
  await tx.execute(sql`
    UPDATE oneroster.users u SET email = x.email
    FROM json_to_recordset(${JSON.stringify(teachers.map((t) => ({ id: t.uniqueId, email: t.email })))}::json) AS x(id
      text, email text)
    JOIN edfi.staff s ON s.tenant_id = ${tenantId} AND s.staffuniqueid = x.id
    WHERE u.tenant_id = ${tenantId} AND u.sourced_id = s.id::text`);
  // Students: initial + last name + the student number (unique), at the students' domain.
  await tx.execute(sql`
    UPDATE oneroster.users u
    SET email = ${sql.raw(letters('left(s.firstname, 1)'))} || ${sql.raw(letters('s.lastsurname'))} ||
      s.studentuniqueid || ${`@${STUDENT_EMAIL_DOMAIN}`}
    FROM edfi.student s
    WHERE u.tenant_id = ${tenantId} AND s.tenant_id = ${tenantId} AND u.sourced_id = s.id::text`);
  // Parents: a first name picked by the student number, the child's family name, a personal address.
  const parents = await tx.execute(sql`
    WITH kids AS (
      SELECT u.sourced_id AS child, u.family_name, u.primary_org_sourced_id AS org, s.studentuniqueid AS number,
        md5('demo:parent:' || u.sourced_id)::uuid::text AS parent,
        ${JSON.stringify(US_FIRST_NAMES)}::jsonb ->> ((s.studentusi * 7919) % ${US_FIRST_NAMES.length})::int AS
          given_name
      FROM oneroster.users u JOIN edfi.student s ON s.tenant_id = u.tenant_id AND s.id::text = u.sourced_id
      WHERE u.tenant_id = ${tenantId} AND u.primary_org_sourced_id IS NOT NULL),
    new_parents AS (
      INSERT INTO oneroster.users (tenant_id, sourced_id, enabled_user, username, given_name, family_name, email,
        agent_sourced_ids, primary_org_sourced_id, metadata)
      SELECT ${tenantId}, k.parent, true, ${sql.raw(letters('k.given_name'))} || '.' ||
        ${sql.raw(letters('k.family_name'))} || '.' || k.number,
        k.given_name, k.family_name,
        ${sql.raw(letters('k.given_name'))} || '.' || ${sql.raw(letters('k.family_name'))} || '.' || k.number ||
          ${`@${PARENT_EMAIL_DOMAIN}`},
        ARRAY[k.child], k.org, ${DEMO}
      FROM kids k RETURNING 1),
    parent_roles AS (
      INSERT INTO oneroster.roles (tenant_id, sourced_id, user_sourced_id, role_type, role, org_sourced_id)
      SELECT ${tenantId}, md5('demo:parent-role:' || k.parent)::uuid::text, k.parent, 'primary', 'parent', k.org
        FROM kids k RETURNING 1),
    agents AS (
      UPDATE oneroster.users u SET agent_sourced_ids = ARRAY[k.parent] FROM kids k
      WHERE u.tenant_id = ${tenantId} AND u.sourced_id = k.child RETURNING 1)
    SELECT (SELECT count(*) FROM new_parents)::int AS parents, (SELECT count(*) FROM parent_roles)::int AS roles,
      (SELECT count(*) FROM agents)::int AS agents`);
  // Categories: tenant-wide ones, and Labs for the high schools' classes.
  await tx.execute(sql`
    INSERT INTO oneroster.categories (tenant_id, sourced_id, title, weight, school_sourced_id, metadata)
    SELECT ${tenantId}::uuid, md5('demo:category:' || c.title)::uuid::text, c.title, c.weight, NULL::text, ${DEMO}
    FROM json_to_recordset(${JSON.stringify(DEMO_CATEGORIES)}::json) AS c(title text, weight float8)
    UNION ALL
    SELECT ${tenantId}::uuid, md5('demo:category:' || ${HIGH_SCHOOL_CATEGORY.title}::text || ':' ||
      o.sourced_id)::uuid::text,
      ${HIGH_SCHOOL_CATEGORY.title}::text, ${HIGH_SCHOOL_CATEGORY.weight}::float8, o.sourced_id, ${DEMO}
    FROM oneroster.orgs o WHERE o.tenant_id = ${tenantId} AND o.type = 'school' AND o.name LIKE '% High School'`);
  const [counts] = rowsOf<{ parents: number }>(parents);
  return { onerosterParents: Number(counts?.parents ?? 0) };
}
