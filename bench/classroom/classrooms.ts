/**
 * The classroom the bench loads, built through Schola's API: running sessions of the demo teacher,
 * their groups ready, and anonymous students joined to each group (the seats the load drives).
 */
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { DEFAULT_DEMO_SIZE } from '../../src/demo/seed.js';
import type { Seat } from './load.js';

/** Sessions (30 by default: BENCH_SESSIONS scales the classroom down, e.g. to look at a lighter load). */
export const SESSIONS = Number(process.env.BENCH_SESSIONS ?? '30');
export const GROUPS = 6;
export const STUDENTS_PER_GROUP = 5;

async function http<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { detail?: string };
  if (!response.ok) throw new Error(`${url}: ${response.status} ${json.detail ?? ''}`);
  return json;
}

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** 30 running sessions of the demo teacher, 6 groups each, 5 anonymous students joined to each group. */
export async function classrooms(server: string, leaders: string[]) {
  const { sessionToken } = await http<{ sessionToken: string }>(`${server}/auth/sign-in`, {
    tenant: DEFAULT_DEMO_SIZE.tenantSlug,
    email: 'teacher@demo-district.schola.dev',
    password: DEMO_PASSWORD,
  });
  const auth = { authorization: `Bearer ${sessionToken}` };
  const sessions: { id: string; accessCode: string }[] = [];
  for (let s = 0; s < SESSIONS; s++) {
    const groups = Array.from({ length: GROUPS }, (_, g) => ({
      name: `Group ${g + 1}`,
      leaderId: leaders[g]!,
      maxSize: STUDENTS_PER_GROUP,
    }));
    sessions.push(
      await http(
        `${server}/api/v1/classroom/sessions`,
        { topic: `Bench ${s}`, goal: 'Talk', subject: 'Science', groups },
        auth,
      ),
    );
  }
  await inParallel(sessions, 4, async (session) => {
    const view = await fetch(`${server}/api/v1/classroom/sessions/${session.id}`, { headers: auth }).then(
      (r) => r.json() as Promise<{ groups: { id: string }[] }>,
    );
    for (const g of view.groups)
      await http(`${server}/api/v1/classroom/sessions/${session.id}/groups/${g.id}/ready`, undefined, auth);
    await http(`${server}/api/v1/classroom/sessions/${session.id}/start`, undefined, auth);
  });
  const seats: Seat[] = [];
  const joins = sessions.flatMap((session) =>
    Array.from({ length: GROUPS * STUDENTS_PER_GROUP }, (_, i) => ({ session, name: `Student ${i + 1}` })),
  );
  await inParallel(joins, 8, async ({ session, name }) => {
    const joined = await http<{ groupId: string; token: string }>(`${server}/api/v1/classroom/join`, {
      accessCode: session.accessCode,
      displayName: name,
      dateOfBirth: '2000-01-01',
    });
    seats.push({ sessionId: session.id, groupId: joined.groupId, token: joined.token });
  });
  return { auth, sessionIds: sessions.map((s) => s.id), seats };
}
