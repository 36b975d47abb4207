/**
 * A teacher corrects an assignment (the gradebook's PATCH): the fields given change and the gradebook shows them
 * (description too); dates must lie in the section's session (422 naming the field, on create too); points possible
 * can be lowered below entered scores (extra credit) but not cleared or given once scores are entered (409 naming
 * maxPoints), and a score saved while the change waits is counted (the entry's share lock). With If-Match (the
 * entry's etag from the gradebook), a change made meanwhile is refused (412) and nothing is overwritten, also when
 * two teachers save at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { daysAfter } from '../../../../test/support/calendar.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { firstTaughtSection, gradebookSection } from '../../../../test/support/gradebook.js';
import { setCategories } from './categories.js';
import { createEntry } from './entries.js';
import { recordScores } from './scores.js';

let h: DomainHarness;
let section: Awaited<ReturnType<typeof firstTaughtSection>>;
let teacher: Principal;
let student: number;
let categoryId: string;
let session: { begin: string; end: string };
const Q1 = 'First Quarter';

beforeAll(async () => {
  h = await domainHarness();
  const tenant = h.demo.districtTenantId;
  section = await firstTaughtSection(h);
  const setUp = await gradebookSection(h, section);
  teacher = setUp.teacher;
  student = setUp.roster[0]!.usi;
  const [term] = await h.database.query<{ begin: string; end: string }>(
    `SELECT to_char(p.begindate, 'YYYY-MM-DD') AS begin, to_char(p.enddate, 'YYYY-MM-DD') AS end
       FROM edfi.session p JOIN edfi.section s ON s.tenant_id = p.tenant_id AND s.schoolid = p.schoolid
        AND s.schoolyear = p.schoolyear AND s.sessionname = p.sessionname
      WHERE s.tenant_id = $1 AND s.id = $2::uuid`,
    [tenant, section.id],
  );
  session = term!;
  const { categories } = await h.work(teacher, (w) =>
    setCategories(w, section.id, { categories: [{ name: 'Homework', weightPercent: 100 }] }),
  );
  categoryId = categories[0]!.id;
});
afterAll(() => h.dispose());

const entriesUrl = () => `/api/v1/sections/${section.id}/gradebook/entries`;
const patch = (id: string, body: Record<string, unknown>, ifMatch?: string) =>
  h.inject(teacher, {
    method: 'PATCH',
    url: `${entriesUrl()}/${id}`,
    payload: body,
    ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
  });

/** The entry as the gradebook lists it (with its etag). */
const listed = async (id: string) => {
  const book = await h.inject(teacher, { method: 'GET', url: `/api/v1/sections/${section.id}/gradebook` });
  return (book.json() as { entries: { id: string; title: string; etag: string }[] }).entries.find((e) => e.id === id)!;
};

/** A new assignment of 20 points (null: scored in percent), assigned on the session's second week. */
const addEntry = (title: string, maxPoints: number | null = 20) =>
  h.work(teacher, (w) =>
    createEntry(w, section.id, {
      title,
      categoryId,
      gradingPeriod: Q1,
      dateAssigned: daysAfter(session.begin, 7),
      ...(maxPoints === null ? {} : { maxPoints }),
    }),
  );

const score = (entryId: string, points: number | null) =>
  h.work(teacher, (w) => recordScores(w, section.id, entryId, { scores: [{ studentUsi: student, points }] }));

