/**
 * Deleting gradebook rows by any path retires their OneRoster face (the delete triggers of
 * drizzle/0041_oneroster_retire_deleted_gradebook_faces.sql): grades deleted outside the Ed-Fi API (a retention
 * batch's plain DELETE), a section's delete cascading to its Schola categories, an uncategorized gradebook entry's
 * entry-type category emptied; parents of grades (section, student) refuse their delete, and a student-section
 * association's delete leaves grades that both APIs keep serving. Deletes racing writes of the same class leave
 * no orphan and do not deadlock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { runWork, systemPrincipal } from '../../../platform/service/work.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { gradedSection } from '../../../../test/support/gradebook.js';
import { edfiEntryBodies, gradebookFaceProblems } from '../../../../test/support/gradebook-faces.js';
import { setCategories } from './categories.js';
import { overrideGrade } from './grade-edits.js';

const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const EDFI = '/data/v3/ed-fi';

let h: DomainHarness;
let tenant: string;
let section: { id: string; sectionidentifier: string; schoolid: number; staffusi: number };
let teacher: Principal;
let client: Principal;
let roster: { usi: number; uniqueId: string; id: string }[];

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  ({ section, teacher, client, roster } = await gradedSection(h));
  expect(roster.length).toBeGreaterThan(3);
});
afterAll(() => h.dispose());

const get = (url: string) => h.inject(client, { method: 'GET', url });
const status = async (url: string) => (await get(url)).statusCode;

/** The Ed-Fi body of a resource read from the API, to POST it (again, or changed). */
async function edfiBody(collection: string, id: string): Promise<Record<string, unknown>> {
  const res = await get(`${EDFI}/${collection}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  const { id: _id, _etag, _lastModifiedDate, ...body } = res.json();
  return body;
}

/** The class's grades with their OneRoster result and line item (the grade line items' sourcedIds are derived). */
async function gradeFaces(classId: string) {
  return h.database.query<{ id: string; usi: number; final: boolean; item: string; category: string }>(
    `SELECT g.id::text, g.studentusi AS usi, d.codevalue = 'Final' AS final, r.line_item_sourced_id AS item,
            li.category_sourced_id AS category
       FROM edfi.grade g JOIN edfi.section se ON se.tenant_id = g.tenant_id
        AND se.sectionidentifier = g.sectionidentifier AND se.localcoursecode = g.localcoursecode
        AND se.schoolid = g.schoolid AND se.schoolyear = g.schoolyear
       JOIN edfi.descriptor d ON d.descriptorid = g.gradetypedescriptorid
       JOIN oneroster.results r ON r.tenant_id = g.tenant_id AND r.sourced_id = g.id::text
       JOIN oneroster.line_items li ON li.tenant_id = r.tenant_id AND li.sourced_id = r.line_item_sourced_id
      WHERE g.tenant_id = $1 AND se.id = $2::uuid ORDER BY g.studentusi`,
    [tenant, classId],
  );
}

/** Both faces agree for the class (test/support/gradebook-faces.ts). */
async function expectConsistent(classId: string) {
  expect(await gradebookFaceProblems(h.database, tenant, classId)).toEqual([]);
}

/** A plain DELETE in a tenant transaction, as a retention batch disposes rows (no Ed-Fi write-through). */
function deleteGrades(ids: readonly string[]) {
  return runWork(h.env, systemPrincipal(tenant, 'test'), {}, (w) =>
    w.tx.execute(sql`DELETE FROM edfi.grade WHERE tenant_id = ${tenant} AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`),
  );
}

describe('parents of grades', () => {
  it('a section or a student with grades refuses its delete; an association delete leaves grades both APIs serve', async () => {
    const [student] = roster;
    expect((await h.inject(client, { method: 'DELETE', url: `${EDFI}/sections/${section.id}` })).statusCode).toBe(409);
    expect((await h.inject(client, { method: 'DELETE', url: `${EDFI}/students/${student!.id}` })).statusCode).toBe(409);
    const [association] = await h.database.query<{ id: string }>(
      `SELECT id::text FROM edfi.studentsectionassociation WHERE tenant_id = $1 AND studentusi = $2
          AND sectionidentifier = $3 LIMIT 1`,
      [tenant, student!.usi, section.sectionidentifier],
    );
    const before = (await gradeFaces(section.id)).filter((g) => g.usi === student!.usi);
    expect(before.length).toBeGreaterThan(0);
    const deleted = await h.inject(client, {
      method: 'DELETE',
      url: `${EDFI}/studentSectionAssociations/${association!.id}`,
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    for (const g of before) expect(await status(`${GRADEBOOK}/results/${g.id}`)).toBe(200);
    await expectConsistent(section.id);
  });
});

describe('grades deleted outside the Ed-Fi API', () => {
  it('retire their results, then the emptied line item and category; a recomputation brings them back', async () => {
    const quarter = (await gradeFaces(section.id)).filter((g) => !g.final);
    expect(quarter.length).toBeGreaterThan(2);
    const [first, ...rest] = quarter;
    await deleteGrades([first!.id]);
    expect(await status(`${GRADEBOOK}/results/${first!.id}`)).toBe(404);
    expect(await status(`${GRADEBOOK}/lineItems/${first!.item}`)).toBe(200);
    await deleteGrades(rest.map((g) => g.id));
    expect(await status(`${GRADEBOOK}/lineItems/${first!.item}`)).toBe(404);
    expect(await status(`${GRADEBOOK}/categories/${first!.category}`)).toBe(404);
    await expectConsistent(section.id);
  });

  it('a delete racing a grade override of the same class leaves no orphan and no deadlock', async () => {
    const finals = (await gradeFaces(section.id)).filter((g) => g.final);
    const survivor = finals[finals.length - 1]!;
    const doomed = finals.filter((g) => g.id !== survivor.id);
    const answers = await Promise.allSettled([
      ...doomed.map((g) => deleteGrades([g.id])),
      h.work(teacher, (w) => overrideGrade(w, section.id, 'final', survivor.usi, { letter: 'C', reason: 'Retake' })),
      h.work(teacher, (w) => overrideGrade(w, section.id, 'final', survivor.usi, { letter: null })),
    ]);
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
    expect(await status(`${GRADEBOOK}/lineItems/${survivor.item}`)).toBe(200);
    await expectConsistent(section.id);
    // The last one races the override: the line item ends retired with its last result, or stays with it.
    const last = await Promise.allSettled([
      deleteGrades([survivor.id]),
      h.work(teacher, (w) => overrideGrade(w, section.id, 'final', survivor.usi, { letter: 'B', reason: 'Regrade' })),
    ]);
    expect(last[0].status).toBe('fulfilled');
    await expectConsistent(section.id);
  });
});

describe('a score deleted outside the Ed-Fi API', () => {
  it('retires its result', async () => {
    const [score] = await h.database.query<{ id: string }>(
      `SELECT r.id::text FROM edfi.studentgradebookentry r JOIN oneroster.results o ON o.tenant_id = r.tenant_id
          AND o.sourced_id = r.id::text AND o.status = 'active' WHERE r.tenant_id = $1 AND r.studentusi = $2`,
      [tenant, roster[1]!.usi],
    );
    expect(await status(`${GRADEBOOK}/results/${score!.id}`)).toBe(200);
    await runWork(h.env, systemPrincipal(tenant, 'test'), {}, (w) =>
      w.tx.execute(sql`DELETE FROM edfi.studentgradebookentry WHERE tenant_id = ${tenant} AND id = ${score!.id}::uuid`),
    );
    expect(await status(`${GRADEBOOK}/results/${score!.id}`)).toBe(404);
  });
});

describe('a section delete cascading to its Schola gradebook categories', () => {
  it('retires their OneRoster categories', async () => {
    const body = await edfiBody('sections', section.id);
    body.sectionIdentifier = `${section.sectionidentifier}-X`.slice(0, 60);
    const posted = await h.inject(client, { method: 'POST', url: `${EDFI}/sections`, payload: body });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.headers.location!.split('/').pop()!;
    const admin = h.principal(['district_admin']);
    await h.work(admin, (w) =>
      setCategories(w, id, {
        categories: [
          { name: 'Essays', weightPercent: 60, dropLowest: 0 },
          { name: 'Labs', weightPercent: 40, dropLowest: 0 },
        ],
      }),
    );
    const categories = await h.database.query<{ sourced_id: string; title: string }>(
      `SELECT sourced_id, title FROM oneroster.categories WHERE tenant_id = $1 AND class_sourced_id = $2 ORDER BY 2`,
      [tenant, id],
    );
    expect(categories.map((c) => c.title)).toEqual(['Essays', 'Labs']);
    for (const c of categories) expect(await status(`${GRADEBOOK}/categories/${c.sourced_id}`)).toBe(200);

    const deleted = await h.inject(client, { method: 'DELETE', url: `${EDFI}/sections/${id}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    for (const c of categories) expect(await status(`${GRADEBOOK}/categories/${c.sourced_id}`)).toBe(404);
  });
});

