/**
 * The lead funnel. A lead only moves forward through LEAD_FUNNEL (skipping stages is allowed), or
 * out to lost/inactive with a reason; nothing leaves enrolled, lost or inactive, and enrolled is
 * reached only by conversion (convert.ts). Moves of one lead queue on its row lock, so two desks
 * moving it at once cannot both succeed from the same stage. Each move is logged in the
 * interactions (type note, outcome `status:<to>`): the funnel report reads how far a lead got.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { tenantOrganization } from '../core/index.js';
import { crmErrors } from './errors.js';
import { funnelRank, LEAD_EXITS, LEAD_FUNNEL } from './funnel.js';
import {
  createLeadInput,
  funnelQuery,
  interactionInput,
  moveLeadInput,
  type CreateLeadInput,
  type InteractionInput,
  type LeadView,
  type MoveLeadInput,
} from './schemas.js';
import { leadInteractions, leads, referrals } from './tables.js';

type LeadRow = typeof leads.$inferSelect;
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const CLOSED = new Set(['enrolled', ...LEAD_EXITS]);

export function leadView(r: LeadRow): LeadView {
  return {
    id: r.id,
    name: r.name ?? '',
    email: r.email,
    phone: r.phone,
    source: r.source,
    status: r.status === 'trial' ? 'trial_scheduled' : (r.status ?? 'new'),
    interest: r.interest,
    assignedTo: r.assignedTo,
    lastContact: iso(r.lastContact),
    createdAt: iso(r.createdAt),
  };
}

export async function lockLead(work: Work, leadId: string): Promise<LeadRow> {
  const [row] = await work.tx
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, work.tenantId), eq(leads.id, leadId)))
    .for('update');
  if (!row) throw new AppError('not_found', `No lead ${leadId}.`);
  return row;
}

export async function createLead(work: Work, input: CreateLeadInput): Promise<LeadView> {
  const data = parseInput(createLeadInput, input);
  await work.authorize(leads, 'write');
  const { referrerId, ...fields } = data;
  const id = ulid();
  const [row] = await work.tx
    .insert(leads)
    .values({
      tenantId: work.tenantId,
      id,
      organizationId: await tenantOrganization(work),
      ...fields,
      status: 'new',
      createdAt: work.now,
    })
    .returning();
  if (referrerId) {
    await work.tx.insert(referrals).values({
      tenantId: work.tenantId,
      id: ulid(),
      referrerId,
      referredLeadId: id,
      converted: false,
      rewardGiven: false,
      rewardType: 'discount',
      createdAt: work.now,
    });
  }
  const view = leadView(row!);
  await work.audit({ table: leads, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}

/** Logs a status change (and its reason) in the lead's interactions. */
export async function logMove(work: Work, leadId: string, from: string, to: string, reason?: string) {
  await work.tx.insert(leadInteractions).values({
    tenantId: work.tenantId,
    id: ulid(),
    leadId,
    userId: work.principal.person?.coreUserId ?? null,
    type: 'note',
    content: `Status ${from} → ${to}${reason ? `: ${reason}` : ''}`,
    outcome: `status:${to}`,
    createdAt: work.now,
  });
}

/** Sets a locked lead's status (rules already checked), logs and audits it. */
export async function setStatus(work: Work, lead: LeadRow, to: string, reason?: string): Promise<LeadView> {
  const [after] = await work.tx
    .update(leads)
    .set({ status: to, lastContact: work.now })
    .where(and(eq(leads.tenantId, work.tenantId), eq(leads.id, lead.id)))
    .returning();
  await logMove(work, lead.id, lead.status ?? 'new', to, reason);
  const view = leadView(after!);
  await work.audit({
    table: leads,
    recordId: lead.id,
    operation: 'UPDATE',
    oldValues: leadView(lead),
    newValues: view,
  });
  return view;
}

/** 409 unless `to` is a forward move (or an exit) from the lead's status. */
export function checkMove(lead: LeadRow, to: string): void {
  const from = lead.status ?? 'new';
  if (CLOSED.has(from)) throw crmErrors.lead_closed(`The lead is ${from}: it moves no more.`, { from, to });
  if ((LEAD_EXITS as readonly string[]).includes(to)) return;
  if (funnelRank(to) <= funnelRank(from))
    throw crmErrors.backward_move(`A lead moves only forward: ${from} → ${to} is refused.`, { from, to });
}

