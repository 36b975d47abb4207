/**
 * A language school (seed 002): its organization, staff, teachers, students and parents, an
 * English/Spanish curriculum by CEFR level, terms, rooms, classes with weekly schedules, sessions
 * and attendance, products and invoices (PIX, boleto, card) and a CRM funnel from lead to enrolment.
 */
import * as core from '../domains/core/tables.js';
import * as curriculum from '../domains/curriculum/tables.js';
import * as ops from '../domains/school-ops/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { seedLanguageSchoolTuition } from './language-school-tuition.js';
import { seedLanguageSchoolCrm } from './language-school-crm.js';
import { BR_FIRST_NAMES, BR_LAST_NAMES } from './names.js';
import { languageSchoolCalendar } from './language-school-dates.js';
import { addDays, isoDate, type Random } from './random.js';

const LEVELS = [
  ['A1', 'Beginner'],
  ['A2', 'Elementary'],
  ['B1', 'Intermediate'],
  ['B2', 'Upper intermediate'],
  ['C1', 'Advanced'],
] as const;

/** The dated sessions a weekly schedule gives between two dates, holidays skipped (as school-ops generates them). */
function termSessions(
  schedule: { dayOfWeek: number; startTime: string; endTime: string }[],
  start: string,
  end: string,
  holidayList: { date: string }[],
): { date: string; startTime: string; endTime: string }[] {
  const holidays = new Set(holidayList.map((h) => h.date));
  const out: { date: string; startTime: string; endTime: string }[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); isoDate(d) <= end; d = addDays(d, 1)) {
    const day = isoDate(d);
    if (holidays.has(day)) continue;
    for (const slot of schedule.filter((x) => x.dayOfWeek === d.getUTCDay()))
      out.push({ date: day, startTime: slot.startTime, endTime: slot.endTime });
  }
  return out;
}

