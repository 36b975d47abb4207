/**
 * The OneRoster face of period and final grades, read through the OneRoster REST API: every projected
 * grade line item names a category that exists (OneRoster 1.2 requires lineItem.category) on every path
 * that projects grades (the grades service, Ed-Fi `/grades` writes, the demo seed's narrowed projection),
 * and deleting an Ed-Fi grade retires its result and, with the last result, its line item and category,
 * also when a delete races a re-projection of the same line item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { runWork, systemPrincipal } from '../../../platform/service/work.js';
import { projectEdfiToOneRoster } from '../../../standards/edfi-oneroster/projection.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { gradedSection } from '../../../../test/support/gradebook.js';
import { gradebookFaceProblems } from '../../../../test/support/gradebook-faces.js';
import { overrideGrade } from './grade-edits.js';

const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const EDFI = '/data/v3/ed-fi/grades';
const Q1 = 'First Quarter';

let h: DomainHarness;
let tenant: string;
let section: { id: string; sectionidentifier: string; schoolid: number; staffusi: number };
let teacher: Principal;
let client: Principal;
let roster: { usi: number; uniqueId: string }[];

interface LineItem {
  sourcedId: string;
  title: string;
  class: { sourcedId: string };
  category?: { sourcedId: string } | null;
  metadata?: { gradeType?: string };
}
interface EdfiGrade {
  id: string;
  gradeTypeDescriptor: string;
  studentSectionAssociationReference: { studentUniqueId: string };
  [key: string]: unknown;
}

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  ({ section, teacher, client, roster } = await gradedSection(h));
  expect(roster.length).toBeGreaterThan(2);
});
afterAll(() => h.dispose());

async function get(url: string) {
  return h.inject(client, { method: 'GET', url });
}

async function classLineItems(): Promise<LineItem[]> {
  const res = await get(`${GRADEBOOK}/classes/${section.id}/lineItems?limit=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().lineItems as LineItem[];
}

async function classResults(): Promise<{ sourcedId: string; lineItem: { sourcedId: string } }[]> {
  const res = await get(`${GRADEBOOK}/classes/${section.id}/results?limit=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results;
}

/** Every line item of the class names a category that GET /categories/{id} and the class's categories show. */
async function expectEveryItemCategorised(): Promise<LineItem[]> {
  const items = await classLineItems();
  const ofClass = await get(`${GRADEBOOK}/classes/${section.id}/categories?limit=500`);
  expect(ofClass.statusCode, ofClass.body).toBe(200);
  const classCategories = new Set((ofClass.json().categories as { sourcedId: string }[]).map((c) => c.sourcedId));
  for (const item of items) {
    expect(item.category?.sourcedId, `category of ${item.title}`).toBeTruthy();
    const category = await get(`${GRADEBOOK}/categories/${item.category!.sourcedId}`);
    expect(category.statusCode, `${item.title}: ${category.body}`).toBe(200);
    expect(classCategories.has(item.category!.sourcedId), item.title).toBe(true);
  }
  return items;
}

