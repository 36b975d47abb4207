/**
 * The demo district's daily work, after the roster (k12.ts): section attendance taken for every section
 * on the last school days before today and the school days' absences before them (k12-attendance.ts) —
 * a few students chronically absent — a few discipline incidents per
 * school, and two-hour-learning targets, skills and MAP results for some students of the first
 * school. Written directly (the seed runs as the owner), following the services' rules, so the
 * attendance, counsellor and mastery screens have something to show. Own random stream: the rest
 * of the demo stays as it was.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import * as edfi from '../domains/edfi/tables.js';
import {
  DAILY_PLAN,
  dailyPlan,
  lessonXp,
  masteryAfterMiss,
  masteryAfterPass,
  masteryLevel,
  MASTERED_SCORE,
  targetCompleted,
} from '../domains/mastery/index.js';
import { dailyTargets, mapTestResults, masteryProgress } from '../domains/mastery/tables.js';
import { rowsOf } from '../platform/db/database.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { ensureDemoDescriptors } from './descriptors.js';
import { seedSectionAttendance } from './k12-attendance.js';
import type { K12Result } from './k12.js';
import { Random } from './random.js';
import { timed } from './timed.js';

/** k12.ts loads SIS-style exceptions for the first 20 instructional days; section attendance follows them. */
const FIRST_DAY = 20;
const WEEKS = 2;

export async function seedK12Daily(tx: Tx, tenantId: string, k12: K12Result, seed: number, today: string) {
  const rng = new Random(seed + 1217);
  const d = await ensureDemoDescriptors(tx);
  const counts: Record<string, number> = {};
  const days = await instructionalDays(tx, tenantId);
  // The Ed-Fi school year is the calendar year it ends in: that of the last school day.
  const schoolYear = Number([...days.values()][0]?.at(-1)?.slice(0, 4));

  // Attendance: every instructional day before today (k12-attendance.ts), after the chronically absent
  // students' early absences (school-day records, as a SIS exports them), which those days' marks follow.
  const chronic = new Set(k12.students.filter((_, i) => i % 17 === 3).map((s) => s.studentUSI));
  await timed('early absences', () => seedEarlyAbsences(tx, tenantId, k12, days, chronic, seed));
  Object.assign(
    counts,
    await timed('section attendance', () => seedSectionAttendance(tx, tenantId, [...chronic], seed, today, schoolYear)),
  );
  counts.chronicallyAbsentStudents = chronic.size;

  counts.disciplineIncidents = await timed('discipline', () => seedDiscipline(tx, tenantId, k12, days, d, rng));
  counts.masteryStudents = await timed('mastery', () => seedMastery(tx, tenantId, k12, days, rng));
  return counts;
}

/**
 * The chronically absent students also missed many of the first weeks' days (school-day records, as
 * a SIS exports them), so they stay over the threshold over the school year to date, not only over
 * the two weeks of section attendance. Days with a record already (k12.ts) are left alone. Own
 * random stream: the draws after it (discipline, mastery) stay as they were.
 */
async function seedEarlyAbsences(
  tx: Tx,
  tenantId: string,
  k12: K12Result,
  days: Map<number, string[]>,
  chronic: Set<number>,
  seed: number,
): Promise<void> {
  const rng = new Random(seed + 1718);
  const category = (await ensureDemoDescriptors(tx)).AttendanceEventCategoryDescriptor;
  const recorded = new Set(
    rowsOf<{ studentusi: number; date: string }>(
      await tx.execute(sql`SELECT studentusi, eventdate::text AS date FROM edfi.studentschoolattendanceevent
         WHERE tenant_id = ${tenantId}`),
    ).map((r) => `${r.studentusi}|${r.date}`),
  );
  const rows: (typeof edfi.studentSchoolAttendanceEvent.$inferInsert)[] = [];
  for (const s of k12.students.filter((x) => chronic.has(x.studentUSI))) {
    const schoolDays = days.get(s.schoolId) ?? [];
    // The Ed-Fi school year is the calendar year it ends in: that of the school's last day.
    const schoolYear = Number(schoolDays.at(-1)?.slice(0, 4));
    for (const date of schoolDays.slice(0, FIRST_DAY)) {
      if (recorded.has(`${s.studentUSI}|${date}`) || !rng.chance(0.6)) continue;
      const excused = rng.chance(0.4);
      rows.push({
        tenantId,
        studentUSI: s.studentUSI,
        schoolId: s.schoolId,
        schoolYear,
        eventDate: date,
        attendanceEventCategoryDescriptorId: excused ? category['Excused Absence'] : category['Unexcused Absence'],
        attendanceEventReason: excused ? rng.pick(['Illness', 'Appointment', 'Family']) : null,
      });
    }
  }
  await insertAll(tx, edfi.studentSchoolAttendanceEvent, rows);
}

