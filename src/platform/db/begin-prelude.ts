/**
 * Folds the statements that open a tenant transaction (tenant setting, role switch) into the
 * transaction's own BEGIN, so a request pays one round trip to the server for all three instead of
 * three. Drizzle sends `begin` as a parameterless (simple-protocol) query, which may carry several
 * statements; the node-postgres client below appends the pending prelude to it.
 *
 * The prelude travels in AsyncLocalStorage and is consumed by the first BEGIN issued inside the
 * context, which is the transaction that set it (nothing else runs between setting it and
 * Drizzle's begin). A transaction that did not consume it (PGlite has no round trips to save)
 * runs the statements itself, so the outcome is the same on both engines.
 * The prelude text must be trusted SQL: tenantTransaction builds it from a validated UUID.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

interface PendingPrelude {
  sql: string;
  consumed: boolean;
}

const pending = new AsyncLocalStorage<PendingPrelude>();

/** Runs `fn` with `sql` pending for the first BEGIN; tells `fn` whether BEGIN took it. */
export function withBeginPrelude<T>(sql: string, fn: (consumed: () => boolean) => Promise<T>): Promise<T> {
  const state: PendingPrelude = { sql, consumed: false };
  return pending.run(state, () => fn(() => state.consumed));
}

function withPrelude(text: string): string {
  const state = pending.getStore();
  if (!state || state.consumed || text.trim().toLowerCase() !== 'begin') return text;
  state.consumed = true;
  return `begin; ${state.sql}`;
}

/** The pool's client class: identical to pg.Client except for the BEGIN rewrite above. */
export class PreludeClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [config] = args;
    if (typeof config === 'string') args[0] = withPrelude(config);
    else if (config && typeof config === 'object' && typeof (config as { text?: unknown }).text === 'string') {
      const text = (config as { text: string }).text;
      const rewritten = withPrelude(text);
      if (rewritten !== text) args[0] = { ...(config as object), text: rewritten };
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
