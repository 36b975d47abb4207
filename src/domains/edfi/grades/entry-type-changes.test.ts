/**
 * An Ed-Fi gradebook entry without a Schola category is filed, in OneRoster, under its class's category of its
 * entry type ("Homework"…). When the entry changes its type (an Ed-Fi PUT, or a POST of the same natural key) or gets
 * a Schola category (the grades service's PATCH), its old category leaves /categories and /classes/{id}/categories
 * once no line item of the class uses it, and comes back with the next entry of that type; entries switching types at
 * once leave every used category active and no unused one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { gradedSection } from '../../../../test/support/gradebook.js';
import { edfiEntryBodies, ENTRY_TYPES, gradebookFaceProblems } from '../../../../test/support/gradebook-faces.js';

const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const EDFI = '/data/v3/ed-fi';
const ENTRIES = `${EDFI}/gradebookEntries`;

let h: DomainHarness;
let tenant: string;
let section: { id: string; sectionidentifier: string; schoolid: number; staffusi: number };
let teacher: Principal;
let client: Principal;
let scholaCategory: string;
let entryBody: (identifier: string, type: string) => Record<string, unknown>;

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  ({ section, teacher, client } = await gradedSection(h));
  for (const type of ['Homework', 'Quiz', 'Test']) {
    await h.database.query(
      `INSERT INTO edfi.descriptor (namespace, codevalue, shortdescription, descriptortype)
       VALUES ($1, $2, $2, 'GradebookEntryTypeDescriptor') ON CONFLICT DO NOTHING`,
      [ENTRY_TYPES, type],
    );
  }
  entryBody = await edfiEntryBodies(h.database, tenant, section.id);
  const [category] = await h.database.query<{ id: string }>(
    `SELECT k.id::text FROM edfi.gradebookcategory k JOIN edfi.section se ON se.tenant_id = k.tenant_id
        AND se.sectionidentifier = k.sectionidentifier AND se.localcoursecode = k.localcoursecode
        AND se.schoolid = k.schoolid AND se.schoolyear = k.schoolyear
      WHERE k.tenant_id = $1 AND se.id = $2::uuid`,
    [tenant, section.id],
  );
  scholaCategory = category!.id;
});
afterAll(() => h.dispose());

const get = (url: string) => h.inject(client, { method: 'GET', url });

async function postEntry(identifier: string, type: string): Promise<string> {
  const res = await h.inject(client, { method: 'POST', url: ENTRIES, payload: entryBody(identifier, type) });
  expect(res.statusCode, res.body).toBe(201);
  return res.headers.location!.split('/').pop()!;
}

/** An Ed-Fi PUT of the entry as read, with another entry type. */
async function putType(id: string, type: string) {
  const read = await get(`${ENTRIES}/${id}`);
  expect(read.statusCode, read.body).toBe(200);
  const { id: _id, _etag, _lastModifiedDate, ...body } = read.json();
  const res = await h.inject(client, {
    method: 'PUT',
    url: `${ENTRIES}/${id}`,
    payload: { ...body, gradebookEntryTypeDescriptor: `${ENTRY_TYPES}#${type}` },
  });
  expect(res.statusCode, res.body).toBe(204);
}

/** The grades service's PATCH of an entry, by the section's teacher. */
const patchEntry = (id: string, body: Record<string, unknown>) =>
  h.inject(teacher, { method: 'PATCH', url: `/api/v1/sections/${section.id}/gradebook/entries/${id}`, payload: body });