describe('entry-type categories (gradebook entries without a Schola category)', () => {
  const entryUrl = `${EDFI}/gradebookEntries`;
  let entryBody: (identifier: string) => Record<string, unknown>;

  beforeAll(async () => {
    entryBody = await edfiEntryBodies(h.database, tenant, section.id);
  });

  async function postEntry(identifier: string): Promise<string> {
    const res = await h.inject(client, { method: 'POST', url: entryUrl, payload: entryBody(identifier) });
    expect(res.statusCode, res.body).toBe(201);
    return res.headers.location!.split('/').pop()!;
  }
  const deleteEntry = (id: string) => h.inject(client, { method: 'DELETE', url: `${entryUrl}/${id}` });
  async function categoryOf(entryId: string): Promise<string> {
    const res = await get(`${GRADEBOOK}/lineItems/${entryId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().lineItem.category.sourcedId;
  }

  it('is retired with its class’s last entry of that type and comes back with the next one', async () => {
    const a = await postEntry('ENTRY-TYPE-A');
    const b = await postEntry('ENTRY-TYPE-B');
    const category = await categoryOf(a);
    expect(await categoryOf(b)).toBe(category);
    expect((await get(`${GRADEBOOK}/categories/${category}`)).json().category.title).toBe('Assignments');

    expect((await deleteEntry(a)).statusCode).toBe(204);
    expect(await status(`${GRADEBOOK}/lineItems/${a}`)).toBe(404);
    expect(await status(`${GRADEBOOK}/categories/${category}`)).toBe(200);
    expect((await deleteEntry(b)).statusCode).toBe(204);
    expect(await status(`${GRADEBOOK}/categories/${category}`)).toBe(404);
    await expectConsistent(section.id);

    const c = await postEntry('ENTRY-TYPE-C');
    expect(await categoryOf(c)).toBe(category);
    expect(await status(`${GRADEBOOK}/categories/${category}`)).toBe(200);
    expect((await deleteEntry(c)).statusCode).toBe(204);
  });

  it('a delete racing a post of the same type ends consistent, without deadlock', async () => {
    for (let round = 0; round < 4; round++) {
      const doomed = await postEntry(`ENTRY-RACE-${round}`);
      const [deleted, posted] = await Promise.all([
        deleteEntry(doomed),
        h.inject(client, { method: 'POST', url: entryUrl, payload: entryBody(`ENTRY-RACE-${round}-NEXT`) }),
      ]);
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect(posted.statusCode, posted.body).toBe(201);
      await expectConsistent(section.id);
      expect((await deleteEntry(posted.headers.location!.split('/').pop()!)).statusCode).toBe(204);
      await expectConsistent(section.id);
    }
  });
});
