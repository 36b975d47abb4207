/**
 * Trial classes and conversion.
 *
 * A trial books a lead into a real class session: the seat counts against the class's capacity
 * (active enrolments + open trials of that session), checked under the class's row lock like an
 * enrolment (school-ops `lockClass`).
 *
 * Converting a lead creates the student (core.users), the family link to a new or existing parent
 * (core.families) and the enrolment (school-ops `enroll`: capacity rule), marks the lead enrolled and
 * its referral converted — all in the caller's one unit of work: if any part fails (the class is
 * full), the transaction rolls back and nothing of it remains.
 *
 * Referral rewards: when a referred lead converts, the referrer gets REFERRAL_REWARD_PERCENT off their
 * next invoice through finance's `grantDiscount` — the referrer's own if they are a student, else their
 * primary child's — and the referral is marked rewarded (`referralReward: 'granted'`). When there is
 * no student to credit, or the caller may not grant discounts (a sales-only account), the reward stays
 * pending on crm.referrals (converted = true, reward_given = false) for the finance desk.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { grantDiscount } from '../finance/index.js';
import { activeEnrollmentCount, enroll, getSession, lockClass, schoolOpsErrors } from '../school-ops/index.js';
import { crmErrors } from './errors.js';
import { funnelRank } from './funnel.js';
import { checkMove, leadView, lockLead, setStatus } from './leads.js';
import {
  bookTrialInput,
  convertLeadInput,
  REFERRAL_REWARD_PERCENT,
  trialOutcomeInput,
  type ConvertLeadInput,
} from './schemas.js';
import { leads, referrals, trials } from './tables.js';

const OPEN_TRIALS = ['scheduled', 'confirmed'];

function trialView(r: typeof trials.$inferSelect) {
  return {
    id: r.id,
    leadId: r.leadId,
    classId: r.classId ?? '',
    sessionId: r.sessionId ?? '',
    scheduledAt: r.scheduledAt ? new Date(r.scheduledAt).toISOString() : '',
    status: r.status ?? 'scheduled',
    attended: r.attended ?? false,
  };
}

/** Books a lead into a session of a class (a seat while the trial is open). */
export async function bookTrial(work: Work, leadId: string, input: { sessionId: string }) {
  const data = parseInput(bookTrialInput, input);
  await work.authorize(trials, 'write');
  const lead = await lockLead(work, leadId);
  const session = await getSession(work, data.sessionId);
  if (session.status === 'cancelled' || session.status === 'completed')
    throw AppError.validation({ sessionId: [`the session is ${session.status}`] });
  const cls = await lockClass(work, session.classId);
  const open = await work.tx
    .select()
    .from(trials)
    .where(and(eq(trials.tenantId, work.tenantId), eq(trials.leadId, leadId), inArray(trials.status, OPEN_TRIALS)));
  if (open.length > 0) throw crmErrors.trial_exists('The lead already has an open trial class.');
  const [taken] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`SELECT count(*)::int AS n FROM crm.trials WHERE tenant_id = ${work.tenantId}
      AND session_id = ${session.id} AND status IN ('scheduled', 'confirmed')`),
  );
  const seats = cls.maxStudents ?? 0;
  const used = (await activeEnrollmentCount(work, cls.id)) + (taken?.n ?? 0);
  if (used >= seats)
    throw schoolOpsErrors.class_full(`"${cls.name}" has no free seat on ${session.date}.`, { seats, taken: used });
  const [row] = await work.tx
    .insert(trials)
    .values({
      tenantId: work.tenantId,
      id: ulid(),
      leadId,
      classId: cls.id,
      sessionId: session.id,
      scheduledAt: new Date(`${session.date}T${session.startTime}:00Z`),
      status: 'scheduled',
      attended: false,
    })
    .returning();
  if (funnelRank(lead.status ?? 'new') < funnelRank('trial_scheduled')) {
    checkMove(lead, 'trial_scheduled');
    await setStatus(work, lead, 'trial_scheduled', `trial on ${session.date}`);
  }
  const view = trialView(row!);
  await work.audit({ table: trials, recordId: view.id, operation: 'INSERT', newValues: view });
  return view;
}

/** Records how a trial went; an attended trial moves the lead to trial_completed. */
export async function recordTrialOutcome(work: Work, trialId: string, input: { attended: boolean; feedback?: string }) {
  const data = parseInput(trialOutcomeInput, input);
  await work.authorize(trials, 'write');
  const [trial] = await work.tx
    .select()
    .from(trials)
    .where(and(eq(trials.tenantId, work.tenantId), eq(trials.id, trialId)))
    .for('update');
  if (!trial) throw new AppError('not_found', `No trial ${trialId}.`);
  if (!OPEN_TRIALS.includes(trial.status ?? 'scheduled')) throw crmErrors.trial_closed(`The trial is ${trial.status}.`);
  const [after] = await work.tx
    .update(trials)
    .set({ status: data.attended ? 'completed' : 'no_show', attended: data.attended, feedback: data.feedback ?? null })
    .where(and(eq(trials.tenantId, work.tenantId), eq(trials.id, trialId)))
    .returning();
  const lead = await lockLead(work, trial.leadId);
  if (
    data.attended &&
    funnelRank(lead.status ?? 'new') < funnelRank('trial_completed') &&
    funnelRank(lead.status ?? 'new') >= 0
  )
    await setStatus(work, lead, 'trial_completed');
  const view = trialView(after!);
  await work.audit({
    table: trials,
    recordId: trialId,
    operation: 'UPDATE',
    oldValues: trialView(trial),
    newValues: view,
  });
  return view;
}

