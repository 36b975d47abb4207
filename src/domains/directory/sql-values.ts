/** Small helpers the directory's raw-SQL reads share. */
import { sql, type SQL } from 'drizzle-orm';

export type Row = Record<string, unknown>;
/** A reach (undefined: everything) as a condition. */
export const all = (condition: SQL | undefined) => condition ?? sql`TRUE`;
export const str = (v: unknown) => (v == null ? null : String(v));