export async function moveLead(work: Work, leadId: string, input: MoveLeadInput): Promise<LeadView> {
  const data = parseInput(moveLeadInput, input);
  if ((LEAD_EXITS as readonly string[]).includes(data.status) && !data.reason)
    throw AppError.validation({ reason: [`is required to mark a lead ${data.status}`] });
  await work.authorize(leads, 'write');
  const lead = await lockLead(work, leadId);
  checkMove(lead, data.status);
  if (data.status === 'enrolled')
    throw crmErrors.conversion_required('A lead is enrolled by converting it (student, family and class at once).');
  return setStatus(work, lead, data.status, data.reason);
}

export async function listLeads(work: Work): Promise<LeadView[]> {
  await work.authorize(leads, 'read');
  const rows = await work.tx
    .select()
    .from(leads)
    .where(eq(leads.tenantId, work.tenantId))
    .orderBy(desc(leads.createdAt), asc(leads.id))
    .limit(1000);
  return rows.map(leadView);
}

export async function addInteraction(work: Work, leadId: string, input: InteractionInput) {
  const data = parseInput(interactionInput, input);
  await work.authorize(leadInteractions, 'write');
  const lead = await lockLead(work, leadId);
  const id = ulid();
  const row = {
    tenantId: work.tenantId,
    id,
    leadId,
    userId: work.principal.person?.coreUserId ?? null,
    type: data.type,
    content: data.content,
    outcome: data.outcome ?? null,
    createdAt: work.now,
  };
  await work.tx.insert(leadInteractions).values(row);
  await work.tx
    .update(leads)
    .set({ lastContact: work.now })
    .where(and(eq(leads.tenantId, work.tenantId), eq(leads.id, lead.id)));
  await work.audit({ table: leadInteractions, recordId: id, operation: 'INSERT', newValues: data });
  return interactionView(row);
}

function interactionView(r: typeof leadInteractions.$inferSelect) {
  return {
    id: r.id,
    leadId: r.leadId,
    type: r.type ?? 'note',
    content: r.content ?? '',
    outcome: r.outcome,
    userId: r.userId,
    createdAt: iso(r.createdAt) ?? '',
  };
}

export async function listInteractions(work: Work, leadId: string) {
  await work.authorize(leadInteractions, 'read');
  const rows = await work.tx
    .select()
    .from(leadInteractions)
    .where(and(eq(leadInteractions.tenantId, work.tenantId), eq(leadInteractions.leadId, leadId)))
    .orderBy(asc(leadInteractions.createdAt), asc(leadInteractions.id));
  return rows.map(interactionView);
}

/**
 * The funnel of the leads created in [from, to]: how many are at each status now, how many reached
 * each stage (their current stage, or the furthest one their logged moves show — a lost lead that
 * had a trial reached the trial), and the rate from each stage to the next.
 */
export async function funnelReport(work: Work, query: { from?: string; to?: string } = {}) {
  const { from, to } = parseInput(funnelQuery, query);
  await work.authorize(leads, 'read');
  const rows = rowsOf<{ status: string | null; moves: string[] | null }>(
    await work.tx.execute(sql`SELECT l.status, array_remove(array_agg(i.outcome), NULL) AS moves
      FROM crm.leads l
      LEFT JOIN crm.lead_interactions i ON i.tenant_id = l.tenant_id AND i.lead_id = l.id AND i.outcome LIKE 'status:%'
     WHERE l.tenant_id = ${work.tenantId}
       ${from ? sql`AND l.created_at >= ${from}::date` : sql``}
       ${to ? sql`AND l.created_at < ${to}::date + 1` : sql``}
     GROUP BY l.id, l.status`),
  );
  const counts: Record<string, number> = {};
  for (const s of [...LEAD_FUNNEL, ...LEAD_EXITS]) counts[s] = 0;
  const reached = LEAD_FUNNEL.map(() => 0);
  for (const r of rows) {
    const status = r.status === 'trial' ? 'trial_scheduled' : (r.status ?? 'new');
    counts[status] = (counts[status] ?? 0) + 1;
    const furthest = Math.max(0, funnelRank(status), ...(r.moves ?? []).map((m) => funnelRank(m.slice(7))));
    for (let k = 0; k <= furthest; k++) reached[k]! += 1;
  }
  const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
  return {
    from: from ?? null,
    to: to ?? null,
    total: rows.length,
    counts,
    stages: LEAD_FUNNEL.map((status, k) => ({
      status,
      reached: reached[k]!,
      rateFromPrevious: k === 0 ? null : rate(reached[k]!, reached[k - 1]!),
    })),
    conversionRate: rate(reached[LEAD_FUNNEL.length - 1]!, rows.length),
  };
}
