/**
 * Progress per lesson and the badges the declared rules award (BADGE_RULES in schemas.ts): first
 * lesson, ten lessons, perfect attendance month (school-ops decides the month and calls
 * `awardRuleBadges`), and a module's own badge once all its lessons are done. Idempotent: a lesson
 * completed twice counts once (the student's completions run one at a time under an advisory lock),
 * and a badge is held once (toolbox.user_badges is unique per student and badge; ON CONFLICT DO NOTHING).
 * A rule's badge is the organization's badge of that name, created the first time it is awarded.
 */
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { BADGE_RULES, completeLessonInput, type BadgeRule, type CompleteLessonInput } from './schemas.js';

const lock = (work: Work, key: string) =>
  work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${work.tenantId}:${key}`}, 0))`);

async function studentOrganization(work: Work, studentId: string): Promise<string> {
  const [row] = rowsOf<{ organization_id: string; role: string }>(
    await work.tx.execute(
      sql`SELECT organization_id, role FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${studentId}`,
    ),
  );
  if (row?.role !== 'student') throw AppError.validation({ studentId: ['is not a student of this school'] });
  return row.organization_id;
}

async function ruleBadgeId(work: Work, organizationId: string, rule: BadgeRule): Promise<string> {
  const def = BADGE_RULES[rule];
  await lock(work, `badge-rule:${organizationId}:${rule}`);
  const [found] = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT id FROM curriculum.badges WHERE tenant_id = ${work.tenantId}
      AND organization_id = ${organizationId} AND name = ${def.name} ORDER BY id LIMIT 1`),
  );
  if (found) return found.id;
  const id = ulid();
  await work.tx
    .execute(sql`INSERT INTO curriculum.badges (tenant_id, id, organization_id, name, description, category, icon)
    VALUES (${work.tenantId}, ${id}, ${organizationId}, ${def.name}, ${def.description}, ${def.category}, ${rule})`);
  return id;
}

/** Gives a badge once; true when it is new. */
async function grant(work: Work, studentId: string, badgeId: string, lessonId: string | null): Promise<boolean> {
  const inserted = rowsOf<{ id: string }>(
    await work.tx.execute(sql`INSERT INTO toolbox.user_badges (tenant_id, id, user_id, badge_id, earned_at, lesson_id)
      VALUES (${work.tenantId}, ${ulid()}, ${studentId}, ${badgeId}, ${work.now.toISOString()}, ${lessonId})
      ON CONFLICT DO NOTHING RETURNING id`),
  );
  if (inserted.length > 0)
    await work.audit({
      table: 'toolbox.user_badges',
      recordId: inserted[0]!.id,
      operation: 'INSERT',
      newValues: { studentId, badgeId },
    });
  return inserted.length > 0;
}

/** Awards every rule badge the facts earn; returns the names of the badges newly given. */
export async function awardRuleBadges(
  work: Work,
  studentId: string,
  facts: { lessonsCompleted?: number; perfectAttendanceMonth?: string; lessonId?: string },
): Promise<string[]> {
  const organizationId = await studentOrganization(work, studentId);
  const earned: BadgeRule[] = [];
  for (const [rule, def] of Object.entries(BADGE_RULES) as [BadgeRule, (typeof BADGE_RULES)[BadgeRule]][]) {
    if (def.lessons !== undefined && (facts.lessonsCompleted ?? 0) >= def.lessons) earned.push(rule);
  }
  if (facts.perfectAttendanceMonth) earned.push('perfect_attendance_month');
  const given: string[] = [];
  for (const rule of earned) {
    if (await grant(work, studentId, await ruleBadgeId(work, organizationId, rule), facts.lessonId ?? null))
      given.push(BADGE_RULES[rule].name);
  }
  return given;
}

/** Records a completed lesson (once) and awards the badges it earns. */
export async function completeLesson(work: Work, input: CompleteLessonInput) {
  const data = parseInput(completeLessonInput, input);
  const self = work.principal.person?.coreUserId === data.studentId;
  await work.authorize('toolbox.user_progress', self ? 'read' : 'write');
  await studentOrganization(work, data.studentId);
  const [lesson] = rowsOf<{ module_id: string; points: number | null }>(
    await work.tx.execute(
      sql`SELECT module_id, points FROM curriculum.lessons
            WHERE tenant_id = ${work.tenantId} AND id = ${data.lessonId}`,
    ),
  );
  if (!lesson) throw AppError.validation({ lessonId: ['is not a lesson of this school'] });
  await lock(work, `progress:${data.studentId}`);
  const [done] = rowsOf<{ points_earned: number | null; completed_at: string }>(
    await work.tx
      .execute(sql`SELECT points_earned, completed_at FROM toolbox.user_progress WHERE tenant_id = ${work.tenantId}
      AND user_id = ${data.studentId} AND lesson_id = ${data.lessonId} AND completed_at IS NOT NULL LIMIT 1`),
  );
  let completedAt = done ? new Date(done.completed_at) : work.now;
  if (!done) {
    const id = ulid();
    await work.tx.execute(sql`INSERT INTO toolbox.user_progress
      (tenant_id, id, user_id, module_id, lesson_id, points_earned, completed_at, tasks_completed)
      VALUES (${work.tenantId}, ${id}, ${data.studentId}, ${lesson.module_id}, ${data.lessonId}, ${lesson.points ?? 0},
              ${work.now.toISOString()}, ${JSON.stringify(data.tasksCompleted)}::jsonb)`);
    await work.audit({ table: 'toolbox.user_progress', recordId: id, operation: 'INSERT', newValues: data });
    completedAt = work.now;
  }
  const [count] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`SELECT count(DISTINCT lesson_id)::int AS n FROM toolbox.user_progress
      WHERE tenant_id = ${work.tenantId} AND user_id = ${data.studentId} AND completed_at IS NOT NULL`),
  );
  const lessonsCompleted = count?.n ?? 0;
  const badges = await awardRuleBadges(work, data.studentId, { lessonsCompleted, lessonId: data.lessonId });
  // The module's own badge, once every lesson of the module is done.
  const [mod] = rowsOf<{ badge_id: string | null; missing: number }>(
    await work.tx.execute(sql`SELECT m.badge_id, (SELECT count(*)::int FROM curriculum.lessons l
        WHERE l.tenant_id = m.tenant_id AND l.module_id = m.id AND NOT EXISTS (
          SELECT 1 FROM toolbox.user_progress p WHERE p.tenant_id = l.tenant_id AND p.lesson_id = l.id
             AND p.user_id = ${data.studentId} AND p.completed_at IS NOT NULL)) AS missing
      FROM curriculum.modules m WHERE m.tenant_id = ${work.tenantId} AND m.id = ${lesson.module_id}`),
  );
  if (mod?.badge_id && mod.missing === 0 && (await grant(work, data.studentId, mod.badge_id, data.lessonId)))
    badges.push(`module:${lesson.module_id}`);
  return {
    studentId: data.studentId,
    lessonId: data.lessonId,
    pointsEarned: done ? (done.points_earned ?? 0) : (lesson.points ?? 0),
    completedAt: completedAt.toISOString(),
    lessonsCompleted,
    badgesAwarded: badges,
  };
}

/** The badges a student holds (names), oldest first. */
export async function studentBadges(work: Work, studentId: string): Promise<{ name: string; earnedAt: string }[]> {
  await work.authorize('toolbox.user_badges', 'read');
  const rows = rowsOf<{ name: string; earned_at: string }>(
    await work.tx.execute(sql`SELECT b.name, ub.earned_at FROM toolbox.user_badges ub
      JOIN curriculum.badges b ON b.tenant_id = ub.tenant_id AND b.id = ub.badge_id
     WHERE ub.tenant_id = ${work.tenantId} AND ub.user_id = ${studentId} ORDER BY ub.earned_at, b.name`),
  );
  return rows.map((r) => ({ name: r.name, earnedAt: new Date(r.earned_at).toISOString() }));
}
