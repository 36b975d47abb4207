/**
 * `npm run bench -- classroom` (PostgreSQL only): the live classroom's realtime fan-out at classroom
 * scale. 30 sessions × 6 groups × 5 students = 900 student WebSockets plus 30 teachers (one per
 * session); each student sends a small `group.message` every 500 ms (1,800 events/s offered), which the
 * server fans out to the student's group and to the session's teacher. Measured from the clients:
 * events/s reaching the teachers, latency from a student's send to its teacher's receipt (p50, p99),
 * and the server's resident memory per connection. The same load against a bare `ws` fan-out server
 * (same frames, no authentication, no database) in the same run is the baseline. A second Schola run
 * with two server processes on the same database — teachers on one, students on the other — measures
 * the cross-process path (LISTEN/NOTIFY). Servers run in their own processes; the clients in this one.
 * BENCH_SECONDS: each measuring window (10).
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { latency, throughput, type Benchmark, type Measurement } from '../lib/harness.js';
import { classrooms, GROUPS, SESSIONS, STUDENTS_PER_GROUP } from './classrooms.js';
import { runLoad, type LoadResult } from './load.js';
import { startServer, type Server } from './server-process.js';

const INTERVAL_MS = 500;
const BARE = 'bare ws fan-out server';

export const benchmark: Benchmark = {
  name: 'classroom',
  description: 'live classroom fan-out: 900 students + 30 teachers on WebSockets, an event per student every 500 ms',
  settings: ['BENCH_SECONDS', 'BENCH_SESSIONS'],
  /** The full classroom (30 sessions) is the main result; a lighter load is kept beside it. */
  variant: () => (SESSIONS === 30 ? undefined : `sessions-${SESSIONS}`),
  about: `The live classroom's realtime path at classroom scale, on PostgreSQL: 30 running sessions × 6 groups ×
5 students = 900 student WebSockets plus 30 teachers (one per session, the demo teacher's sign-in); each student
sends a small \`group.message\` every 500 ms (1,800 events/s offered), delivered to its group and to its teacher.
Measured from the clients (one process, one clock): events/s reaching the teachers, latency from a student's send
to the teacher's receipt, and the server's resident memory per connection (RSS after connecting minus before, over
930). The baseline is a bare \`ws\` server doing the same fan-out in the same run, with no authentication, database
or checks. The cross-process rows run two Schola processes on one database, teachers on one and students on the
other: every event crosses through PostgreSQL \`LISTEN/NOTIFY\`. Servers and clients share this machine's cores.
Reading the figures: when the machine is saturated (the load average is recorded with each run) the bare server's
latency climbs into seconds too, and only the ratio means anything; the lighter \`sessions-5\` run shows the path
unsaturated. The memory row is the difference of two RSS readings after a collection: freed setup memory can make
it small or even negative, so it is an order of magnitude at best.`,
  async run({ engine, pgUrl, log, note }) {
    if (engine !== 'postgres' || !pgUrl)
      throw new Error('the classroom benchmark runs on PostgreSQL only (--engine postgres)');
    const seconds = Number(process.env.BENCH_SECONDS ?? '10');
    const database = await openDatabase({ databaseUrl: pgUrl, poolMax: 4 });
    await migrate(database);
    await seedDemo(database, {
      ...DEFAULT_DEMO_SIZE,
      students: 60,
      schools: 1,
      sectionsPerSchool: 2,
      languageSchoolStudents: 2,
    });
    const leaders = (
      await database.query<{ id: string }>(
        `SELECT st.id FROM users.students st
           JOIN users.teachers t ON t.tenant_id = st.tenant_id AND t.school_id = st.school_id
           JOIN identity.accounts a ON a.classroom_teacher_id = t.id AND a.email = 'teacher@demo-district.schola.dev'
          ORDER BY st.id LIMIT ${GROUPS}`,
      )
    ).map((r) => r.id);
    await database.close();
    const window = { intervalMs: INTERVAL_MS, warmupMs: 3000, measureMs: seconds * 1000 };
    const connections = SESSIONS * (1 + GROUPS * STUDENTS_PER_GROUP);
    let kib = 0;
    const perConnection = async (server: Server) => {
      const before = await server.rssMiB();
      return { onConnected: async () => void (kib = (((await server.rssMiB()) - before) * 1024) / connections) };
    };
    // Both Schola processes sign participant tokens with the same key (as instances sharing a database must).
    const secret = { BENCH_DATABASE_URL: pgUrl, SCHOLA_SECRET: randomBytes(32).toString('hex') };

    const one = await startServer(secret);
    let ours: LoadResult;
    let oursKib: number;
    let cross: LoadResult;
    let base: LoadResult;
    let baseKib: number;
    try {
      const world = await classrooms(one.url, leaders);
      log(`${world.sessionIds.length} sessions running, ${world.seats.length} students joined`);
      // The baseline first, while the machine is as fresh as it gets (the Schola server waits, idle).
      const bare = await startServer({ BENCH_BARE: '1' });
      try {
        base = await runLoad({
          ...window,
          teacherServer: bare.url,
          studentServer: bare.url,
          teacherHeaders: {},
          sessions: world.sessionIds,
          seats: world.seats.map(({ sessionId, groupId }) => ({ sessionId, groupId })),
          ...(await perConnection(bare)),
        });
        baseKib = kib;
        log(`bare: ${JSON.stringify(base)}, ${baseKib.toFixed(1)} KiB/connection`);
      } finally {
        await bare.stop();
      }
      ours = await runLoad({
        ...window,
        teacherServer: one.url,
        studentServer: one.url,
        teacherHeaders: world.auth,
        sessions: world.sessionIds,
        seats: world.seats,
        ...(await perConnection(one)),
      });
      oursKib = kib;
      log(`schola: ${JSON.stringify(ours)}, ${oursKib.toFixed(1)} KiB/connection`);
      const two = await startServer(secret);
      try {
        cross = await runLoad({
          ...window,
          teacherServer: one.url,
          studentServer: two.url,
          teacherHeaders: world.auth,
          sessions: world.sessionIds,
          seats: world.seats,
        });
        log(`schola, two processes: ${JSON.stringify(cross)}`);
      } finally {
        await two.stop();
      }
    } finally {
      await one.stop();
    }
    note(
      `${connections} WebSockets (${SESSIONS} teachers, ${SESSIONS * GROUPS * STUDENTS_PER_GROUP} students); offered ` +
        `${ours.offeredPerSecond.toFixed(0)} events/s to Schola, ` +
        `${base.offeredPerSecond.toFixed(0)} to the bare server; ` +
        `${seconds} s measured after 3 s of warm-up; refusals seen by students: ${ours.refusals}.`,
    );
    const common = { benchmark: 'classroom', engine, baselineName: BARE } as const;
    const rows: Measurement[] = [
      throughput({
        ...common,
        metric: 'group events/s reaching the teachers (one process)',
        unit: 'events/s',
        value: ours.eventsPerSecond,
        baseline: base.eventsPerSecond,
        target: '≥ 0.5×',
        met: ours.eventsPerSecond >= 0.5 * base.eventsPerSecond,
      }),
      latency({
        ...common,
        metric: 'group event → teacher, p50 (one process)',
        unit: 'ms',
        value: ours.p50,
        baseline: base.p50,
      }),
      latency({
        ...common,
        metric: 'group event → teacher, p99 (one process)',
        unit: 'ms',
        value: ours.p99,
        baseline: base.p99,
        target: '≤ 100 ms',
        met: ours.p99 <= 100,
      }),
      latency({ ...common, metric: 'resident memory per connection', unit: 'KiB', value: oursKib, baseline: baseKib }),
      throughput({
        ...common,
        metric: 'group events/s reaching the teachers (two processes)',
        unit: 'events/s',
        value: cross.eventsPerSecond,
        baseline: base.eventsPerSecond,
      }),
      latency({
        ...common,
        metric: 'group event → teacher across processes, p50',
        unit: 'ms',
        value: cross.p50,
        baseline: base.p50,
      }),
      latency({
        ...common,
        metric: 'group event → teacher across processes, p99',
        unit: 'ms',
        value: cross.p99,
        baseline: base.p99,
        target: '≤ 100 ms',
        met: cross.p99 <= 100,
      }),
    ];
    return rows;
  },
};
