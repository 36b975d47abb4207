/**
 * Library circulation through its service and its routes: lending rules at their boundaries, the
 * copy count under concurrent check-outs, who may lend to whom, the audit rows, and the generic API
 * refusing writes to the tables this domain owns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { addResource, updateResource } from './catalogue.js';
import { checkOut, overdueLoans, renewLoan, reportLost, returnItem } from './service.js';
import { LENDING_RULES } from './schemas.js';

let h: DomainHarness;
let librarian: Principal;
let otherSchoolLibrarian: Principal;
let students: number[];
let otherSchoolStudent: number;

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  h = await domainHarness();
  const schools = await h.database.query<{ schoolid: number }>(
    'SELECT schoolid FROM edfi.school WHERE tenant_id = $1 ORDER BY schoolid',
    [h.demo.districtTenantId],
  );
  const [one, two] = schools.map((s) => s.schoolid) as [number, number];
  const enrolled = (school: number) =>
    h.database.query<{ studentusi: number }>(
      `SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND schoolid = $2 ORDER BY 1`,
      [h.demo.districtTenantId, school],
    );
  students = (await enrolled(one)).map((r) => r.studentusi);
  otherSchoolStudent = (await enrolled(two))[0]!.studentusi;
  librarian = h.principal(['librarian'], { schoolIds: [one] });
  otherSchoolLibrarian = h.principal(['librarian'], { schoolIds: [two] });
});
afterAll(() => h.dispose());

const newTitle = (copies: number) =>
  h.work(librarian, (work) => addResource(work, { title: `Charlotte's Web ${copies}`, copies }));

describe('library circulation', () => {
  it('lends a copy, counts it, and takes it back; a second return is refused', async () => {
    const item = await newTitle(2);
    const loan = await h.work(librarian, (w) => checkOut(w, { resourceId: item.resourceId, studentUsi: students[0]! }));
    expect(loan).toMatchObject({ status: 'Checked Out', renewalCount: 0, returnDate: null });
    const days = (Date.parse(loan.dueDate) - Date.parse(loan.checkoutDate)) / 86_400_000;
    expect(days).toBe(LENDING_RULES.loanDays);
    const [stock] = await h.database.query<{ available_copies: number }>(
      'SELECT available_copies FROM library.resources WHERE tenant_id = $1 AND resource_id = $2',
      [h.demo.districtTenantId, item.resourceId],
    );
    expect(stock!.available_copies).toBe(1);
    const back = await h.work(librarian, (w) => returnItem(w, loan.checkoutId));
    expect(back.status).toBe('Returned');
    await expect(h.work(librarian, (w) => returnItem(w, loan.checkoutId))).rejects.toMatchObject({
      code: 'loan_closed',
      status: 409,
    });
  });

  it('never lends more copies than it owns, also under concurrent check-outs', async () => {
    const item = await newTitle(3);
    const attempts = students.slice(0, 10).map((studentUsi) =>
      h
        .work(librarian, (w) => checkOut(w, { resourceId: item.resourceId, studentUsi }))
        .then(
          () => 'lent',
          (error: { code?: string }) => error.code,
        ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'lent')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'item_unavailable')).toHaveLength(7);
    const [stock] = await h.database.query<{ available_copies: number; loans: number }>(
      `SELECT r.available_copies, (SELECT count(*)::int FROM library.checkouts c
          WHERE c.tenant_id = r.tenant_id AND c.resource_id = r.resource_id
            AND c.checkout_status = 'Checked Out') AS loans
         FROM library.resources r WHERE r.tenant_id = $1 AND r.resource_id = $2`,
      [h.demo.districtTenantId, item.resourceId],
    );
    expect(stock).toEqual({ available_copies: 0, loans: 3 });
  });

  it('keeps the borrowing limit and one copy per title, also when one student borrows concurrently', async () => {
    const student = students[11]!;
    const titles = await Promise.all(Array.from({ length: LENDING_RULES.maxActiveLoans + 2 }, () => newTitle(5)));
    const outcomes = await Promise.all(
      titles.map((t) =>
        h
          .work(librarian, (w) => checkOut(w, { resourceId: t.resourceId, studentUsi: student }))
          .then(
            () => 'lent',
            (error: { code?: string }) => error.code,
          ),
      ),
    );
    expect(outcomes.filter((o) => o === 'lent')).toHaveLength(LENDING_RULES.maxActiveLoans);
    expect(outcomes.filter((o) => o === 'borrowing_limit_reached')).toHaveLength(2);
    const twice = await Promise.all(
      [0, 1].map(() =>
        h
          .work(librarian, (w) => checkOut(w, { resourceId: titles[0]!.resourceId, studentUsi: students[12]! }))
          .then(
            () => 'lent',
            (error: { code?: string }) => error.code,
          ),
      ),
    );
    expect(twice.sort()).toEqual(['already_borrowed', 'lent']);
  });

  it('renews up to the limit, writes lost copies off the stock and back in when found', async () => {
    const item = await newTitle(1);
    const loan = await h.work(librarian, (w) =>
      checkOut(w, { resourceId: item.resourceId, studentUsi: students[13]! }),
    );
    for (let i = 0; i < LENDING_RULES.maxRenewals; i++) await h.work(librarian, (w) => renewLoan(w, loan.checkoutId));
    await expect(h.work(librarian, (w) => renewLoan(w, loan.checkoutId))).rejects.toMatchObject({
      code: 'renewal_refused',
    });
    await h.work(librarian, (w) => reportLost(w, loan.checkoutId));
    const stock = () =>
      h.database.query<{ total_copies: number; available_copies: number }>(
        'SELECT total_copies, available_copies FROM library.resources WHERE tenant_id = $1 AND resource_id = $2',
        [h.demo.districtTenantId, item.resourceId],
      );
    expect((await stock())[0]).toEqual({ total_copies: 0, available_copies: 0 });
    await h.work(librarian, (w) => returnItem(w, loan.checkoutId));
    expect((await stock())[0]).toEqual({ total_copies: 1, available_copies: 1 });
  });

  it('refuses fewer copies than are on loan', async () => {
    const item = await newTitle(2);
    await h.work(librarian, (w) => checkOut(w, { resourceId: item.resourceId, studentUsi: students[14]! }));
    await expect(
      h.work(librarian, (w) => updateResource(w, item.resourceId, { totalCopies: 0 })),
    ).rejects.toMatchObject({ code: 'copies_on_loan' });
    expect(await h.work(librarian, (w) => updateResource(w, item.resourceId, { totalCopies: 1 }))).toMatchObject({
      totalCopies: 1,
      availableCopies: 0,
    });
  });

  it("lends only to students of the librarian's schools; teachers and students cannot lend", async () => {
    const item = await newTitle(5);
    await expect(
      h.work(otherSchoolLibrarian, (w) => checkOut(w, { resourceId: item.resourceId, studentUsi: students[15]! })),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(
      h.work(librarian, (w) => checkOut(w, { resourceId: item.resourceId, studentUsi: otherSchoolStudent })),
    ).rejects.toMatchObject({ code: 'forbidden' });
    for (const roles of [['teacher'], ['student'], ['parent']] as const) {
      await expect(
        h.work(h.principal([...roles]), (w) => checkOut(w, { resourceId: item.resourceId, studentUsi: students[15]! })),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('lists overdue loans within reach, oldest first', async () => {
    const item = await newTitle(2);
    const loan = await h.work(librarian, (w) =>
      checkOut(w, { resourceId: item.resourceId, studentUsi: students[16]! }),
    );
    const later = new Date(Date.parse(loan.dueDate) + 3 * 86_400_000).toISOString().slice(0, 10);
    const overdue = await h.work(librarian, (w) => overdueLoans(w, { asOf: later }));
    expect(overdue.loans.find((l) => l.checkoutId === loan.checkoutId)).toMatchObject({ daysOverdue: 3 });
    const elsewhere = await h.work(otherSchoolLibrarian, (w) => overdueLoans(w, { asOf: later }));
    expect(elsewhere.loans.find((l) => l.checkoutId === loan.checkoutId)).toBeUndefined();
  });

  it('audits every loan change in the hash-chained trail', async () => {
    const item = await newTitle(1);
    const loan = await h.work(librarian, (w) =>
      checkOut(w, { resourceId: item.resourceId, studentUsi: students[17]! }),
    );
    await h.work(librarian, (w) => returnItem(w, loan.checkoutId));
    const rows = await h.database.query<{ operation: string; user_id: string }>(
      `SELECT operation, user_id FROM compliance.audit_logs
        WHERE tenant_id = $1 AND table_name = 'library.checkouts' AND record_id = $2 ORDER BY tenant_seq`,
      [h.demo.districtTenantId, String(loan.checkoutId)],
    );
    expect(rows).toEqual([
      { operation: 'INSERT', user_id: librarian.actorId },
      { operation: 'UPDATE', user_id: librarian.actorId },
    ]);
  });
});

describe('library over HTTP', () => {
  it('checks out through its route, and answers bad input with field-named 400s that change nothing', async () => {
    const item = await newTitle(1);
    const bad = await h.inject(librarian, {
      method: 'POST',
      url: '/api/v1/library/checkouts',
      ...json({ resourceId: 'x', studentUsi: -1, extra: 1 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().validationErrors).sort()).toEqual(['extra', 'resourceId', 'studentUsi']);
    const ok = await h.inject(librarian, {
      method: 'POST',
      url: '/api/v1/library/checkouts',
      ...json({ resourceId: item.resourceId, studentUsi: students[18] }),
    });
    expect(ok.statusCode).toBe(201);
    const none = await h.inject(librarian, {
      method: 'POST',
      url: '/api/v1/library/checkouts',
      ...json({ resourceId: item.resourceId, studentUsi: students[19] }),
    });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({
      code: 'item_unavailable',
      type: 'https://schola.dev/problems/item-unavailable',
    });
    const back = await h.inject(librarian, {
      method: 'POST',
      url: `/api/v1/library/checkouts/${ok.json().checkoutId}/return`,
    });
    expect(back.json()).toMatchObject({ status: 'Returned' });
  });

  it('keeps generic reads and refuses generic writes to the tables it owns, naming the endpoints', async () => {
    const admin = h.principal(['district_admin']);
    const list = await h.inject(admin, { url: '/api/v1/library/checkouts?limit=5' });
    expect(list.statusCode).toBe(200);
    const loanId = list.json().data[0].checkoutId;
    for (const [method, url] of [
      ['PATCH', `/api/v1/library/checkouts/${loanId}`],
      ['PUT', `/api/v1/library/checkouts/${loanId}`],
      ['DELETE', `/api/v1/library/checkouts/${loanId}`],
      ['POST', '/api/v1/library/resources/1'],
    ] as const) {
      const res = await h.inject(admin, { method, url, ...json({ checkoutStatus: 'Returned' }) });
      if (url.endsWith('/resources/1')) {
        expect(res.statusCode).toBe(404);
        continue;
      }
      expect(res.statusCode).toBe(405);
      expect(res.json().detail).toContain('POST /api/v1/library/checkouts/{checkoutId}/return');
    }
    const doc = (await h.inject(undefined, { url: '/openapi.json' })).json();
    expect(doc.paths['/api/v1/library/checkouts/{checkoutId}/return'].post.summary).toMatch(/Return/);
    expect(doc.paths['/api/v1/library/checkouts/{k0}'].patch).toBeUndefined();
    expect(doc.components.schemas.Problem.properties.code.enum).toContain('item_unavailable');
  });
});