export async function seedLanguageSchool(
  tx: Tx,
  tenantId: string,
  studentCount: number,
  rng: Random,
  today: Date = new Date(),
): Promise<Record<string, number>> {
  // Dates follow today (language-school-dates.ts); ids keep a fixed clock, so the same seed names the same rows.
  const cal = languageSchoolCalendar(today);
  const now = new Date(Date.UTC(2026, 1, 2, 12));
  const id = () => rng.ulid(now);
  const orgId = id();
  const organizationId = orgId;
  await insertAll(tx, core.organizations, [
    {
      tenantId,
      id: orgId,
      name: 'Escola de Idiomas Horizonte',
      slug: 'horizonte',
      settings: { currency: 'BRL', timezone: 'America/Sao_Paulo', holidays: cal.holidays },
    },
  ]);

  const person = (role: 'owner' | 'staff' | 'teacher' | 'student' | 'parent', birthYear: number) => {
    const first = rng.pick(BR_FIRST_NAMES);
    const last = rng.pick(BR_LAST_NAMES);
    return {
      tenantId,
      id: id(),
      organizationId,
      role,
      firstName: first,
      lastName: last,
      email: `${first}.${last}.${rng.int(10, 99)}@example.com.br`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
      phone: `+55 11 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
      birthDate: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      isActive: true,
    };
  };
  const owner = person('owner', 1978);
  const staff = [person('staff', 1990), person('staff', 1995)];
  const teachers = Array.from({ length: 4 }, () => person('teacher', rng.int(1975, 1998)));
  const students = Array.from({ length: studentCount }, () => person('student', rng.int(2008, 2016)));
  const parents = students.filter((_, i) => i % 2 === 0).map(() => person('parent', rng.int(1972, 1990)));
  await insertAll(tx, core.users, [owner, ...staff, ...teachers, ...students, ...parents]);
  // Families: each parent has a child; every third parent also the next student (siblings).
  const familyLinks = parents.flatMap((p, i) => {
    const relationship = rng.pick(['mother', 'father', 'guardian']);
    const children = [students[i * 2]!, ...(i % 3 === 0 && students[i * 2 + 1] ? [students[i * 2 + 1]!] : [])];
    return children.map((child, k) => ({
      tenantId,
      id: id(),
      parentId: p.id,
      childId: child.id,
      relationship,
      isPrimary: k === 0,
    }));
  });
  await insertAll(tx, core.families, familyLinks);

  const courseTypes = [
    { tenantId, id: id(), organizationId, code: 'english', name: 'Inglês', color: '#1d4ed8', isActive: true },
    { tenantId, id: id(), organizationId, code: 'spanish', name: 'Espanhol', color: '#b91c1c', isActive: true },
  ];
  await insertAll(tx, curriculum.courseTypes, courseTypes);
  const levels = courseTypes.flatMap((c) =>
    LEVELS.map(([code, name], order) => ({ tenantId, id: id(), courseTypeId: c.id, code, name, order })),
  );
  await insertAll(tx, curriculum.levels, levels);

  const term = {
    tenantId,
    id: id(),
    organizationId,
    ...cal.term,
    isCurrent: true,
  };
  await insertAll(tx, ops.terms, [term]);
  const rooms = ['Sala 1', 'Sala 2', 'Lab'].map((name) => ({
    tenantId,
    id: id(),
    organizationId,
    name,
    capacity: name === 'Lab' ? 12 : 16,
    isActive: true,
  }));
  await insertAll(tx, ops.rooms, rooms);
  const classes = Array.from({ length: 6 }, (_, i) => {
    const level = levels[i % 2 === 0 ? i / 2 : LEVELS.length + (i - 1) / 2]!;
    const type = courseTypes[i % 2]!;
    return {
      tenantId,
      id: id(),
      organizationId,
      termId: term.id,
      levelId: level.id,
      teacherId: teachers[i % teachers.length]!.id,
      roomId: rooms[i % rooms.length]!.id,
      name: `${type.name} ${level.code} - ${i < 3 ? 'Manhã' : 'Noite'}`,
      maxStudents: 12,
      isActive: true,
    };
  });
  await insertAll(tx, ops.classes, classes);
  const weekly = classes.flatMap((c, i) =>
    [1, 3].map((d) => ({
      tenantId,
      id: id(),
      classId: c.id,
      dayOfWeek: d + (i % 2),
      startTime: i < 3 ? '09:00' : '19:00',
      endTime: i < 3 ? '10:30' : '20:30',
    })),
  );
  await insertAll(tx, ops.schedules, weekly);
  const enrollments = students.map((s, i) => ({
    tenantId,
    id: id(),
    userId: s.id,
    classId: classes[i % classes.length]!.id,
    enrolledAt: addDays(new Date(`${term.startDate}T12:00:00Z`), -13 + (i % 10)),
    status: i % 17 === 5 ? 'dropped' : 'active',
  }));
  await insertAll(tx, ops.enrollments, enrollments);
  // The whole term's sessions, generated from the weekly schedule; those before today were held.
  const heldUntil = cal.daysFromToday(-1);
  const sessions = classes.flatMap((c) =>
    termSessions(
      weekly.filter((w) => w.classId === c.id),
      term.startDate,
      term.endDate,
      cal.holidays,
    ).map((slot) => ({
      tenantId,
      id: id(),
      classId: c.id,
      ...slot,
      status: slot.date <= heldUntil ? 'completed' : 'scheduled',
    })),
  );
  await insertAll(tx, ops.sessions, sessions);
  const attendance = sessions
    .filter((s) => s.status === 'completed')
    .flatMap((s) =>
      enrollments
        .filter((e) => e.classId === s.classId && e.status === 'active')
        .map((e) => {
          const status = rng.pick(['present', 'present', 'present', 'present', 'late', 'absent', 'excused'] as const);
          return {
            tenantId,
            id: id(),
            sessionId: s.id,
            userId: e.userId,
            status,
            checkedInAt:
              status === 'present' || status === 'late' ? new Date(`${s.date}T${s.startTime}:00-03:00`) : null,
          };
        }),
    );
  await insertAll(tx, ops.attendance, attendance);

  const school = { tx, tenantId, organizationId, rng, id, cal };
  const invoiceCount = await seedLanguageSchoolTuition(school, { students, parents, enrollments });
  const leadCount = await seedLanguageSchoolCrm(school, { staff, parents, classes, sessions });

  return {
    languageStudents: students.length,
    languageClasses: classes.length,
    invoices: invoiceCount,
    leads: leadCount,
    languageAttendance: attendance.length,
  };
}