async function insertUser(
  work: Work,
  organizationId: string,
  role: 'student' | 'parent',
  p: {
    firstName: string;
    lastName: string;
    email?: string | undefined;
    phone?: string | undefined;
    birthDate?: string | undefined;
  },
): Promise<string> {
  const id = ulid();
  await work.tx.execute(sql`INSERT INTO core.users
      (tenant_id, id, organization_id, role, first_name, last_name, email, phone, birth_date, is_active)
    VALUES (${work.tenantId}, ${id}, ${organizationId}, ${role}, ${p.firstName}, ${p.lastName}, ${p.email ?? null},
            ${p.phone ?? null}, ${p.birthDate ?? null}, true)`);
  await work.audit({ table: 'core.users', recordId: id, operation: 'INSERT', newValues: { role, ...p } });
  return id;
}

/** Turns a lead into a student of a class, with their family link, in one transaction. */
export async function convertLead(work: Work, leadId: string, input: ConvertLeadInput) {
  const data = parseInput(convertLeadInput, input);
  await work.authorize(leads, 'write');
  await work.authorize('core.users', 'write');
  const lead = await lockLead(work, leadId);
  if (lead.status === 'enrolled' || lead.status === 'lost' || lead.status === 'inactive')
    throw crmErrors.lead_closed(`The lead is ${lead.status}: it cannot be converted.`);

  const studentId = await insertUser(work, lead.organizationId, 'student', data.student);
  let parentId: string | null = null;
  if (data.guardian) {
    await work.authorize('core.families', 'write');
    if ('parentId' in data.guardian) {
      const [p] = rowsOf<{ role: string }>(
        await work.tx.execute(
          sql`SELECT role FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${data.guardian.parentId}`,
        ),
      );
      if (p?.role !== 'parent') throw AppError.validation({ 'guardian.parentId': ['is not a parent of this school'] });
      parentId = data.guardian.parentId;
    } else {
      parentId = await insertUser(work, lead.organizationId, 'parent', {
        ...data.guardian,
        email: data.guardian.email ?? lead.email ?? undefined,
      });
    }
    const familyId = ulid();
    await work.tx.execute(sql`INSERT INTO core.families (tenant_id, id, parent_id, child_id, relationship, is_primary)
      VALUES (${work.tenantId}, ${familyId}, ${parentId}, ${studentId}, ${data.relationship}, true)`);
    await work.audit({
      table: 'core.families',
      recordId: familyId,
      operation: 'INSERT',
      newValues: { parentId, studentId },
    });
  }
  // The capacity rule of school-ops: a full class refuses, and everything above rolls back with it.
  const enrollment = await enroll(work, data.classId, { studentId });
  const view = await setStatus(work, lead, 'enrolled', `converted: student ${studentId}`);

  let referralReward: 'granted' | 'pending' | 'none' = 'none';
  const refs = await work.tx
    .update(referrals)
    .set({ converted: true })
    .where(and(eq(referrals.tenantId, work.tenantId), eq(referrals.referredLeadId, leadId)))
    .returning();
  for (const ref of refs) {
    if (ref.rewardGiven) continue;
    referralReward = (await rewardReferral(work, lead.organizationId, ref, lead.name ?? leadId))
      ? 'granted'
      : 'pending';
  }
  if (refs.length > 0 && refs.every((r) => r.rewardGiven)) referralReward = 'granted';
  return { lead: view, studentId, parentId, enrollmentId: enrollment.id, referralReward };
}

/** Grants the referrer's discount; false (left pending) when there is nobody to credit or no right to. */
async function rewardReferral(
  work: Work,
  organizationId: string,
  ref: typeof referrals.$inferSelect,
  leadName: string,
): Promise<boolean> {
  const [beneficiary] = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT u.id FROM core.users u WHERE u.tenant_id = ${work.tenantId} AND u.role = 'student'
        AND (u.id = ${ref.referrerId} OR u.id IN (SELECT f.child_id FROM core.families f
              WHERE f.tenant_id = ${work.tenantId} AND f.parent_id = ${ref.referrerId}))
      ORDER BY (u.id = ${ref.referrerId}) DESC, u.id LIMIT 1`),
  );
  if (!beneficiary) return false;
  try {
    await grantDiscount(work, {
      organizationId,
      studentId: beneficiary.id,
      kind: 'referral',
      percent: REFERRAL_REWARD_PERCENT,
      reason: `Referral reward: ${leadName} enrolled`,
      source: { table: 'crm.referrals', id: ref.id },
    });
  } catch (error) {
    // Refused before writing anything (policy or input): the reward waits for the finance desk.
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'validation_failed')) return false;
    throw error;
  }
  await work.tx
    .update(referrals)
    .set({ rewardGiven: true, rewardType: 'discount' })
    .where(and(eq(referrals.tenantId, work.tenantId), eq(referrals.id, ref.id)));
  return true;
}

export { leadView };
