/**
 * FERPA records requests (34 CFR 99.20–99.22): a parent, guardian or eligible student asks to correct
 * (amend) or delete part of the student's education record; the district reviews it, approves or
 * denies it with a reason, and records how it was completed. Each step is one conditional UPDATE on
 * the expected status (two reviewers deciding at once: one wins, the other gets 409), and audited.
 *
 *   submitted ──review──▶ under_review ──decide──▶ approved ──complete──▶ completed
 *        └──────────────decide──────────────────▶ denied
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { complianceErrors } from '../errors.js';
import {
  completeRecordsRequestInput,
  decideRecordsRequestInput,
  RECORDS_REQUEST_RULES,
  recordsRequestQuery,
  submitRecordsRequestInput,
  type RecordsRequestView,
  type SubmitRecordsRequestInput,
} from '../schemas.js';
import { type RECORDS_REQUEST_STATUSES, recordsRequests } from '../tables.js';

type Row = typeof recordsRequests.$inferSelect;
type Status = (typeof RECORDS_REQUEST_STATUSES)[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function recordsRequestView(row: Row): RecordsRequestView {
  return {
    id: row.id,
    requestType: row.requestType,
    studentUsi: row.studentUsi,
    requestedBy: row.requestedBy,
    requesterRelationship: row.requesterRelationship,
    tableName: row.tableName,
    recordId: row.recordId,
    fieldName: row.fieldName,
    currentValue: row.currentValue,
    requestedValue: row.requestedValue,
    description: row.description,
    status: row.status,
    reviewerId: row.reviewerId,
    decisionReason: row.decisionReason,
    resolution: row.resolution,
    dueDate: row.dueDate,
    submittedAt: row.submittedAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    completedAt: iso(row.completedAt),
  };
}

/** Families ask for their own (child's) record; staff need write access to the compliance record. */
const isFamily = (work: Work) => work.principal.roles.some((r) => r === 'parent' || r === 'student');

export async function submitRecordsRequest(work: Work, input: SubmitRecordsRequestInput): Promise<RecordsRequestView> {
  const data = parseInput(submitRecordsRequestInput, input);
  if (isFamily(work)) await work.authorize('edfi.student', 'read', { studentUsi: data.studentUsi });
  else await work.authorize(recordsRequests, 'write');
  if (data.requestType === 'correction' && !data.requestedValue && !data.fieldName)
    throw AppError.validation({ requestedValue: ['is required for a correction (or name the field to correct)'] });
  const [known] = rowsOf(
    await work.tx.execute(
      sql`SELECT 1 FROM edfi.student WHERE tenant_id = ${work.tenantId} AND studentusi = ${data.studentUsi}`,
    ),
  );
  if (!known) throw new AppError('not_found', `No student ${data.studentUsi}.`);
  const due = new Date(work.now.getTime() + RECORDS_REQUEST_RULES.responseDays * 86_400_000);
  const [row] = await work.tx
    .insert(recordsRequests)
    .values({
      tenantId: work.tenantId,
      requestType: data.requestType,
      studentUsi: data.studentUsi,
      requestedBy: work.principal.actorId,
      requesterRelationship: data.requesterRelationship,
      tableName: data.tableName ?? null,
      recordId: data.recordId ?? null,
      fieldName: data.fieldName ?? null,
      currentValue: data.currentValue ?? null,
      requestedValue: data.requestedValue ?? null,
      description: data.description,
      status: 'submitted',
      dueDate: due.toISOString().slice(0, 10),
      submittedAt: work.now,
    })
    .returning();
  const view = recordsRequestView(row!);
  await work.audit({ table: recordsRequests, recordId: view.id, operation: 'INSERT', newValues: view });
  return view;
}

/** Moves the request from one of `from` to the new state in one conditional UPDATE; 409 otherwise. */
async function transition(
  work: Work,
  requestId: string,
  from: readonly Status[],
  changes: Partial<typeof recordsRequests.$inferInsert>,
  what: string,
): Promise<RecordsRequestView> {
  await work.authorize(recordsRequests, 'write');
  const [before] = await work.tx
    .select()
    .from(recordsRequests)
    .where(and(eq(recordsRequests.tenantId, work.tenantId), eq(recordsRequests.id, requestId)));
  if (!before) throw new AppError('not_found', `No records request ${requestId}.`);
  const [after] = await work.tx
    .update(recordsRequests)
    .set({ ...changes, updatedAt: work.now })
    .where(
      and(
        eq(recordsRequests.tenantId, work.tenantId),
        eq(recordsRequests.id, requestId),
        inArray(recordsRequests.status, [...from]),
      ),
    )
    .returning();
  if (!after) {
    const [now] = await work.tx
      .select({ status: recordsRequests.status })
      .from(recordsRequests)
      .where(and(eq(recordsRequests.tenantId, work.tenantId), eq(recordsRequests.id, requestId)));
    throw complianceErrors.request_state_conflict(
      `Records request ${requestId} is ${now?.status ?? before.status}: ` +
        `cannot ${what} (only when ${from.join(' or ')}).`,
      { currentStatus: now?.status ?? before.status },
    );
  }
  const view = recordsRequestView(after);
  await work.audit({
    table: recordsRequests,
    recordId: requestId,
    operation: 'UPDATE',
    oldValues: recordsRequestView(before),
    newValues: view,
  });
  return view;
}

export function startReview(work: Work, requestId: string): Promise<RecordsRequestView> {
  return transition(
    work,
    requestId,
    ['submitted'],
    { status: 'under_review', reviewerId: work.principal.actorId, reviewStartedAt: work.now },
    'start its review',
  );
}

export function decideRecordsRequest(
  work: Work,
  requestId: string,
  input: { decision: 'approved' | 'denied'; reason: string },
): Promise<RecordsRequestView> {
  const data = parseInput(decideRecordsRequestInput, input);
  return transition(
    work,
    requestId,
    ['submitted', 'under_review'],
    { status: data.decision, decisionReason: data.reason, reviewerId: work.principal.actorId, decidedAt: work.now },
    data.decision === 'approved' ? 'approve it' : 'deny it',
  );
}

export function completeRecordsRequest(
  work: Work,
  requestId: string,
  input: { resolution: string },
): Promise<RecordsRequestView> {
  const data = parseInput(completeRecordsRequestInput, input);
  return transition(
    work,
    requestId,
    ['approved'],
    { status: 'completed', resolution: data.resolution, completedAt: work.now },
    'complete it',
  );
}

/** Staff with read access see every request; a family member sees the requests they made. */
export async function listRecordsRequests(work: Work, query: unknown): Promise<RecordsRequestView[]> {
  const q = parseInput(recordsRequestQuery, query);
  const where: SQL[] = [eq(recordsRequests.tenantId, work.tenantId)];
  if (isFamily(work)) where.push(eq(recordsRequests.requestedBy, work.principal.actorId));
  else await work.authorize(recordsRequests, 'read');
  if (q.status) where.push(eq(recordsRequests.status, q.status));
  if (q.studentUsi) where.push(eq(recordsRequests.studentUsi, q.studentUsi));
  const rows = await work.tx
    .select()
    .from(recordsRequests)
    .where(and(...where))
    .orderBy(desc(recordsRequests.submittedAt))
    .limit(q.limit);
  return rows.map(recordsRequestView);
}
