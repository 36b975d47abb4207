/**
 * How events cross processes: PostgreSQL LISTEN/NOTIFY, no other broker. Each process holds one
 * dedicated listening connection (outside the pool: a pooled connection would lose its LISTEN when
 * released) and publishes with `pg_notify` through the pool; its own notifications come back to it
 * and are skipped (it delivered them locally already). The connection is re-opened after an error.
 *
 * On PGlite the bus is in-process only: PGlite is one process (the data directory lock guarantees
 * it), so every socket that can exist is already this process's and nothing needs to cross.
 *
 * A NOTIFY payload is at most 8000 bytes: a larger event is delivered locally only, with a warning
 * (events carry ids and statuses, not bulk data). Events sent in the same turn of the event loop share
 * notifications (as many as fit in one payload): under load, one `pg_notify` carries dozens.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database.js';
import type { RealtimeEvent } from './types.js';

export const NOTIFY_CHANNEL = 'schola_realtime';
const MAX_NOTIFY_BYTES = 7900;

export interface EventBus {
  /** Sends the event to the other processes (this one delivers locally itself). */
  send(event: RealtimeEvent): Promise<void>;
  close(): Promise<void>;
  readonly crossesProcesses: boolean;
}

export interface BusLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** The bus for `database`: LISTEN/NOTIFY on PostgreSQL (needs its URL), in-process on PGlite. */
export async function openEventBus(
  database: Database,
  url: string | undefined,
  deliver: (event: RealtimeEvent) => void,
  log: BusLog,
): Promise<EventBus> {
  if (database.engine !== 'postgres' || !url) {
    return { crossesProcesses: false, send: async () => undefined, close: async () => undefined };
  }
  const origin = randomUUID();
  const ownPrefix = `{"o":${JSON.stringify(origin)},`;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: 'schola-realtime' });
    next.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      // Its own notifications come back to the sender: skipped before parsing (they can be large).
      if (message.payload.startsWith(ownPrefix)) return;
      try {
        const { o, e, es } = JSON.parse(message.payload) as { o: string; e?: RealtimeEvent; es?: RealtimeEvent[] };
        if (o !== origin) for (const event of es ?? (e ? [e] : [])) deliver(event);
      } catch (error) {
        log.warn({ err: error }, 'realtime: unreadable notification skipped');
      }
    });
    next.on('error', (error) => {
      log.error({ err: error }, 'realtime: listening connection lost; reconnecting');
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      if (!closed) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await next.connect();
    await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };
  await connect();

  /** Events waiting for this turn's notifications, and who waits for them. */
  let queued: { json: string; bytes: number; done: () => void; failed: (error: unknown) => void }[] = [];
  const prefix = `{"o":${JSON.stringify(origin)},"es":[`;
  const flush = async (): Promise<void> => {
    const batch = queued;
    queued = [];
    let start = 0;
    while (start < batch.length) {
      let end = start;
      let bytes = prefix.length + 2;
      while (end < batch.length && (end === start || bytes + batch[end]!.bytes + 1 <= MAX_NOTIFY_BYTES))
        bytes += batch[end++]!.bytes + 1;
      const part = batch.slice(start, end);
      start = end;
      try {
        await database.query('SELECT pg_notify($1, $2)', [
          NOTIFY_CHANNEL,
          `${prefix}${part.map((q) => q.json).join(',')}]}`,
        ]);
        for (const q of part) q.done();
      } catch (error) {
        for (const q of part) q.failed(error);
      }
    }
  };

  return {
    crossesProcesses: true,
    send(event) {
      const json = JSON.stringify(event);
      const bytes = Buffer.byteLength(json);
      if (bytes + prefix.length + 2 > MAX_NOTIFY_BYTES) {
        log.warn({ type: event.type, bytes }, 'realtime: event too large to cross processes');
        return Promise.resolve();
      }
      return new Promise<void>((done, failed) => {
        if (queued.length === 0) setImmediate(() => void flush());
        queued.push({ json, bytes, done, failed });
      });
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