async function edfiGrades(): Promise<EdfiGrade[]> {
  const res = await get(`${EDFI}?sectionIdentifier=${encodeURIComponent(section.sectionidentifier)}&limit=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EdfiGrade[];
}

const isFinal = (g: EdfiGrade) => g.gradeTypeDescriptor.endsWith('#Final');

async function deleteGrade(id: string) {
  return h.inject(client, { method: 'DELETE', url: `${EDFI}/${id}` });
}

/** The Ed-Fi body of a grade read from the API, to POST it again. */
function bodyOf(g: EdfiGrade): Record<string, unknown> {
  const { id: _id, _etag, _lastModifiedDate, ...body } = g;
  return body;
}

describe('projected grade line items have a category', () => {
  it('the grades service path: period and final grade line items are in "Grading period grade" / "Final grade"', async () => {
    const items = await expectEveryItemCategorised();
    const final = items.find((i) => i.metadata?.gradeType === 'Final')!;
    const quarter = items.find((i) => i.title === `${Q1} grade`)!;
    expect(final).toBeDefined();
    expect(quarter).toBeDefined();
    const titleOf = async (id: string) => (await get(`${GRADEBOOK}/categories/${id}`)).json().category.title;
    expect(await titleOf(final.category!.sourcedId)).toBe('Final grade');
    expect(await titleOf(quarter.category!.sourcedId)).toBe('Grading period grade');
    // Every projected line item of the tenant (also other classes' entries and grades) names an existing category.
    const all = await get(`${GRADEBOOK}/lineItems?limit=1000&filter=${encodeURIComponent("title~' grade'")}`);
    expect(all.statusCode, all.body).toBe(200);
    const categories = await get(`${GRADEBOOK}/categories?limit=1000`);
    const known = new Set((categories.json().categories as { sourcedId: string }[]).map((c) => c.sourcedId));
    for (const item of all.json().lineItems as LineItem[])
      if (item.metadata?.gradeType) expect(known.has(item.category?.sourcedId ?? ''), item.sourcedId).toBe(true);
  });

  it('a narrowed projection of grade line items alone (the demo seed’s) projects their categories first', async () => {
    await h.database.query(
      `UPDATE oneroster.line_items SET category_sourced_id = NULL
        WHERE tenant_id = $1 AND class_sourced_id = $2 AND metadata ? 'gradeType'`,
      [tenant, section.id],
    );
    await h.database.query(
      `DELETE FROM oneroster.categories WHERE tenant_id = $1 AND class_sourced_id = $2 AND metadata ? 'gradeCategory'`,
      [tenant, section.id],
    );
    await runWork(h.env, systemPrincipal(tenant, 'test'), {}, (w) =>
      projectEdfiToOneRoster(w.tx, tenant, {
        only: ['lineItems', 'results'],
        sources: ['gradeLineItems', 'gradeResults'],
        retire: false,
      }),
    );
    const items = await expectEveryItemCategorised();
    expect(items.filter((i) => i.metadata?.gradeType)).toHaveLength(2);
  });
});

describe('deleting an Ed-Fi grade retires its OneRoster face', () => {
  it('result at once; line item and category with the last result; a grade posted again brings them back', async () => {
    const quarterGrades = (await edfiGrades()).filter((g) => !isFinal(g));
    expect(quarterGrades).toHaveLength(roster.length);
    const item = (await classLineItems()).find((i) => i.title === `${Q1} grade`)!;
    const [first, ...rest] = quarterGrades;
    expect((await get(`${GRADEBOOK}/results/${first!.id}`)).statusCode).toBe(200);

    expect((await deleteGrade(first!.id)).statusCode).toBe(204);
    const gone = await get(`${GRADEBOOK}/results/${first!.id}`);
    expect(gone.statusCode).toBe(404);
    expect((await classResults()).map((r) => r.sourcedId)).not.toContain(first!.id);
    // Other results remain: the line item stays.
    expect((await get(`${GRADEBOOK}/lineItems/${item.sourcedId}`)).statusCode).toBe(200);

    for (const g of rest) expect((await deleteGrade(g.id)).statusCode).toBe(204);
    expect((await get(`${GRADEBOOK}/lineItems/${item.sourcedId}`)).statusCode).toBe(404);
    expect((await get(`${GRADEBOOK}/categories/${item.category!.sourcedId}`)).statusCode).toBe(404);
    expect((await classLineItems()).map((i) => i.sourcedId)).not.toContain(item.sourcedId);
    const [row] = await h.database.query<{ status: string }>(
      `SELECT status FROM oneroster.line_items WHERE tenant_id = $1 AND sourced_id = $2`,
      [tenant, item.sourcedId],
    );
    expect(row!.status).toBe('tobedeleted');
    // The final grades' line item and category are untouched.
    expect((await classLineItems()).filter((i) => i.metadata?.gradeType === 'Final')).toHaveLength(1);

    // Posting a grade again through Ed-Fi (write-through) brings the line item and category back.
    const posted = await h.inject(client, { method: 'POST', url: EDFI, payload: bodyOf(first!) });
    expect(posted.statusCode, posted.body).toBe(201);
    await expectEveryItemCategorised();
    expect((await get(`${GRADEBOOK}/lineItems/${item.sourcedId}`)).statusCode).toBe(200);
  });

  it('a delete racing a re-projection of the same line item leaves no orphan either way', async () => {
    const finals = (await edfiGrades()).filter(isFinal);
    const item = (await classLineItems()).find((i) => i.metadata?.gradeType === 'Final')!;
    // Delete every final grade but the last one's, while the last student's final grade is overridden.
    const last = roster[roster.length - 1]!;
    const survivor = finals.find((g) => g.studentSectionAssociationReference.studentUniqueId === last.uniqueId)!;
    const doomed = finals.filter((g) => g.id !== survivor.id);
    const answers = await Promise.all([
      ...doomed.map((g) => deleteGrade(g.id)),
      h.work(teacher, (w) => overrideGrade(w, section.id, 'final', last.usi, { letter: 'C', reason: 'Retake' })),
    ]);
    for (const a of answers.slice(0, doomed.length)) expect((a as { statusCode: number }).statusCode).toBe(204);
    await expectConsistent();
    expect((await get(`${GRADEBOOK}/lineItems/${item.sourcedId}`)).statusCode).toBe(200);
    expect((await classResults()).filter((r) => r.lineItem.sourcedId === item.sourcedId)).toHaveLength(1);

    // The last delete races another re-projection of it: the line item ends retired with its last result.
    const again = await Promise.all([
      deleteGrade(survivor.id),
      h.work(teacher, (w) => overrideGrade(w, section.id, 'final', last.usi, { letter: null })).catch((e) => e),
    ]);
    expect(again[0].statusCode).toBe(204);
    await expectConsistent();
  });
});

/** Both faces agree for the class (test/support/gradebook-faces.ts). */
async function expectConsistent() {
  expect(await gradebookFaceProblems(h.database, tenant, section.id)).toEqual([]);
}
