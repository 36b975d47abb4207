/**
 * Shared set-up of the OneRoster 1.2 gradebook test files (src/standards/oneroster/gradebook-*.test.ts): a
 * fixture, the classes, student, schools and sessions they name, a client with every gradebook scope, the
 * score scales ss-a and ss-b, and request helpers. Each file builds its own (its own database), so no file
 * depends on rows another file wrote.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { oneRosterFixture, type Fixture } from './oneroster-fixture.js';

export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';

export type Send = (
  method: 'PUT' | 'POST' | 'DELETE',
  url: string,
  token: string,
  body?: unknown,
) => Promise<LightMyRequestResponse>;

/** PUT/POST/DELETE with a bearer token and, when given, a JSON body. */
export const sender =
  (f: Fixture): Send =>
  (method, url, token, body) =>
    f.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

/** A letter score scale body, with optional owners (class, course, org, school). */
export const scale = (title: string, owners: Record<string, { sourcedId: string }> = {}) => ({
  scoreScale: { title, type: 'letter', scoreScaleValue: [{ itemValueLHS: 'A', itemValueRHS: '90' }], ...owners },
});

export interface GradebookIds {
  klass: string;
  sameSchoolClass: string;
  otherClass: string;
  course: string;
  student: string;
  school: string;
  schoolId: number;
  otherSchool: string;
  district: string;
  session: string;
  otherSession: string;
}

export interface GradebookContext {
  f: Fixture;
  ids: GradebookIds;
  /** A client with every gradebook scope. */
  writer: string;
  send: Send;
  /** The sourcedIds of a list (200 expected), read by the writer. */
  listIds(url: string, plural: string): Promise<string[]>;
  /** The link rows of a line item or result (learning objectives, score scales). */
  linkRows(table: string, owner: string, id: string): Promise<LinkRow[]>;
}

export interface LinkRow {
  sourced_id: string;
  status: string;
  date_last_modified: Date;
}

async function gradebookIds(f: Fixture): Promise<GradebookIds> {
  const [school, other] = await f.sql<{ sourced_id: string; parent_sourced_id: string; identifier: string }>(
    `SELECT sourced_id, parent_sourced_id, identifier FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const classes = await f.sql<{ sourced_id: string; course_sourced_id: string }>(
    `SELECT sourced_id, course_sourced_id FROM oneroster.classes
      WHERE school_sourced_id = $1 ORDER BY sourced_id LIMIT 2`,
    [school!.sourced_id],
  );
  const [otherClass] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.classes
      WHERE school_sourced_id = $1 AND course_sourced_id <> $2 ORDER BY sourced_id LIMIT 1`,
    [other!.sourced_id, classes[0]!.course_sourced_id],
  );
  const [student] = await f.sql<{ user_sourced_id: string }>(
    `SELECT user_sourced_id FROM oneroster.enrollments
      WHERE class_sourced_id = $1 AND role = 'student' ORDER BY user_sourced_id LIMIT 1`,
    [classes[0]!.sourced_id],
  );
  const [session, otherSession] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.academic_sessions ORDER BY sourced_id LIMIT 2`,
  );
  expect(school!.parent_sourced_id).toBeTruthy();
  return {
    klass: classes[0]!.sourced_id,
    sameSchoolClass: classes[1]!.sourced_id,
    otherClass: otherClass!.sourced_id,
    course: classes[0]!.course_sourced_id,
    student: student!.user_sourced_id,
    school: school!.sourced_id,
    schoolId: Number(school!.identifier),
    otherSchool: other!.sourced_id,
    district: school!.parent_sourced_id,
    session: session!.sourced_id,
    otherSession: otherSession!.sourced_id,
  };
}

export async function gradebookContext(): Promise<GradebookContext> {
  const f = await oneRosterFixture();
  const ids = await gradebookIds(f);
  const send = sender(f);
  const writer = await f.token([
    'gradebook.readonly',
    'gradebook.createput',
    'gradebook.createpost',
    'gradebook.delete',
  ]);
  expect((await send('PUT', `${GRADEBOOK}/scoreScales/ss-a`, writer, scale('A-F'))).statusCode).toBe(201);
  expect((await send('PUT', `${GRADEBOOK}/scoreScales/ss-b`, writer, scale('1-4'))).statusCode).toBe(201);
  return {
    f,
    ids,
    writer,
    send,
    async listIds(url, plural) {
      const res = await f.get(url, writer);
      expect(res.statusCode, url).toBe(200);
      return (res.json()[plural] as { sourcedId: string }[]).map((o) => o.sourcedId);
    },
    linkRows: (table, owner, id) =>
      f.sql<LinkRow>(
        `SELECT sourced_id, status, date_last_modified FROM oneroster.${table} WHERE ${owner} = $1 ORDER BY sourced_id`,
        [id],
      ),
  };
}

/**
 * A test file's gradebook context, built before its tests (its own database) and closed after them: the
 * returned object is filled in by `beforeAll`, so tests read `g.send`, `g.ids`… when they run.
 */
export function useGradebookContext(): GradebookContext {
  const context = {} as GradebookContext;
  beforeAll(async () => {
    Object.assign(context, await gradebookContext());
  });
  afterAll(async () => {
    await context.f?.close();
  });
  return context;
}
