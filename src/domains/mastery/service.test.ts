/**
 * Mastery learning through its service and routes: daily plans and target completion, XP and the
 * mastery score under concurrent attempts, test-outs, MAP results and placement, value rules in the
 * database, and the generic API refusing writes to the tables this domain owns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { planDay, recordTargetProgress } from './service.js';
import { recordLessonAttempt, testOut } from './skills.js';

let h: DomainHarness;
let tenant: string;
let admin: Principal;
let students: { uniqueId: string; usi: number; grade: string }[];

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  h = await domainHarness({ schools: 1, students: 20, sectionsPerSchool: 2 });
  tenant = h.demo.districtTenantId;
  const rows = await h.database.query<{ studentuniqueid: string; studentusi: number; grade: string; schoolid: number }>(
    `SELECT s.studentuniqueid, s.studentusi, d.codevalue AS grade, a.schoolid FROM edfi.student s
       JOIN edfi.studentschoolassociation a ON a.tenant_id = s.tenant_id AND a.studentusi = s.studentusi
       JOIN edfi.descriptor d ON d.descriptorid = a.entrygradeleveldescriptorid
      WHERE s.tenant_id = $1 AND d.codevalue <> 'Twelfth grade'
        AND NOT EXISTS (SELECT 1 FROM two_hour_learning.daily_targets t WHERE t.student_id = s.studentuniqueid)
      ORDER BY s.studentusi`,
    [tenant],
  );
  students = rows.map((r) => ({ uniqueId: r.studentuniqueid, usi: r.studentusi, grade: r.grade }));
  admin = h.principal(['school_admin'], { schoolIds: [rows[0]!.schoolid] });
});
afterAll(() => h.dispose());

describe('daily targets', () => {
  it('plans 4 × 25 + 20 minutes once, also when asked twice at once', async () => {
    const s = students[0]!.uniqueId;
    const [a, b] = await Promise.all([0, 1].map(() => h.work(admin, (w) => planDay(w, s, '2026-10-05'))));
    expect(a!.targets.map((t) => t.targetMinutes)).toEqual([25, 25, 25, 25, 20]);
    expect(b!.targets.map((t) => t.targetId)).toEqual(a!.targets.map((t) => t.targetId));
  });

  it('completes a target only when minutes and accuracy are met; a false claim is refused and changes nothing', async () => {
    const s = students[1]!.uniqueId;
    const [math] = (await h.work(admin, (w) => planDay(w, s, '2026-10-05'))).targets;
    const claim = await h.inject(admin, {
      method: 'PATCH',
      url: `/api/v1/mastery/daily-targets/${math!.targetId}`,
      ...json({ actualMinutes: 10, actualLessons: 1, actualAccuracy: 95, completed: true }),
    });
    expect(claim.statusCode).toBe(422);
    expect(claim.json()).toMatchObject({ code: 'target_not_met' });
    expect(Object.keys(claim.json().validationErrors)).toEqual(['completed']);
    const [stored] = await h.database.query<{ actual_minutes: number | null; completed: boolean }>(
      'SELECT actual_minutes, completed FROM two_hour_learning.daily_targets WHERE tenant_id = $1 AND target_id = $2',
      [tenant, math!.targetId],
    );
    expect(stored).toEqual({ actual_minutes: null, completed: false });
    const short = await h.work(admin, (w) =>
      recordTargetProgress(w, math!.targetId, { actualMinutes: 25, actualLessons: 2, actualAccuracy: 79.5 }),
    );
    expect(short.completed).toBe(false);
    const met = await h.work(admin, (w) =>
      recordTargetProgress(w, math!.targetId, {
        actualMinutes: 25,
        actualLessons: 2,
        actualAccuracy: 80,
        completed: true,
      }),
    );
    expect(met.completed).toBe(true);
    // The database refuses the same lie from anywhere else too.
    await expect(
      h.database.query(
        `UPDATE two_hour_learning.daily_targets SET actual_minutes = 10, completed = true
          WHERE tenant_id = $1 AND target_id = $2`,
        [tenant, math!.targetId],
      ),
    ).rejects.toThrow(/daily_targets_completed_check/);
  });

  it("moves the next day's lessons by the accuracy band", async () => {
    const s = students[2]!.uniqueId;
    const day1 = (await h.work(admin, (w) => planDay(w, s, '2026-10-05'))).targets;
    const bySubject = (targets: typeof day1) => Object.fromEntries(targets.map((t) => [t.subjectId, t]));
    const first = bySubject(day1);
    await h.work(admin, (w) =>
      recordTargetProgress(w, first.math!.targetId, { actualMinutes: 25, actualLessons: 2, actualAccuracy: 97 }),
    );
    await h.work(admin, (w) =>
      recordTargetProgress(w, first.reading!.targetId, { actualMinutes: 25, actualLessons: 2, actualAccuracy: 70 }),
    );
    await h.work(admin, (w) =>
      recordTargetProgress(w, first.science!.targetId, { actualMinutes: 25, actualLessons: 2, actualAccuracy: 85 }),
    );
    const next = bySubject((await h.work(admin, (w) => planDay(w, s, '2026-10-06'))).targets);
    expect([next.math!.targetLessons, next.reading!.targetLessons, next.science!.targetLessons]).toEqual([3, 1, 2]);
  });
});

describe('lessons, mastery and test-outs', () => {
  it('gives XP by accuracy and attempt, and moves the mastery score, one attempt at a time', async () => {
    const skill = { studentId: students[3]!.uniqueId, subjectId: 'math', skillId: 'fractions.add' };
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.work(admin, (w) => recordLessonAttempt(w, { ...skill, accuracy: 100, baseXp: 100, minutes: 5 })),
      ),
    );
    expect(attempts.filter((a) => a.firstAttempt)).toHaveLength(1);
    expect(attempts.map((a) => a.xp).sort()).toEqual([100, 100, 100, 100, 125]);
    // 0 → 14 → 27 → 39 → 50 → 59: each pass adds max(4, 14 − ⌊score/10⌋).
    const last = attempts.reduce((a, b) => (a.attemptsCount > b.attemptsCount ? a : b));
    expect(last).toMatchObject({
      masteryScore: 59,
      attemptsCount: 5,
      xpEarned: 525,
      timeSpentMinutes: 25,
      currentLevel: 6,
    });
    const later = await h.work(admin, (w) => recordLessonAttempt(w, { ...skill, accuracy: 85, baseXp: 100 }));
    expect(later).toMatchObject({ xp: 50, masteryScore: 68, passed: true }); // 59 + 9
    const miss = await h.work(admin, (w) => recordLessonAttempt(w, { ...skill, accuracy: 60, baseXp: 100 }));
    expect(miss).toMatchObject({ xp: 0, masteryScore: 63, passed: false, mastered: false }); // 68 − 5
  });

  it('masters a skill by test-out at 90, not at 89', async () => {
    const skill = { studentId: students[4]!.uniqueId, subjectId: 'reading', skillId: 'inference' };
    const low = await h.work(admin, (w) => testOut(w, { ...skill, score: 89 }));
    expect(low).toMatchObject({ testedOut: false, mastered: false, masteryScore: 0 });
    const high = await h.work(admin, (w) => testOut(w, { ...skill, score: 90 }));
    expect(high).toMatchObject({ testedOut: true, mastered: true, masteryScore: 100, currentLevel: 10 });
  });
});

describe('MAP results', () => {
  const url = '/api/v1/mastery/map-results';
  it('refuses a RIT of −5, a percentile outside 1–99 and an unknown student, naming the field', async () => {
    const base = {
      studentId: students[5]!.uniqueId,
      subject: 'Math',
      testDate: '2026-09-20',
      ritScore: 210,
      percentile: 50,
    };
    const rit = await h.inject(admin, { method: 'POST', url, ...json({ ...base, ritScore: -5 }) });
    expect(rit.statusCode).toBe(400);
    expect(Object.keys(rit.json().validationErrors)).toEqual(['ritScore']);
    for (const percentile of [0, 100]) {
      const res = await h.inject(admin, { method: 'POST', url, ...json({ ...base, percentile }) });
      expect(Object.keys(res.json().validationErrors)).toEqual(['percentile']);
    }
    const unknown = await h.inject(admin, { method: 'POST', url, ...json({ ...base, studentId: 'NOBODY-1' }) });
    expect(unknown.statusCode).toBe(422);
    expect(Object.keys(unknown.json().validationErrors)).toEqual(['studentId']);
    const [{ n }] = (await h.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM two_hour_learning.map_test_results WHERE tenant_id = $1 AND student_id = $2',
      [tenant, students[5]!.uniqueId],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('stores percentile and RIT and places the student one grade up at the 90th percentile', async () => {
    const s = students[5]!;
    const at = (percentile: number) =>
      h.inject(admin, {
        method: 'POST',
        url,
        ...json({ studentId: s.uniqueId, subject: 'Reading', testDate: '2026-09-20', ritScore: 221, percentile }),
      });
    const high = await at(90);
    expect(high.statusCode).toBe(201);
    expect(high.json()).toMatchObject({
      ritScore: 221,
      percentile: 90,
      placement: { enrolledGrade: s.grade, advanced: true },
    });
    expect(high.json().placement.placementGrade).not.toBe(s.grade);
    expect((await at(89)).json().placement).toMatchObject({ placementGrade: s.grade, advanced: false });
  });

  it('refuses generic writes to its tables (405 naming the endpoint) and bad values in the database', async () => {
    const district = h.principal(['district_admin']);
    for (const [table, endpoint] of [
      ['map_test_results', 'POST /api/v1/mastery/map-results'],
      ['daily_targets', 'PATCH /api/v1/mastery/daily-targets/{targetId}'],
      ['mastery_progress', 'POST /api/v1/mastery/attempts'],
    ] as const) {
      const res = await h.inject(district, {
        method: 'POST',
        url: `/api/v1/two_hour_learning/${table.replace(/_/g, '-')}`,
        ...json({ studentId: students[0]!.uniqueId }),
      });
      expect(res.statusCode).toBe(405);
      expect(res.json().detail).toContain(endpoint);
    }
    await expect(
      h.database.query(
        `INSERT INTO two_hour_learning.map_test_results (tenant_id, student_id, subject, test_date, rit_score)
         VALUES ($1, 'x', 'Math', '2026-09-01', -5)`,
        [tenant],
      ),
    ).rejects.toThrow(/map_test_results_rit_score_check/);
  });
});

describe('who may record and read', () => {
  it('refuses teachers, parents and students as writers; a parent reads their child', async () => {
    const s = students[6]!;
    for (const roles of [['teacher'], ['parent'], ['student']] as const) {
      await expect(
        h.work(h.principal([...roles]), (w) =>
          recordLessonAttempt(w, { studentId: s.uniqueId, subjectId: 'math', skillId: 'x', accuracy: 90, baseXp: 10 }),
        ),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    const parentAccount = h.demo.credentials.accounts.find((a) => a.roles.includes('parent'))!;
    const [child] = await h.database.query<{ studentuniqueid: string }>(
      `SELECT s.studentuniqueid FROM identity.account_students l
         JOIN edfi.student s ON s.tenant_id = l.tenant_id AND s.studentusi = l.student_usi
        WHERE l.tenant_id = $1 AND l.account_id = $2`,
      [tenant, parentAccount.accountId],
    );
    const parent = h.principal(['parent'], { actorId: parentAccount.accountId });
    const own = await h.inject(parent, { url: `/api/v1/mastery/students/${child!.studentuniqueid}/progress` });
    expect(own.statusCode).toBe(200);
    const other = await h.inject(parent, { url: `/api/v1/mastery/students/${s.uniqueId}/progress` });
    expect(other.statusCode).toBe(403);
  });
});
