/**
 * The billing bench's set-up in bulk: the demo language school (seeded small through seedDemo) grown to
 * `students` students with set-based INSERT … SELECTs over generate_series — no row built in JavaScript.
 * The shape is the demo's: a parent for every other student, every third parent with a second child
 * (siblings, so the sibling discount applies), about 1 in 17 enrolments dropped, and classes of the
 * term's levels and teachers with 12 seats each, never over capacity (the bench classes hold no weekly
 * schedule, so no teacher or room is double-booked). It runs in one tenant transaction as the app role,
 * so row-level security and every key, foreign key and check apply as they do to the demo.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/platform/db/database.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';

const SEATS = 12;

export async function growLanguageSchool(database: Database, tenantId: string, students: number): Promise<number> {
  if (students <= 0) return 0;
  const classCount = Math.ceil(students / SEATS);
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    const run = (query: ReturnType<typeof sql>) => tx.execute(query);
    // The template classes: the demo's own, in order (level, teacher, term and organization).
    await run(sql`
      INSERT INTO school_ops.classes (tenant_id, id, organization_id, term_id, level_id, teacher_id, room_id, name,
             max_students, is_active)
      SELECT ${tenantId}, 'bench-class-' || lpad(g::text, 5, '0'), t.organization_id, t.term_id, t.level_id,
             t.teacher_id, NULL, t.name || ' - turma ' || g, ${SEATS}, true
        FROM generate_series(1, ${classCount}::int) g
        JOIN (SELECT c.*, row_number() OVER (ORDER BY c.id) - 1 AS k, count(*) OVER () AS n
                FROM school_ops.classes c WHERE c.tenant_id = ${tenantId} AND c.is_active) t
          ON t.k = g % t.n`);
    const [org] = rowsOf<{ id: string }>(
      await run(sql`SELECT id FROM core.organizations WHERE tenant_id = ${tenantId} ORDER BY id LIMIT 1`),
    );
    const organizationId = org!.id;
    // Students, then a parent for every other student (as the demo: parent of student 2i, every third also 2i+1).
    await run(sql`
      INSERT INTO core.users (tenant_id, id, organization_id, role, first_name, last_name, email, birth_date,
             is_active)
      SELECT ${tenantId}, 'bench-student-' || lpad(g::text, 6, '0'), ${organizationId}, 'student',
             'Aluno', 'Bench ' || g, 'aluno.' || g || '@bench.example.com.br',
             make_date(2008 + g % 9, 1 + g % 12, 1 + g % 28), true
        FROM generate_series(0, ${students - 1}::int) g`);
    await run(sql`
      INSERT INTO core.users (tenant_id, id, organization_id, role, first_name, last_name, email, birth_date,
             is_active)
      SELECT ${tenantId}, 'bench-parent-' || lpad(p::text, 6, '0'), ${organizationId}, 'parent',
             'Responsável', 'Bench ' || p, 'responsavel.' || p || '@bench.example.com.br',
             make_date(1972 + p % 19, 1 + p % 12, 1 + p % 28), true
        FROM generate_series(0, ${Math.ceil(students / 2) - 1}::int) p`);
    await run(sql`
      INSERT INTO core.families (tenant_id, id, parent_id, child_id, relationship, is_primary)
      SELECT ${tenantId}, 'bench-family-' || lpad(p::text, 6, '0') || '-' || k,
             'bench-parent-' || lpad(p::text, 6, '0'), 'bench-student-' || lpad((2 * p + k)::text, 6, '0'),
             (ARRAY['mother', 'father', 'guardian'])[1 + p % 3], k = 0
        FROM generate_series(0, ${Math.ceil(students / 2) - 1}::int) p
        CROSS JOIN generate_series(0, 1) k
       WHERE (k = 0 OR p % 3 = 0) AND 2 * p + k < ${students}`);
    // One enrolment each, 12 students to a class: never more than its seats.
    await run(sql`
      INSERT INTO school_ops.enrollments (tenant_id, id, user_id, class_id, enrolled_at, status)
      SELECT ${tenantId}, 'bench-enrollment-' || lpad(g::text, 6, '0'), 'bench-student-' || lpad(g::text, 6, '0'),
             'bench-class-' || lpad((1 + g / ${SEATS})::text, 5, '0'), now() - interval '30 days',
             CASE WHEN g % 17 = 5 THEN 'dropped' ELSE 'active' END
        FROM generate_series(0, ${students - 1}::int) g`);
    return students;
  });
}
