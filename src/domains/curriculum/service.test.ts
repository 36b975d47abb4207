/**
 * The curriculum through its routes: courses with CEFR levels only, modules and lessons kept in a
 * dense order (also under concurrent additions), progress per lesson counted once, badges awarded by
 * the declared rules exactly once, and the perfect-attendance-month badge from taken attendance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { languageSchool, type LanguageSchool } from '../../../test/support/language-school.js';
import type { Principal } from '../../platform/auth/roles.js';
import { studentBadges } from './index.js';

let h: DomainHarness;
let ls: LanguageSchool;
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, who?: Principal) =>
  h.inject(who ?? ls.office, { method, url, ...(body === undefined ? {} : json(body)) });

beforeAll(async () => {
  h = await domainHarness();
  ls = await languageSchool(h);
});
afterAll(() => h.dispose());

async function moduleWithLessons(n: number) {
  const course = await send('POST', '/api/v1/courses', {
    code: `c${Date.now() % 1_000_000}${n}`,
    name: 'Francês',
    levels: ['A1', 'A2'],
  });
  expect(course.statusCode, course.body).toBe(201);
  const level = course.json().levels[0];
  const mod = await send('POST', `/api/v1/courses/levels/${level.id}/modules`, { name: 'Greetings' });
  const lessons = [];
  for (let i = 1; i <= n; i++) {
    const l = await send('POST', `/api/v1/courses/modules/${mod.json().id}/lessons`, {
      title: `Lesson ${i}`,
      contentMdx: `# Lesson ${i}`,
      objectives: ['say hello'],
      points: 10,
    });
    expect(l.statusCode, l.body).toBe(201);
    lessons.push(l.json() as { id: string; order: number });
  }
  return { courseId: course.json().id as string, moduleId: mod.json().id as string, lessons };
}

describe('courses, modules and lessons', () => {
  it('take CEFR levels only, in CEFR order', async () => {
    const bad = await send('POST', '/api/v1/courses', { code: 'frz9', name: 'X', levels: ['A1', 'Z9'] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().validationErrors)).toEqual(['levels.1']);
    const { courseId } = await moduleWithLessons(0);
    const lvl = await send('POST', `/api/v1/courses/${courseId}/levels`, { code: 'C2' });
    expect(lvl.statusCode).toBe(201);
    expect((await send('POST', `/api/v1/courses/${courseId}/levels`, { code: 'C2' })).json().code).toBe('level_exists');
    const tree = (await h.inject(ls.office, { url: `/api/v1/courses/${courseId}` })).json();
    expect(tree.levels.map((l: { code: string }) => l.code)).toEqual(['A1', 'A2', 'C2']);
  });

  it('keep lessons in a dense order through additions, moves, edits and removals', async () => {
    const { courseId, moduleId, lessons } = await moduleWithLessons(3);
    expect(lessons.map((l) => l.order)).toEqual([1, 2, 3]);
    const parallel = await Promise.all(
      [4, 5, 6, 7].map((i) => send('POST', `/api/v1/courses/modules/${moduleId}/lessons`, { title: `Extra ${i}` })),
    );
    expect(parallel.map((r) => r.json().order).sort()).toEqual([4, 5, 6, 7]);
    const moved = await send('POST', `/api/v1/courses/lessons/${lessons[2]!.id}/move`, { position: 1 });
    expect(
      moved
        .json()
        .slice(0, 3)
        .map((l: { title: string }) => l.title),
    ).toEqual(['Lesson 3', 'Lesson 1', 'Lesson 2']);
    const edited = await send('PATCH', `/api/v1/courses/lessons/${lessons[0]!.id}`, {
      contentMdx: '# Olá',
      points: 20,
    });
    expect(edited.json()).toMatchObject({ contentMdx: '# Olá', points: 20, title: 'Lesson 1' });
    expect((await send('DELETE', `/api/v1/courses/lessons/${lessons[1]!.id}`)).statusCode).toBe(204);
    const tree = (await h.inject(ls.office, { url: `/api/v1/courses/${courseId}` })).json();
    expect(tree.levels[0].modules[0].lessons.map((l: { order: number }) => l.order)).toEqual([1, 2, 3, 4, 5, 6]);
    // written only through the service
    expect(
      (await send('POST', '/api/v1/curriculum/lessons', { title: 'x' }, ls.as(['district_admin']))).statusCode,
    ).toBe(405);
  });
});

describe('progress and badges', () => {
  it('count a lesson once and award the declared badges once (first lesson, ten lessons, module)', async () => {
    const [student] = await ls.addStudents(1);
    const badge = await h.database.query<{ id: string }>(
      `INSERT INTO curriculum.badges (tenant_id, id, organization_id, name, category)
       VALUES ($1, 'bdg-mod', $2, 'Module star', 'module') RETURNING id`,
      [ls.tenantId, ls.organizationId],
    );
    const { lessons, moduleId } = await moduleWithLessons(11);
    await h.database.query('UPDATE curriculum.modules SET badge_id = $3 WHERE tenant_id = $1 AND id = $2', [
      ls.tenantId,
      moduleId,
      badge[0]!.id,
    ]);
    const complete = (lessonId: string, who?: Principal) =>
      send('POST', '/api/v1/courses/progress', { studentId: student, lessonId }, who);
    const first = await complete(lessons[0]!.id, ls.as(['student'], student));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ lessonsCompleted: 1, badgesAwarded: ['First lesson'] });
    // twice at once: still one lesson, no second badge
    const twice = await Promise.all([complete(lessons[0]!.id), complete(lessons[0]!.id)]);
    for (const r of twice) expect(r.json()).toMatchObject({ lessonsCompleted: 1, badgesAwarded: [] });
    for (const l of lessons.slice(1, 9)) await complete(l.id);
    expect((await complete(lessons[9]!.id)).json()).toMatchObject({
      lessonsCompleted: 10,
      badgesAwarded: ['Ten lessons'],
    });
    expect((await complete(lessons[10]!.id)).json().badgesAwarded).toEqual([`module:${moduleId}`]);
    const held = await h.work(ls.office, (work) => studentBadges(work, student!));
    expect(held.map((b) => b.name).sort()).toEqual(['First lesson', 'Module star', 'Ten lessons']);
    // another student cannot record progress for this one
    const [other] = await ls.addStudents(1);
    expect((await complete(lessons[0]!.id, ls.as(['student'], other))).statusCode).toBe(403);
  });

  it('award perfect attendance for a month with every session present, once', async () => {
    const teacherId = await ls.addTeacher();
    const cls = await send('POST', '/api/v1/school-ops/classes', {
      name: 'Perfect month',
      termId: ls.termId,
      courseTypeId: ls.courseTypeId,
      levelCode: 'A2',
      maxStudents: 5,
      teacherId,
    });
    const [good, patchy] = await ls.addStudents(2);
    for (const studentId of [good, patchy])
      await send('POST', `/api/v1/school-ops/classes/${cls.json().id}/enrollments`, { studentId });
    const dates = ['2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25'];
    const sessionIds = [];
    for (const date of dates) {
      const s = await send('POST', `/api/v1/school-ops/classes/${cls.json().id}/sessions`, {
        date,
        startTime: '06:00',
        endTime: '06:50',
      });
      sessionIds.push(s.json().id as string);
    }
    for (const [i, sessionId] of sessionIds.entries()) {
      const r = await send(
        'PUT',
        `/api/v1/school-ops/sessions/${sessionId}/attendance`,
        {
          entries: [
            { studentId: good, status: 'present' },
            { studentId: patchy, status: i === 2 ? 'late' : 'present' },
          ],
        },
        ls.teacher(teacherId),
      );
      expect(r.statusCode, r.body).toBe(200);
    }
    // retaking the last register changes nothing for the badge
    await send(
      'PUT',
      `/api/v1/school-ops/sessions/${sessionIds[3]}/attendance`,
      {
        entries: [
          { studentId: good, status: 'present' },
          { studentId: patchy, status: 'present' },
        ],
      },
      ls.teacher(teacherId),
    );
    const badges = async (id: string) =>
      (await h.work(ls.office, (work) => studentBadges(work, id))).map((b) => b.name);
    expect(await badges(good!)).toEqual(['Perfect attendance month']);
    expect(await badges(patchy!)).toEqual([]);
  });
});