/** Instructional dates of each school, in order. */
async function instructionalDays(tx: Tx, tenantId: string): Promise<Map<number, string[]>> {
  const rows = rowsOf<{ schoolid: number; date: string }>(
    await tx.execute(sql`
      SELECT DISTINCT e.schoolid, e.date::text AS date FROM edfi.calendardatecalendarevent e
        JOIN edfi.descriptor d ON d.descriptorid = e.calendareventdescriptorid
       WHERE e.tenant_id = ${tenantId} AND d.codevalue = 'Instructional day' ORDER BY 1, 2`),
  );
  const days = new Map<number, string[]>();
  for (const r of rows)
    (days.get(Number(r.schoolid)) ?? days.set(Number(r.schoolid), []).get(Number(r.schoolid))!).push(r.date);
  return days;
}

const INCIDENTS: [description: string, location: string, behavior: string, detail: string][] = [
  ['Fight at lunch', 'Cafeteria', 'School Violation', 'Fighting'],
  ['Phone used during a test', 'Classroom', 'School Code of Conduct', 'Cheating'],
  ['Graffiti in the restroom', 'Restroom', 'Local Code of Conduct', 'Vandalism'],
  ['Bullying on the playground', 'Playground', 'School Violation', 'Bullying'],
];

async function seedDiscipline(
  tx: Tx,
  tenantId: string,
  k12: K12Result,
  days: Map<number, string[]>,
  d: Awaited<ReturnType<typeof ensureDemoDescriptors>>,
  rng: Random,
): Promise<number> {
  let count = 0;
  for (const school of k12.schools) {
    const schoolDays = (days.get(school.schoolId) ?? []).slice(FIRST_DAY, FIRST_DAY + WEEKS * 5);
    const students = k12.students.filter((s) => s.schoolId === school.schoolId);
    const staff = k12.teachers.filter((t) => t.schoolId === school.schoolId);
    if (students.length < 2 || staff.length === 0 || schoolDays.length < 10) continue;
    for (const [i, [description, location, behavior, detail]] of INCIDENTS.entries()) {
      const dayIndex = i * 2; // an action may run three school days after it, within the window
      const date = schoolDays[dayIndex]!;
      const incidentIdentifier = `INC-${school.schoolId}-${String(i + 1).padStart(3, '0')}`;
      const [perpetrator, other] = rng.sample(students, 2) as [(typeof students)[0], (typeof students)[0]];
      const reporter = rng.pick(staff);
      await tx.insert(edfi.disciplineIncident).values({
        tenantId,
        incidentIdentifier,
        schoolId: school.schoolId,
        incidentDate: date,
        incidentTime: `${rng.int(8, 14)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
        incidentLocation: location,
        incidentDescription: description,
        reporterName: `${reporter.firstName} ${reporter.lastName}`,
        staffUSI: reporter.staffUSI,
        reportedToLawEnforcement: false,
      });
      await tx.insert(edfi.studentDisciplineIncidentAssociation).values([
        {
          tenantId,
          studentUSI: perpetrator.studentUSI,
          incidentIdentifier,
          schoolId: school.schoolId,
          studentParticipationCodeDescriptorId: d.StudentParticipationCodeDescriptor.Perpetrator,
        },
        {
          tenantId,
          studentUSI: other.studentUSI,
          incidentIdentifier,
          schoolId: school.schoolId,
          studentParticipationCodeDescriptorId:
            behavior === 'School Violation'
              ? d.StudentParticipationCodeDescriptor.Victim
              : d.StudentParticipationCodeDescriptor.Witness,
        },
      ]);
      await tx.insert(edfi.studentDisciplineIncidentBehaviorAssociation).values({
        tenantId,
        studentUSI: perpetrator.studentUSI,
        incidentIdentifier,
        schoolId: school.schoolId,
        behaviorDescriptorId: d.BehaviorDescriptor[behavior as keyof typeof d.BehaviorDescriptor],
        behaviorDetailedDescription: detail,
      });
      // Fights and bullying: a three-school-day suspension from the next school day; else a detention.
      const suspended = behavior === 'School Violation';
      await tx.insert(edfi.disciplineAction).values({
        tenantId,
        disciplineActionIdentifier: randomUUID(),
        studentUSI: perpetrator.studentUSI,
        disciplineDate: schoolDays[dayIndex + 1]!,
        endDate: suspended ? schoolDays[dayIndex + 3]! : schoolDays[dayIndex + 1]!,
        disciplineActionLength: suspended ? 3 : 1,
        actualDisciplineActionLength: suspended ? 3 : 1,
        responsibilitySchoolId: school.schoolId,
        assignmentSchoolId: school.schoolId,
        disciplineDescriptorId: suspended
          ? d.DisciplineDescriptor['Out of School Suspension']
          : d.DisciplineDescriptor.Detention,
        assignedByStaffUSI: staff[0]!.staffUSI,
        incidentIdentifier,
      });
      count++;
    }
  }
  return count;
}

const SKILLS: Record<string, string[]> = {
  math: ['fractions.add', 'fractions.multiply', 'decimals.place-value'],
  reading: ['main-idea', 'inference'],
  science: ['states-of-matter'],
};

async function seedMastery(
  tx: Tx,
  tenantId: string,
  k12: K12Result,
  days: Map<number, string[]>,
  rng: Random,
): Promise<number> {
  const school = k12.schools[0]!;
  const learners = k12.students.filter((s) => s.schoolId === school.schoolId).slice(0, 8);
  const window = (days.get(school.schoolId) ?? []).slice(FIRST_DAY, FIRST_DAY + WEEKS * 5).slice(-5);
  const targets: (typeof dailyTargets.$inferInsert)[] = [];
  const progress: (typeof masteryProgress.$inferInsert)[] = [];
  const results: (typeof mapTestResults.$inferInsert)[] = [];
  for (const learner of learners) {
    for (const date of window) {
      for (const plan of dailyPlan()) {
        const actualMinutes = rng.int(Math.floor(plan.targetMinutes / 2), plan.targetMinutes + 5);
        const actualAccuracy = rng.int(65, 100);
        targets.push({
          tenantId,
          studentId: learner.uniqueId,
          targetDate: date,
          subjectId: plan.subjectId,
          targetMinutes: plan.targetMinutes,
          targetLessons: DAILY_PLAN.startLessons,
          targetAccuracy: DAILY_PLAN.targetAccuracy,
          actualMinutes,
          actualLessons: rng.int(0, DAILY_PLAN.startLessons + 1),
          actualAccuracy,
          completed: targetCompleted({
            actualMinutes,
            actualAccuracy,
            ...plan,
            targetAccuracy: DAILY_PLAN.targetAccuracy,
          }),
        });
      }
    }
    for (const [subjectId, skills] of Object.entries(SKILLS)) {
      for (const skillId of skills) {
        // Replay a handful of attempts through the rules, so score, XP and level agree.
        let score = 0;
        let xp = 0;
        let last = 0;
        const attempts = rng.int(1, 8);
        for (let a = 0; a < attempts; a++) {
          last = rng.int(60, 100);
          xp += lessonXp(20, last, a === 0);
          score = last >= 80 ? masteryAfterPass(score) : masteryAfterMiss(score);
        }
        progress.push({
          tenantId,
          studentId: learner.uniqueId,
          subjectId,
          skillId,
          masteryScore: score,
          currentLevel: masteryLevel(score),
          targetLevel: 10,
          masteryDate: score >= MASTERED_SCORE ? new Date(`${window[window.length - 1]}T15:00:00Z`) : null,
          attemptsCount: attempts,
          timeSpentMinutes: attempts * rng.int(5, 15),
          lastAssessmentScore: last,
          xpEarned: xp,
        });
      }
    }
    for (const subject of ['Math', 'Reading']) {
      results.push({
        tenantId,
        studentId: learner.uniqueId,
        subject,
        testDate: window[0]!,
        ritScore: rng.int(160, 250),
        percentile: rng.int(35, 97),
        growthProjection: rng.int(3, 12),
      });
    }
  }
  await insertAll(tx, dailyTargets, targets);
  await insertAll(tx, masteryProgress, progress);
  await insertAll(tx, mapTestResults, results);
  return learners.length;
}
