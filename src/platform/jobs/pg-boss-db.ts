/**
 * pg-boss's `db` option (`executeSql(text, values) → { rows }`) over the application's `Database`,
 * so the queue runs on the same engine and connection(s) as everything else: the node-postgres pool
 * on a server, the one PGlite connection in a data directory (whose mutex serialises pg-boss's
 * statements with the application's transactions, so they never interleave).
 *
 * pg-boss sends its schema creation, migrations and maintenance as one text `BEGIN; …; COMMIT;`.
 * Sent as is, a failure half-way leaves the connection inside an aborted transaction (the pool would
 * hand it to the next request; on PGlite it is the only connection). Without BEGIN/COMMIT the same
 * text runs as one implicit transaction of the simple query protocol, which rolls back by itself on
 * error; `SET LOCAL` and `pg_advisory_xact_lock` work there too.
 *
 * After `close()` every call answers no rows instead of reaching a database that is being closed:
 * pg-boss's timers may still fire once while the process shuts down.
 */
import type { Database } from '../db/database.js';

const TRANSACTION_SCRIPT = /^\s*BEGIN\s*;([\s\S]*?);?\s*COMMIT\s*;?\s*$/i;

export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Refuses new statements and waits (at most `timeoutMs`) for those under way. */
  close(timeoutMs: number): Promise<void>;
}

export function pgBossDb(database: Database): PgBossDb {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  async function run(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const script = TRANSACTION_SCRIPT.exec(text);
    if (script && (!values || values.length === 0)) {
      await database.exec(script[1]!);
      return { rows: [] };
    }
    return { rows: await database.query(text, values) };
  }

  return {
    async executeSql(text, values) {
      if (closed) return { rows: [] };
      const statement = run(text, values);
      inFlight.add(statement);
      try {
        return await statement;
      } finally {
        inFlight.delete(statement);
      }
    },
    async close(timeoutMs) {
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...inFlight]), deadline]);
      clearTimeout(timer);
    },
  };
}
