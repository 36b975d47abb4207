/**
 * The transaction helper: runs `fn` in one database transaction, hands it the transaction (pass it
 * down to every service call that belongs to the same unit of work), and runs after-commit hooks
 * (notifications, job enqueueing) only once the commit succeeded.
 */
import type { Database, Tx } from './engine.js';

export type { Tx } from './engine.js';

export interface UnitOfWork {
  readonly tx: Tx;
  /** Runs after a successful commit; never on rollback. Errors are reported, not thrown. */
  afterCommit(hook: () => void | Promise<void>): void;
}

export interface TransactionOptions {
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
  onHookError?: (error: unknown) => void;
}

export async function transaction<T>(
  database: Database,
  fn: (work: UnitOfWork) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const hooks: (() => void | Promise<void>)[] = [];
  const result = await database.db.transaction(
    async (tx) => fn({ tx, afterCommit: (hook) => void hooks.push(hook) }),
    options.isolationLevel ? { isolationLevel: options.isolationLevel } : undefined,
  );
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      options.onHookError?.(error);
    }
  }
  return result;
}
