/**
 * A language school (seed 002): its organization, staff, teachers, students and parents, an
 * English/Spanish curriculum by CEFR level, terms, rooms, classes with weekly schedules, sessions
 * and attendance, products and invoices (PIX, boleto, card) and a CRM funnel from lead to enrolment.
 */
import * as core from '../domains/core/tables.js';
import * as crm from '../domains/crm/tables.js';
import * as curriculum from '../domains/curriculum/tables.js';
import * as finance from '../domains/finance/tables.js';
import * as ops from '../domains/school-ops/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { BR_FIRST_NAMES, BR_LAST_NAMES } from './names.js';
import { addDays, isoDate, type Random } from './random.js';

const LEVELS = [
  ['A1', 'Beginner'],
  ['A2', 'Elementary'],
  ['B1', 'Intermediate'],
  ['B2', 'Upper intermediate'],
  ['C1', 'Advanced'],
] as const;

export async function seedLanguageSchool(
  tx: Tx,
  tenantId: string,
  studentCount: number,
  rng: Random,
): Promise<Record<string, number>> {
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
      settings: { currency: 'BRL', timezone: 'America/Sao_Paulo' },
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
  await insertAll(
    tx,
    core.families,
    parents.map((p, i) => ({
      tenantId,
      id: id(),
      parentId: p.id,
      childId: students[i * 2]!.id,
      relationship: rng.pick(['mother', 'father', 'guardian']),
      isPrimary: true,
    })),
  );

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
    name: '2026/1',
    startDate: '2026-02-02',
    endDate: '2026-06-30',
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
  await insertAll(
    tx,
    ops.schedules,
    classes.flatMap((c, i) =>
      [1, 3].map((d) => ({
        tenantId,
        id: id(),
        classId: c.id,
        dayOfWeek: d + (i % 2),
        startTime: i < 3 ? '09:00' : '19:00',
        endTime: i < 3 ? '10:30' : '20:30',
      })),
    ),
  );
  const enrollments = students.map((s, i) => ({
    tenantId,
    id: id(),
    userId: s.id,
    classId: classes[i % classes.length]!.id,
    enrolledAt: new Date(Date.UTC(2026, 0, 20 + (i % 10))),
    status: i % 17 === 5 ? 'dropped' : 'active',
  }));
  await insertAll(tx, ops.enrollments, enrollments);
  const sessions = classes.flatMap((c, i) =>
    Array.from({ length: 4 }, (_, w) => ({
      tenantId,
      id: id(),
      classId: c.id,
      date: isoDate(addDays(new Date(Date.UTC(2026, 1, 2 + (i % 2))), w * 7)),
      startTime: i < 3 ? '09:00' : '19:00',
      endTime: i < 3 ? '10:30' : '20:30',
      status: w < 3 ? 'completed' : 'scheduled',
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

  const tuition = {
    tenantId,
    id: id(),
    organizationId,
    name: 'Mensalidade',
    description: 'Mensalidade do curso regular',
    price: 450,
    type: 'tuition',
    recurrence: 'monthly',
    isActive: true,
  };
  const material = {
    tenantId,
    id: id(),
    organizationId,
    name: 'Material didático',
    price: 220,
    type: 'material',
    recurrence: 'once',
    isActive: true,
  };
  await insertAll(tx, finance.products, [tuition, material]);
  await insertAll(tx, finance.discounts, [
    {
      tenantId,
      id: id(),
      organizationId,
      name: 'Irmãos',
      type: 'percentage',
      value: 10,
      conditions: { siblings: 2 },
      isActive: true,
    },
    {
      tenantId,
      id: id(),
      organizationId,
      name: 'Pagamento antecipado',
      type: 'fixed',
      value: 25,
      conditions: { daysBeforeDue: 5 },
      isActive: true,
    },
  ]);
  const invoices = students.flatMap((s, i) =>
    [2, 3].map((month) => {
      const paid = month === 2 ? rng.chance(0.9) : rng.chance(0.4);
      const due = `2026-${String(month).padStart(2, '0')}-10`;
      const method = rng.pick(['pix', 'boleto', 'card'] as const);
      return {
        tenantId,
        id: id(),
        organizationId,
        payerId: i % 2 === 0 ? parents[i / 2]!.id : s.id,
        studentId: s.id,
        amount: tuition.price,
        discountAmount: 0,
        dueDate: due,
        paidAt: paid ? new Date(`${due}T15:00:00-03:00`) : null,
        status: paid ? 'paid' : month === 2 ? 'overdue' : 'pending',
        paymentMethod: method,
        externalId: `gw_${rng.int(100000, 999999)}`,
        items: [{ productId: tuition.id, description: tuition.name, amount: tuition.price }],
      };
    }),
  );
  await insertAll(tx, finance.invoices, invoices);
  await insertAll(
    tx,
    finance.transactions,
    invoices
      .filter((v) => v.status === 'paid')
      .map((v) => ({
        tenantId,
        id: id(),
        organizationId,
        invoiceId: v.id,
        amount: v.amount,
        type: 'income',
        method: v.paymentMethod,
        externalId: v.externalId,
        processedAt: v.paidAt,
      })),
  );

  const funnel = [
    'new',
    'new',
    'contacted',
    'contacted',
    'qualified',
    'trial',
    'trial',
    'enrolled',
    'lost',
    'lost',
  ] as const;
  const leads = Array.from({ length: 24 }, (_, i) => {
    const first = rng.pick(BR_FIRST_NAMES);
    return {
      tenantId,
      id: id(),
      organizationId,
      name: `${first} ${rng.pick(BR_LAST_NAMES)}`,
      email: `${first
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')}.${i}@example.com.br`,
      phone: `+55 11 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
      source: rng.pick(['website', 'referral', 'walk_in', 'ad'] as const),
      status: funnel[i % funnel.length]!,
      interest: rng.pick(['english', 'spanish']),
      assignedTo: staff[i % 2]!.id,
      lastContact: new Date(Date.UTC(2026, 0, 5 + i)),
      utmSource: rng.pick(['instagram', 'google', null]),
      createdAt: new Date(Date.UTC(2026, 0, 2 + i)),
    };
  });
  await insertAll(tx, crm.leads, leads);
  await insertAll(
    tx,
    crm.leadInteractions,
    leads
      .filter((l) => l.status !== 'new')
      .map((l) => ({
        tenantId,
        id: id(),
        leadId: l.id,
        userId: l.assignedTo,
        type: rng.pick(['call', 'whatsapp', 'email'] as const),
        content: 'Primeiro contato: apresentou os cursos e horários.',
        outcome: l.status === 'lost' ? 'sem interesse no momento' : 'interessado',
      })),
  );
  await insertAll(
    tx,
    crm.trials,
    leads
      .filter((l) => l.status === 'trial' || l.status === 'enrolled')
      .map((l) => ({
        tenantId,
        id: id(),
        leadId: l.id,
        classId: classes[0]!.id,
        sessionId: sessions[0]!.id,
        scheduledAt: new Date(Date.UTC(2026, 1, 2, 12)),
        status: l.status === 'enrolled' ? 'completed' : 'scheduled',
        attended: l.status === 'enrolled',
      })),
  );
  await insertAll(
    tx,
    crm.referrals,
    leads
      .filter((l) => l.source === 'referral')
      .map((l, i) => ({
        tenantId,
        id: id(),
        referrerId: parents[i % parents.length]!.id,
        referredLeadId: l.id,
        converted: l.status === 'enrolled',
        rewardGiven: false,
        rewardType: 'discount',
      })),
  );

  return {
    languageStudents: students.length,
    languageClasses: classes.length,
    invoices: invoices.length,
    leads: leads.length,
    languageAttendance: attendance.length,
  };
}
