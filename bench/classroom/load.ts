/**
 * The benchmark's clients: a teacher socket per session (subscribed to `session:<id>`) and a socket per
 * student (subscribed to its `group:<session>:<group>`), each student sending a small `group.message`
 * every `intervalMs` (phases spread). A teacher receiving one measures the time since the student sent
 * it (same process, one clock). Counted only inside the measuring window.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export interface Seat {
  sessionId: string;
  groupId: string;
  /** Participant token (Schola), none for the bare server. */
  token?: string;
}

export interface LoadPlan {
  /** http://host:port of the server the teachers use, and of the one the students use. */
  teacherServer: string;
  studentServer: string;
  teacherHeaders: Record<string, string>;
  sessions: string[];
  seats: Seat[];
  intervalMs: number;
  warmupMs: number;
  measureMs: number;
  /** Called once every socket is open and subscribed, before anyone sends (memory is read there). */
  onConnected?: () => Promise<void>;
}

export interface LoadResult {
  sent: number;
  received: number;
  eventsPerSecond: number;
  offeredPerSecond: number;
  p50: number;
  p99: number;
  refusals: number;
}

const wsUrl = (server: string, token?: string) =>
  `${server.replace(/^http/, 'ws')}/api/v1/classroom/live${token ? `?token=${encodeURIComponent(token)}` : ''}`;

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false, skipUTF8Validation: true });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function subscribe(socket: WebSocket, channel: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const f = JSON.parse(String(raw)) as { type: string; channel?: string; detail?: string };
      if (f.channel !== channel) return;
      socket.off('message', onMessage);
      if (f.type === 'subscribed') resolve();
      else reject(new Error(`subscribe ${channel}: ${f.detail}`));
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'subscribe', channel }));
  });
}

/** Opens `n` things at most `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  let measuring = false;
  let sent = 0;
  let received = 0;
  let refusals = 0;
  const latencies: number[] = [];
  const teachers = await inBatches(plan.sessions, 10, async (sessionId) => {
    const socket = await open(wsUrl(plan.teacherServer), plan.teacherHeaders);
    await subscribe(socket, `session:${sessionId}`);
    socket.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as { type: string; event?: string; data?: { body?: { t?: number } } };
      if (f.type !== 'event' || f.event !== 'group.message' || !measuring) return;
      const t = f.data?.body?.t;
      if (typeof t !== 'number') return;
      received++;
      latencies.push(performance.now() - t);
    });
    return socket;
  });
  const students = await inBatches(plan.seats, 20, async (seat) => {
    const socket = await open(wsUrl(plan.studentServer, seat.token));
    const channel = `group:${seat.sessionId}:${seat.groupId}`;
    await subscribe(socket, channel);
    socket.on('message', (raw) => {
      const text = String(raw);
      if (text.includes('"type":"error"')) refusals++;
    });
    return { socket, channel };
  });
  await plan.onConnected?.();
  const timers = students.map(({ socket, channel }) =>
    setTimeout(() => {
      const send = () => {
        if (socket.readyState !== WebSocket.OPEN) return;
        if (measuring) sent++;
        socket.send(
          JSON.stringify({ type: 'publish', channel, event: 'group.message', data: { t: performance.now(), x: 'ok' } }),
        );
      };
      send();
      timers.push(setInterval(send, plan.intervalMs));
    }, Math.random() * plan.intervalMs),
  );
  await new Promise((resolve) => setTimeout(resolve, plan.warmupMs));
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, plan.measureMs));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  for (const timer of timers) clearInterval(timer);
  // In-flight events of the window still count: a short grace.
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const { socket } of students) socket.terminate();
  for (const socket of teachers) socket.terminate();
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : 0;
  return {
    sent,
    received,
    eventsPerSecond: received / seconds,
    offeredPerSecond: sent / seconds,
    p50: Math.round(q(0.5) * 10) / 10,
    p99: Math.round(q(0.99) * 10) / 10,
    refusals,
  };
}
