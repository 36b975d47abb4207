/**
 * The language school's CRM funnel (seed 002): leads at every stage, their interactions and status
 * moves as the CRM service logs them, trials booked into a class's sessions, and referrals.
 */
import * as crm from '../domains/crm/tables.js';
import { insertAll } from './bulk.js';
import type { DemoSchool, Person } from './language-school-context.js';
import { BR_FIRST_NAMES, BR_LAST_NAMES } from './names.js';

interface DemoSession {
  id: string;
  classId: string;
  status: string;
  date: string;
  startTime: string;
}

/** Seeds the funnel; answers how many leads. Draws from `rng` in the order the seed always has. */
export async function seedLanguageSchoolCrm(
  { tx, tenantId, organizationId, rng, id, cal }: DemoSchool,
  {
    staff,
    parents,
    classes,
    sessions,
  }: { staff: Person[]; parents: Person[]; classes: Person[]; sessions: DemoSession[] },
): Promise<number> {
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
  return leads.length;
}
