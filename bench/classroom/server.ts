/**
 * A benchmark server process (`node --import tsx bench/classroom/server.ts`): either Schola on the
 * PostgreSQL database at BENCH_DATABASE_URL (the whole application, realtime over LISTEN/NOTIFY), or,
 * with BENCH_BARE=1, a bare `ws` fan-out server speaking the same frames with no authentication, no
 * database and no checks: what a WebSocket fan-out costs on this machine. Prints `READY <url>`.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { applicationPlugins } from '../../src/app.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';

async function schola(): Promise<{ url: string; close: () => Promise<void> }> {
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL!, poolMax: 10 });
  const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The same fan-out as the hub: a group's event to the group's and the session's subscribers. */
async function bare(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/v1/classroom/live' });
  await new Promise((resolve) => server.once('listening', resolve));
  const subscribers = new Map<string, Set<WebSocket>>();
  server.on('connection', (socket) => {
    const mine = new Set<string>();
    socket.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as { type: string; channel: string; event?: string; data?: unknown };
      if (m.type === 'subscribe') {
        mine.add(m.channel);
        let set = subscribers.get(m.channel);
        if (!set) subscribers.set(m.channel, (set = new Set()));
        set.add(socket);
        socket.send(JSON.stringify({ type: 'subscribed', channel: m.channel, snapshot: null }));
      } else if (m.type === 'publish' && mine.has(m.channel)) {
        const [, sessionId] = m.channel.split(':');
        const frame = JSON.stringify({
          type: 'event',
          event: m.event,
          data: { body: m.data },
          at: new Date().toISOString(),
        });
        const reached = new Set<WebSocket>();
        for (const channel of [m.channel, `session:${sessionId}`])
          for (const s of subscribers.get(channel) ?? [])
            if (!reached.has(s)) {
              reached.add(s);
              s.send(frame);
            }
      }
    });
    socket.on('close', () => {
      for (const channel of mine) subscribers.get(channel)?.delete(socket);
    });
  });
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const running = process.env.BENCH_BARE === '1' ? await bare() : await schola();
console.log(`READY ${running.url}`);
// The parent reads this process's resident memory after a collection (started with --expose-gc).
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
process.on('SIGTERM', () => {
  void running.close().finally(() => process.exit(0));
});