async function categoryOf(entryId: string): Promise<string> {
  const res = await get(`${GRADEBOOK}/lineItems/${entryId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().lineItem.category.sourcedId;
}

/** Whether the category is served, both by id and among the class's categories (they must agree). */
async function served(category: string): Promise<boolean> {
  const byId = (await get(`${GRADEBOOK}/categories/${category}`)).statusCode;
  const list = await get(`${GRADEBOOK}/classes/${section.id}/categories?limit=1000`);
  expect(list.statusCode, list.body).toBe(200);
  const listed = (list.json().categories as { sourcedId: string }[]).some((c) => c.sourcedId === category);
  expect(byId === 200, `by id ${byId}, listed ${listed}`).toBe(listed);
  return listed;
}

async function expectConsistent() {
  expect(await gradebookFaceProblems(h.database, tenant, section.id)).toEqual([]);
}

const deleteEntry = async (id: string) =>
  expect((await h.inject(client, { method: 'DELETE', url: `${ENTRIES}/${id}` })).statusCode).toBe(204);

describe('an entry changing its type', () => {
  it('through an Ed-Fi PUT retires the old type’s category once no entry of the class uses it', async () => {
    const a = await postEntry('TYPE-A', 'Homework');
    const b = await postEntry('TYPE-B', 'Homework');
    const homework = await categoryOf(a);
    await putType(a, 'Quiz');
    const quiz = await categoryOf(a);
    expect(quiz).not.toBe(homework);
    expect(await served(homework)).toBe(true); // b still files under it
    expect(await served(quiz)).toBe(true);

    await putType(b, 'Quiz');
    expect(await categoryOf(b)).toBe(quiz);
    expect(await served(homework)).toBe(false);
    expect(await served(quiz)).toBe(true);
    await expectConsistent();

    // A POST of the same natural key (an Ed-Fi upsert) moves it back: the category is served again.
    const posted = await h.inject(client, { method: 'POST', url: ENTRIES, payload: entryBody('TYPE-A', 'Homework') });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(await categoryOf(a)).toBe(homework);
    expect(await served(homework)).toBe(true);
    const again = await h.inject(client, { method: 'POST', url: ENTRIES, payload: entryBody('TYPE-A', 'Quiz') });
    expect(again.statusCode, again.body).toBe(200);
    expect(await served(homework)).toBe(false);
    await expectConsistent();
    await deleteEntry(a);
    await deleteEntry(b);
    expect(await served(quiz)).toBe(false);
  });

  it('through the grades service getting a Schola category retires its entry-type category', async () => {
    const c = await postEntry('TYPE-C', 'Test');
    const test = await categoryOf(c);
    expect(await served(test)).toBe(true);

    const refused = await patchEntry(c, {});
    expect(refused.statusCode, refused.body).toBe(400);
    const unknown = await patchEntry(c, { categoryId: crypto.randomUUID() });
    expect(unknown.statusCode, unknown.body).toBe(422);
    expect(unknown.json().validationErrors).toHaveProperty('categoryId');

    const patched = await patchEntry(c, { categoryId: scholaCategory, title: 'Chapter test' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ id: c, title: 'Chapter test', categoryId: scholaCategory });
    expect(await categoryOf(c)).toBe(scholaCategory);
    expect(await served(test)).toBe(false);
    // An Ed-Fi PUT changing its type keeps the Schola category (Ed-Fi has no category): no entry-type category.
    await putType(c, 'Quiz');
    expect(await categoryOf(c)).toBe(scholaCategory);
    await expectConsistent();
    await deleteEntry(c);
  });
});

describe('an entry moving to another section', () => {
  it('retires its type’s category in the class it left, and files it under that type in the new class', async () => {
    const [other] = await h.database.query<{ id: string }>(
      `SELECT se.id::text FROM edfi.section se JOIN oneroster.classes c ON c.tenant_id = se.tenant_id
          AND c.sourced_id = se.id::text
        WHERE se.tenant_id = $1 AND se.schoolid = $2 AND se.id <> $3::uuid ORDER BY se.sectionidentifier LIMIT 1`,
      [tenant, section.schoolid, section.id],
    );
    const otherBody = await edfiEntryBodies(h.database, tenant, other!.id);
    const m = await postEntry('TYPE-MOVE', 'Homework');
    const left = await categoryOf(m);
    const moved = await h.inject(client, {
      method: 'PUT',
      url: `${ENTRIES}/${m}`,
      payload: otherBody('TYPE-MOVE', 'Homework'),
    });
    expect(moved.statusCode, moved.body).toBe(204);
    const joined = await categoryOf(m);
    expect(joined).not.toBe(left);
    expect(await served(left)).toBe(false);
    expect((await get(`${GRADEBOOK}/categories/${joined}`)).json().category.class.sourcedId).toBe(other!.id);
    await expectConsistent();
    expect(await gradebookFaceProblems(h.database, tenant, other!.id)).toEqual([]);
    await deleteEntry(m);
  });
});

describe('entries switching types at once', () => {
  it('leave every used category active and no unused one, without deadlock', async () => {
    for (let round = 0; round < 3; round++) {
      const x = await postEntry(`RACE-X-${round}`, 'Homework');
      const y = await postEntry(`RACE-Y-${round}`, 'Quiz');
      const [homework, quiz] = [await categoryOf(x), await categoryOf(y)];

      await Promise.all([putType(x, 'Quiz'), putType(y, 'Homework')]); // a swap: both stay used
      expect([await served(homework), await served(quiz)]).toEqual([true, true]);
      await expectConsistent();

      await Promise.all([putType(x, 'Test'), putType(y, 'Test')]); // both leave: neither is used
      const test = await categoryOf(x);
      expect([await served(homework), await served(quiz), await served(test)]).toEqual([false, false, true]);
      await expectConsistent();

      // The grades service and an Ed-Fi client at once: x leaves Test for the Schola category, y goes back to Quiz.
      const [patched] = await Promise.all([patchEntry(x, { categoryId: scholaCategory }), putType(y, 'Quiz')]);
      expect(patched.statusCode, patched.body).toBe(200);
      expect([await served(test), await served(quiz)]).toEqual([false, true]);
      await expectConsistent();
      await deleteEntry(x);
      await deleteEntry(y);
      await expectConsistent();
    }
  });
});
