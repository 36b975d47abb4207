/**
 * Counts the statements (round trips) the process sends to the database while `fn` runs, on either
 * engine: node-postgres `Client.query` calls, or PGlite `query`/`exec` calls plus the BEGIN and COMMIT
 * of each PGlite transaction. Counting is process-wide: run nothing else meanwhile.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

type AnyFn = (...args: unknown[]) => unknown;

export async function countStatements<T>(
  fn: () => Promise<T>,
  onStatement?: (text: string) => void,
): Promise<{ statements: number; value: T }> {
  let statements = 0;
  const seen = (args: unknown[]) => {
    statements++;
    const [first] = args;
    onStatement?.(typeof first === 'string' ? first : String((first as { text?: string } | null)?.text ?? ''));
  };
  const patches: (() => void)[] = [];
  const patch = (target: object, name: string, wrap: (original: AnyFn) => AnyFn) => {
    const record = target as Record<string, AnyFn>;
    const original = record[name]!;
    record[name] = wrap(original);
    patches.push(() => (record[name] = original));
  };
  const counted = (original: AnyFn) =>
    function (this: unknown, ...args: unknown[]) {
      seen(args);
      return original.apply(this, args);
    };
  patch(pg.Client.prototype, 'query', counted);
  patch(PGlite.prototype, 'query', counted);
  patch(PGlite.prototype, 'exec', counted);
  patch(
    PGlite.prototype,
    'transaction',
    (original) =>
      function (this: unknown, callback: unknown) {
        seen(['BEGIN']);
        seen(['COMMIT']); // or ROLLBACK
        return original.call(this, (tx: Record<string, AnyFn>) => {
          const query = tx.query!.bind(tx);
          const exec = tx.exec!.bind(tx);
          tx.query = (...args) => (seen(args), query(...args));
          tx.exec = (...args) => (seen(args), exec(...args));
          return (callback as (tx: unknown) => unknown)(tx);
        });
      },
  );
  try {
    const value = await fn();
    return { statements, value };
  } finally {
    for (const undo of patches.reverse()) undo();
  }
}
