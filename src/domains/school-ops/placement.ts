/** Placement tests: a student's score places them at a CEFR level of a course. */
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { placementInput, type PlacementInput } from './schemas.js';
import { placements } from './tables.js';

export async function placeStudent(work: Work, input: PlacementInput) {
  const data = parseInput(placementInput, input);
  await work.authorize(placements, 'write');
  const [student] = rowsOf<{ role: string }>(
    await work.tx.execute(
      sql`SELECT role FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${data.studentId}`,
    ),
  );
  if (student?.role !== 'student') throw AppError.validation({ studentId: ['is not a student of this school'] });
  const [level] = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT id FROM curriculum.levels WHERE tenant_id = ${work.tenantId}
      AND course_type_id = ${data.courseTypeId} AND code = ${data.levelCode}`),
  );
  if (!level) throw AppError.validation({ levelCode: [`the course has no level ${data.levelCode}`] });
  const id = ulid();
  await work.tx.insert(placements).values({
    tenantId: work.tenantId,
    id,
    userId: data.studentId,
    courseTypeId: data.courseTypeId,
    recommendedLevelId: level.id,
    score: data.score,
    testedAt: work.now,
    notes: data.notes ?? null,
  });
  const view = {
    id,
    studentId: data.studentId,
    courseTypeId: data.courseTypeId,
    levelId: level.id,
    levelCode: data.levelCode,
    score: data.score,
    testedAt: work.now.toISOString(),
  };
  await work.audit({ table: placements, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}
