/**
 * The sessions list (the live view's index): a teacher sees their own sessions only, open ones first
 * with their access code; a district administrator the tenant's; a school administrator their
 * schools'; a parent nothing (403). Archived sessions are left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { classroomWorld, json, plan, type ClassroomWorld } from '../../../../test/support/classroom.js';

let h: DomainHarness;
let w: ClassroomWorld;

beforeAll(async () => {
  h = await domainHarness();
  w = await classroomWorld(h);
});
afterAll(() => h.dispose());

const URL = '/api/v1/classroom/sessions';
type Listed = { id: string; status: string; accessCode: string | null; groups: number };

describe('the live sessions list', () => {
  it("answers a teacher's own sessions, open first, and leaves archived ones out", async () => {
    const kept = (await h.inject(w.teacher, { method: 'POST', url: URL, ...json(plan(w, 2)) })).json();
    const gone = (await h.inject(w.teacher, { method: 'POST', url: URL, ...json(plan(w, 1, 2, 4)) })).json();
    expect((await h.inject(w.teacher, { method: 'DELETE', url: `${URL}/${gone.id}` })).statusCode).toBe(200);
    const other = (await h.inject(w.otherTeacher, { method: 'POST', url: URL, ...json(plan(w, 1, 2, 6)) })).json();

    const res = await h.inject(w.teacher, { method: 'GET', url: URL });
    expect(res.statusCode).toBe(200);
    const sessions = res.json().sessions as Listed[];
    const ids = sessions.map((s) => s.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(other.id);
    expect(sessions.find((s) => s.id === kept.id)).toMatchObject({
      status: 'created',
      accessCode: kept.accessCode,
      groups: 2,
    });
    const firstEnded = sessions.findIndex((s) => s.status === 'ended');
    const lastOpen = sessions.map((s) => s.status !== 'ended').lastIndexOf(true);
    if (firstEnded >= 0) expect(lastOpen).toBeLessThan(firstEnded);
    for (const s of sessions.filter((x) => x.status === 'ended')) expect(s.accessCode).toBeNull();

    const admin = (await h.inject(h.principal(['district_admin']), { method: 'GET', url: URL })).json();
    expect((admin.sessions as Listed[]).map((s) => s.id)).toEqual(expect.arrayContaining([kept.id, other.id]));

    const schoolAdmin = h.principal(['school_admin'], { schoolIds: [w.edfiSchoolId] });
    const theirs = ((await h.inject(schoolAdmin, { method: 'GET', url: URL })).json().sessions as Listed[]).map(
      (s) => s.id,
    );
    expect(theirs).toContain(kept.id);
    if (w.otherEdfiSchoolId !== w.edfiSchoolId) expect(theirs).not.toContain(other.id);
  });

  it('refuses a parent (403)', async () => {
    const res = await h.inject(h.principal(['parent']), { method: 'GET', url: URL });
    expect(res.statusCode).toBe(403);
  });
});