describe('editing an assignment', () => {
  it('changes only the fields given, and the gradebook shows them', async () => {
    const entry = await addEntry('Chapter 1 reading');
    const due = daysAfter(session.begin, 14);
    const res = await patch(entry.id, { title: 'Chapter 1 questions', description: 'Odd numbers only', dueDate: due });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Chapter 1 questions', description: 'Odd numbers only', maxPoints: 20 });
    const book = await h.inject(teacher, { method: 'GET', url: `/api/v1/sections/${section.id}/gradebook` });
    expect(book.json().entries.find((e: { id: string }) => e.id === entry.id)).toMatchObject({
      title: 'Chapter 1 questions',
      description: 'Odd numbers only',
      dueDate: due,
      maxPoints: 20,
      categoryId,
    });
    const cleared = await patch(entry.id, { description: null });
    expect(cleared.json()).toMatchObject({ title: 'Chapter 1 questions', description: null, dueDate: due });
  });

  it('refuses dates outside the section’s session, naming the field, on change and on create', async () => {
    const entry = await addEntry('Lab report');
    const late = await patch(entry.id, { dueDate: daysAfter(session.end, 1) });
    expect(late.statusCode, late.body).toBe(422);
    expect(late.json()).toMatchObject({ code: 'date_outside_session' });
    expect(late.json().validationErrors.dueDate[0]).toMatch(/^must be within the session /);
    expect(late.json().validationErrors.dateAssigned).toBeUndefined();
    const created = await h.inject(teacher, {
      method: 'POST',
      url: entriesUrl(),
      payload: { title: 'Summer work', categoryId, gradingPeriod: Q1, dateAssigned: daysAfter(session.begin, -30) },
    });
    expect(created.statusCode, created.body).toBe(422);
    expect(Object.keys(created.json().validationErrors)).toEqual(['dateAssigned']);
    // The last day of the session is inside it.
    expect((await patch(entry.id, { dueDate: session.end })).statusCode).toBe(200);
  });

  it('keeps extra credit when points possible go down, but will not switch a scored entry to or from percent', async () => {
    const entry = await addEntry('Quiz 1');
    await score(entry.id, 18);
    const lower = await patch(entry.id, { maxPoints: 10 });
    expect(lower.statusCode, lower.body).toBe(200);
    const cleared = await patch(entry.id, { maxPoints: null });
    expect(cleared.statusCode, cleared.body).toBe(409);
    expect(cleared.json()).toMatchObject({ code: 'entry_has_scores' });
    expect(cleared.json().validationErrors.maxPoints).toEqual(['cannot be cleared once scores are entered (1)']);

    const percent = await addEntry('Participation', null);
    await score(percent.id, 90);
    const given = await patch(percent.id, { maxPoints: 20 });
    expect(given.statusCode, given.body).toBe(409);
    expect(given.json().validationErrors.maxPoints[0]).toMatch(/^cannot be set on an entry scored in percent/);
    // Once the score is cleared, the scale may change.
    await score(percent.id, null);
    expect((await patch(percent.id, { maxPoints: 20 })).statusCode).toBe(200);
  });

  it('counts a score saved while the change of scale waits for it', async () => {
    const entry = await addEntry('Quiz 2');
    // A score row without points (a new row's foreign key check would lock the entry by itself; an update does not).
    await score(entry.id, null);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let scored!: () => void;
    const scoredYet = new Promise<void>((resolve) => (scored = resolve));
    // A scoring transaction that stays open (uncommitted) until released.
    const scoring = h.work(teacher, async (w) => {
      await recordScores(w, section.id, entry.id, { scores: [{ studentUsi: student, points: 15 }] });
      scored();
      await gate;
    });
    await scoredYet;
    let answered = false;
    const change = patch(entry.id, { maxPoints: null }).finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    release();
    await scoring;
    const res = await change;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().validationErrors.maxPoints).toEqual(['cannot be cleared once scores are entered (1)']);
  });

  it('saves a change made to the entry as read (If-Match), and answers the new ETag the gradebook then lists', async () => {
    const entry = await addEntry('Lab report');
    const read = await listed(entry.id);
    expect(read.etag).toMatch(/^"[\w-]+"$/);
    expect(entry.etag).toBe(read.etag); // creating answers the same etag the gradebook lists
    const res = await patch(entry.id, { title: 'Lab report (final)' }, read.etag);
    expect(res.statusCode, res.body).toBe(200);
    const now = await listed(entry.id);
    expect(res.headers.etag).toBe(now.etag);
    expect(res.json().etag).toBe(now.etag);
    expect(now.etag).not.toBe(read.etag);
  });

  it('refuses a change to an entry someone changed since it was read (412), and changes nothing', async () => {
    const entry = await addEntry('Essay draft');
    const read = await listed(entry.id);
    expect((await patch(entry.id, { title: 'Essay draft 1' })).statusCode).toBe(200); // someone else, meanwhile
    const stale = await patch(entry.id, { title: 'Essay (overwrites?)', maxPoints: 30 }, read.etag);
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json().code).toBe('precondition_failed');
    expect(await listed(entry.id)).toMatchObject({ title: 'Essay draft 1', maxPoints: 20 });
  });

  it('lets exactly one of two simultaneous changes from the same read through; the other gets 412', async () => {
    const entry = await addEntry('Project plan');
    const read = await listed(entry.id);
    const answers = await Promise.all(
      ['Project plan (A)', 'Project plan (B)'].map((title) => patch(entry.id, { title }, read.etag)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().title as string;
    expect((await listed(entry.id)).title).toBe(winner);
  });
});
