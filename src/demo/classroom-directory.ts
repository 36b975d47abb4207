/**
 * The demo district as the live classroom sessions subsystem knows it (seed 000): the district record,
 * its schools and teachers, and the students of the teachers who use it, with their families' consents.
 */
import * as classroom from '../domains/classroom/tables.js';
import { districts } from '../domains/districts/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import type { K12Result } from './k12.js';
import type { Random } from './random.js';

export type ClassroomDirectory = Awaited<ReturnType<typeof seedClassroomDirectory>>;

export async function seedClassroomDirectory(tx: Tx, tenantId: string, k12: K12Result, rng: Random) {
  await insertAll(tx, districts, [
    {
      tenantId,
      id: rng.uuid(),
      name: 'Schola Demo Independent School District',
      state: 'TX',
      region: 'Central',
      isActive: true,
      subscriptionTier: 'district',
      superintendentName: 'Dr. Renee Alvarez',
      contactEmail: 'office@demo-district.schola.dev',
      schoolCount: k12.schools.length,
      studentCount: k12.students.length,
      teacherCount: k12.teachers.length,
      website: 'https://demo-district.schola.dev',
    },
  ]);
  const schoolIds = new Map(k12.schools.map((s) => [s.schoolId, rng.uuid()]));
  await insertAll(
    tx,
    classroom.schools,
    k12.schools.map((s) => ({
      tenantId,
      id: schoolIds.get(s.schoolId)!,
      name: s.name,
      domain: 'demo-district.schola.dev',
      edfiSchoolId: s.schoolId,
    })),
  );
  const teachers = k12.teachers.map((t) => ({ ...t, id: rng.uuid() }));
  await insertAll(
    tx,
    classroom.teachers,
    teachers.map((t) => ({
      tenantId,
      id: t.id,
      name: `${t.firstName} ${t.lastName}`,
      email: t.email,
      schoolId: schoolIds.get(t.schoolId)!,
    })),
  );
  // The sessions subsystem knows the students of the teachers who use it; consent varies as in life.
  const students = k12.students.slice(0, Math.min(k12.students.length, 120)).map((s) => {
    const consent = rng.chance(0.85);
    return {
      ...s,
      id: rng.uuid(),
      consent,
      dataSharing: consent && rng.chance(0.7),
      audio: consent && rng.chance(0.8),
    };
  });
  await insertAll(
    tx,
    classroom.students,
    students.map((s) => ({
      tenantId,
      id: s.id,
      name: `${s.firstName} ${s.lastName}`,
      displayName: `${s.firstName} ${s.lastName[0]}.`,
      schoolId: schoolIds.get(s.schoolId)!,
      gradeLevel: s.grade,
      status: 'active',
      hasParentalConsent: s.consent,
      consentDate: s.consent ? new Date(Date.UTC(2026, 7, 20)) : null,
      parentEmail: `parent.${s.uniqueId}@example.org`,
      emailConsent: s.consent,
      coppaCompliant: s.consent,
      teacherVerifiedAge: true,
      dataSharingConsent: s.dataSharing,
      audioRecordingConsent: s.audio,
    })),
  );
  return { schoolIds, teachers, students };
}
