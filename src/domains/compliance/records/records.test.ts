/**
 * FERPA records requests through the routes: submit (by a parent for their child, not for another
 * child), review, approve/deny with a reason, complete; transitions out of order refused with 409;
 * two reviewers deciding at once — one wins; every step audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { RecordsRequestView } from '../schemas.js';

let h: DomainHarness;
let admin: Principal;
let parent: Principal;
let child: number;
let otherChild: number;
const URL = '/api/v1/compliance/records-requests';
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  h = await domainHarness({ students: 12, schools: 1, sectionsPerSchool: 1, languageSchoolStudents: 2 });
  admin = h.principal(['district_admin']);
  const parentAccount = h.demo.credentials.accounts.find((a) => a.roles.includes('parent'))!;
  const [mine] = await h.database.query<{ student_usi: number }>(
    'SELECT student_usi FROM identity.account_students WHERE tenant_id = $1 AND account_id = $2',
    [h.demo.districtTenantId, parentAccount.accountId],
  );
  child = mine!.student_usi;
  const [other] = await h.database.query<{ studentusi: number }>(
    'SELECT studentusi FROM edfi.student WHERE tenant_id = $1 AND studentusi <> $2 ORDER BY studentusi LIMIT 1',
    [h.demo.districtTenantId, child],
  );
  otherChild = other!.studentusi;
  parent = h.principal(['parent'], { actorId: parentAccount.accountId });
});
afterAll(() => h.dispose());

const submit = (who: Principal, body: Record<string, unknown>) =>
  h.inject(who, { method: 'POST', url: URL, ...json(body) });
const correction = (studentUsi: number) => ({
  requestType: 'correction',
  studentUsi,
  requesterRelationship: 'parent',
  tableName: 'edfi.student',
  recordId: String(studentUsi),
  fieldName: 'birthcity',
  currentValue: 'Sprinfield',
  requestedValue: 'Springfield',
  description: 'The city of birth is misspelt.',
});

describe('records requests', () => {
  it('a parent submits for their child (not for another), staff review, approve and complete; all audited', async () => {
    const res = await submit(parent, correction(child));
    expect(res.statusCode).toBe(201);
    const created = res.json<RecordsRequestView>();
    expect(created).toMatchObject({ status: 'submitted', studentUsi: child, requestedBy: parent.actorId });
    const days = (Date.parse(created.dueDate) - Date.parse(created.submittedAt.slice(0, 10))) / 86_400_000;
    expect(days).toBe(45);
    expect((await submit(parent, correction(otherChild))).statusCode).toBe(403);

    const mine = await h.inject(parent, { method: 'GET', url: URL });
    // Their own only: this one, and the demo's earlier request for the same child.
    const theirs = mine.json<RecordsRequestView[]>();
    expect(theirs.map((r) => r.id)).toContain(created.id);
    expect(theirs.every((r) => r.studentUsi === child && r.requestedBy === parent.actorId)).toBe(true);

    const step = (action: string, body?: unknown) =>
      h.inject(admin, { method: 'POST', url: `${URL}/${created.id}/${action}`, ...(body ? json(body) : {}) });
    // Out of order: nothing to complete before approval.
    const early = await step('complete', { resolution: 'done' });
    expect(early.json()).toMatchObject({ status: 409, code: 'request_state_conflict' });
    expect((await step('review')).json()).toMatchObject({ status: 'under_review', reviewerId: admin.actorId });
    const noReason = await step('decision', { decision: 'approved' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason');
    expect(
      (await step('decision', { decision: 'approved', reason: 'Birth certificate checked' })).json(),
    ).toMatchObject({
      status: 'approved',
      decisionReason: 'Birth certificate checked',
    });
    expect((await step('decision', { decision: 'denied', reason: 'late' })).statusCode).toBe(409);
    const done = await step('complete', { resolution: 'edfi.student.birthcity corrected' });
    expect(done.json()).toMatchObject({ status: 'completed', resolution: 'edfi.student.birthcity corrected' });
    expect((await step('review')).statusCode).toBe(409);

    const audits = await h.database.query<{ operation: string; status: string }>(
      `SELECT operation, new_values->>'status' AS status FROM compliance.audit_logs
        WHERE tenant_id = $1 AND table_name = 'compliance.records_requests' AND record_id = $2 ORDER BY tenant_seq`,
      [h.demo.districtTenantId, created.id],
    );
    expect(audits).toEqual([
      { operation: 'INSERT', status: 'submitted' },
      { operation: 'UPDATE', status: 'under_review' },
      { operation: 'UPDATE', status: 'approved' },
      { operation: 'UPDATE', status: 'completed' },
    ]);
  });

  it('refuses bad input with 400 naming the field, and a teacher cannot review', async () => {
    const bad = await submit(admin, { ...correction(child), requestType: 'erase', studentUsi: 'x' });
    expect(bad.statusCode).toBe(400);
    const text = JSON.stringify(bad.json());
    expect(text).toContain('requestType');
    expect(text).toContain('studentUsi');
    const created = (
      await submit(admin, { ...correction(child), requesterRelationship: 'staff' })
    ).json<RecordsRequestView>();
    const teacher = await h.inject(h.principal(['teacher']), { method: 'POST', url: `${URL}/${created.id}/review` });
    expect(teacher.statusCode).toBe(403);
  });

  it('two reviewers deciding at once: exactly one decision stands', async () => {
    const created = (
      await submit(admin, { ...correction(child), requestType: 'deletion', requesterRelationship: 'staff' })
    ).json<RecordsRequestView>();
    const reviewers = [1, 2, 3, 4].map(() => h.principal(['district_admin']));
    const outcomes = await Promise.all(
      reviewers.map((r, i) =>
        h.inject(r, {
          method: 'POST',
          url: `${URL}/${created.id}/decision`,
          ...json({ decision: i % 2 ? 'denied' : 'approved', reason: `reviewer ${i}` }),
        }),
      ),
    );
    expect(outcomes.filter((o) => o.statusCode === 200)).toHaveLength(1);
    expect(outcomes.filter((o) => o.statusCode === 409)).toHaveLength(3);
    const listed = await h.inject(admin, { method: 'GET', url: `${URL}?studentUsi=${child}` });
    const final = listed.json<RecordsRequestView[]>().find((r) => r.id === created.id)!;
    const winner = outcomes.find((o) => o.statusCode === 200)!.json<RecordsRequestView>();
    expect(final).toMatchObject({ status: winner.status, decisionReason: winner.decisionReason });
  });
});
