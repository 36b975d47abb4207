/**
 * Live classroom discussion sessions (seed 000) in the demo district: the district record, its
 * schools, teachers and students as the sessions subsystem knows them, and a week of sessions with
 * student groups and participants.
 */
import * as classroom from '../domains/classroom/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { seedClassroomConsents } from './classroom-consents.js';
import { seedClassroomDirectory } from './classroom-directory.js';
import type { K12Result } from './k12.js';
import { type Random } from './random.js';

const TOPICS = [
  { subject: 'Science', title: 'Why do seasons change?', goal: 'Explain axial tilt with evidence' },
  {
    subject: 'Social Studies',
    title: 'Should voting be mandatory?',
    goal: 'Argue a position and answer a counter-claim',
  },
  {
    subject: 'English Language Arts',
    title: 'Who is the real hero of the story?',
    goal: 'Support claims with quotes from the text',
  },
  { subject: 'Mathematics', title: 'Is 0.999… equal to 1?', goal: 'Compare two proofs and judge which convinces' },
  { subject: 'Science', title: 'Designing a water filter', goal: 'Plan a fair test in groups' },
] as const;

export async function seedClassroom(
  tx: Tx,
  tenantId: string,
  k12: K12Result,
  rng: Random,
): Promise<Record<string, number>> {
  const directory = await seedClassroomDirectory(tx, tenantId, k12, rng);
  const { schoolIds, teachers, students } = directory;
  await seedClassroomConsents(tx, tenantId, directory, rng);

  let sessions = 0;
  let groups = 0;
  let participants = 0;
  const start = Date.UTC(2026, 10, 16, 14, 0);
  // The demo teacher account's teacher (demo/accounts.ts) runs the first (ended) session and the last
  // (created, every group ready: start it, or join it by its code from a second tab).
  const demoTeacher = teachers.find((t) => t.schoolId === k12.schools[0]!.schoolId)!;
  for (const [i, topic] of TOPICS.entries()) {
    const teacher = i === 0 || i === TOPICS.length - 1 ? demoTeacher : teachers[i % teachers.length]!;
    const roster = students.filter((s) => s.schoolId === teacher.schoolId).slice(0, 16);
    if (roster.length === 0) continue;
    const sessionId = rng.uuid();
    const scheduled = new Date(start + i * 86_400_000);
    const completed = i < TOPICS.length - 1;
    await insertAll(tx, classroom.classroomSessions, [
      {
        tenantId,
        id: sessionId,
        title: topic.title,
        status: completed ? 'ended' : 'created',
        goal: topic.goal,
        subject: topic.subject,
        plannedDurationMinutes: 45,
        teacherId: teacher.id,
        schoolId: schoolIds.get(teacher.schoolId)!,
        scheduledStart: scheduled,
        actualStart: completed ? scheduled : null,
        actualEnd: completed ? new Date(scheduled.getTime() + 44 * 60_000) : null,
        targetGroupSize: 4,
        maxStudents: 32,
        autoGroupEnabled: true,
        recordingEnabled: true,
        transcriptionEnabled: true,
        aiAnalysisEnabled: true,
        ferpaCompliant: true,
        coppaCompliant: true,
        recordingConsentObtained: roster.every((s) => s.audio),
        dataRetentionDate: new Date(scheduled.getTime() + 365 * 86_400_000),
        totalGroups: Math.ceil(roster.length / 4),
        totalStudents: roster.length,
        accessCode: rng
          .int(0, 36 ** 6 - 1)
          .toString(36)
          .toUpperCase()
          .padStart(6, '0'),
        engagementScore: completed ? Math.round(rng.next() * 40 + 55) : null,
        participationRate: completed ? Math.round(rng.next() * 30 + 70) / 100 : null,
        actualDurationMinutes: completed ? 44 : null,
        endReason: completed ? 'planned_completion' : null,
      },
    ]);
    sessions++;
    // The timeline the analytics read: created, then (for the ended ones) 44 minutes active.
    const at = (minutes: number) => new Date(scheduled.getTime() + minutes * 60_000);
    await insertAll(
      tx,
      classroom.sessionEvents,
      (completed
        ? [
            [-15, null, 'created'],
            [0, 'created', 'active'],
            [44, 'active', 'ended'],
          ]
        : [[-15, null, 'created']]
      ).map(([minutes, from, to]) => ({
        tenantId,
        id: rng.uuid(),
        sessionId,
        teacherId: teacher.id,
        eventType: 'session.status',
        eventTime: at(minutes as number),
        payload: { from, to },
      })),
    );
    for (let g = 0; g * 4 < roster.length; g++) {
      const members = roster.slice(g * 4, g * 4 + 4);
      const groupId = rng.uuid();
      await insertAll(tx, classroom.studentGroups, [
        {
          tenantId,
          id: groupId,
          sessionId,
          name: `Group ${g + 1}`,
          groupNumber: g + 1,
          status: completed ? 'active' : 'ready',
          maxSize: completed ? 4 : 6,
          currentSize: completed ? members.length : 0,
          leaderId: members[0]!.id,
          isReady: true,
          autoManaged: true,
        },
      ]);
      await insertAll(
        tx,
        classroom.studentGroupMembers,
        members.map((m, k) => ({
          tenantId,
          id: rng.uuid(),
          groupId,
          sessionId,
          studentId: m.id,
          role: k === 0 ? 'leader' : 'member',
        })),
      );
      if (completed) {
        await insertAll(
          tx,
          classroom.participants,
          members.map((m) => ({
            tenantId,
            id: rng.uuid(),
            sessionId,
            groupId,
            studentId: m.id,
            displayName: `${m.firstName} ${m.lastName[0]}.`,
            joinTime: scheduled,
            leaveTime: new Date(scheduled.getTime() + 44 * 60_000),
            isActive: false,
            deviceType: rng.pick(['chromebook', 'tablet', 'laptop']),
            connectionQuality: rng.pick(['good', 'good', 'fair']),
            canSpeak: true,
            canHear: true,
            isMuted: false,
            totalSpeakingTimeSeconds: rng.int(30, 420),
            messageCount: rng.int(0, 12),
            interactionCount: rng.int(2, 30),
          })),
        );
        participants += members.length;
      }
      groups++;
    }
  }
  return {
    classroomSessions: sessions,
    studentGroups: groups,
    sessionParticipants: participants,
    classroomStudents: students.length,
  };
}
