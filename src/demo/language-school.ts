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
  // The term's first month in integer cents, as the billing service issues them (one per enrolment and
  // month, net = gross with no discount), most paid and the rest overdue; the billing step issues the next.
  const tuitionCents = Math.round(tuition.price * 100);
  const invoices = students.flatMap((s, i) =>
    [-2].map((delta) => {
      const paid = rng.chance(0.9);
      const period = cal.month(delta);
      const due = cal.day(delta, 10);
      const method = rng.pick(['pix', 'boleto', 'card'] as const);
      const invoiceId = id();
      const externalId = `gw_${rng.int(100000, 999999)}`;
      // The draws of the second month the demo once issued here, kept: the same seed still gives the same
      // funnel, referrers and referral rewards after it (tests rely on which families get a discount).
      rng.chance(0.4);
      rng.pick(['pix', 'boleto', 'card'] as const);
      id();
      rng.int(100000, 999999);
      return {
        tenantId,
        id: invoiceId,
        organizationId,
        payerId: i % 2 === 0 ? parents[i / 2]!.id : s.id,
        studentId: s.id,
        enrollmentId: enrollments[i]!.id,
        period,
        amount: tuition.price,
        discountAmount: 0,
        grossCents: tuitionCents,
        discountCents: 0,
        feeCents: 0,
        creditCents: 0,
        netCents: tuitionCents,
        paidCents: paid ? tuitionCents : 0,
        dueDate: due,
        paidAt: paid ? new Date(`${due}T15:00:00-03:00`) : null,
        status: paid ? 'paid' : 'overdue',
        paymentMethod: method,
        externalId,
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
        amountCents: v.netCents,
        payerId: v.payerId,
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
    'trial_scheduled',
    'trial_completed',
    'proposal_sent',
    'enrolled',
    'lost',
    'lost',
    'inactive',
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
      lastContact: new Date(`${cal.daysFromToday(-57 + 2 * i)}T14:00:00Z`),
      utmSource: rng.pick(['instagram', 'google', null]),
      createdAt: new Date(`${cal.daysFromToday(-60 + 2 * i)}T12:00:00Z`),
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
  // The funnel moves, as the CRM service logs them (the funnel report reads how far a lead got).
  const order = ['new', 'contacted', 'qualified', 'trial_scheduled', 'trial_completed', 'proposal_sent', 'enrolled'];
  await insertAll(
    tx,
    crm.leadInteractions,
    leads.flatMap((l, i) => {
      const reached = order.indexOf(l.status);
      const furthest = reached >= 0 ? reached : 1 + (i % 3); // lost/inactive leads got somewhere first
      const steps = order.slice(1, furthest + 1);
      const moves = reached >= 0 ? steps : [...steps, l.status];
      let from = 'new';
      return moves.map((to, k) => {
        const row = {
          tenantId,
          id: id(),
          leadId: l.id,
          userId: l.assignedTo,
          type: 'note' as const,
          content: `Status ${from} → ${to}${to === 'lost' || to === 'inactive' ? ': sem retorno' : ''}`,
          outcome: `status:${to}`,
          createdAt: new Date(l.createdAt.getTime() + (k + 1) * 86_400_000),
        };
        from = to;
        return row;
      });
    }),
  );
  await insertAll(
    tx,
    crm.trials,
    leads
      .filter((l) => ['trial_scheduled', 'trial_completed', 'proposal_sent', 'enrolled'].includes(l.status))
      .map((l) => {
        // A trial still to come is booked into the class's next session; the others were held at its first.
        const upcoming = l.status === 'trial_scheduled';
        const session =
          (upcoming && sessions.find((s) => s.classId === classes[0]!.id && s.status === 'scheduled')) || sessions[0]!;
        return {
          tenantId,
          id: id(),
          leadId: l.id,
          classId: classes[0]!.id,
          sessionId: session.id,
          scheduledAt: new Date(`${session.date}T${session.startTime}:00-03:00`),
          status: upcoming ? 'scheduled' : 'completed',
          attended: !upcoming,
        };
      }),
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
