/**
 * One CSV file → batches of staged rows: the header is matched against the standard's columns,
 * each cell converted (values.ts), and every problem logged with file, line and column. A bad row
 * is still staged (flagged `_bad`, with its sourcedId when it has one) so that a bulk import does
 * not mark it tobedeleted for being "missing".
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { readCsv, CsvSyntaxError } from './csv-reader.js';
import type { ColumnSpec, FileSpec } from './files.js';
import type { FileMode, PackageSource } from './package.js';
import type { IssueLog } from './report.js';
import { convertCell } from './values.js';

export const BATCH_SIZE = 1000;
export type StagedRow = Record<string, unknown> & { _line: number; _bad: boolean; _delete: boolean };

type Slot = { column: ColumnSpec } | { ext: string } | undefined;

/** varchar(n) limits of the table, by physical column name. */
function lengthLimits(spec: FileSpec): Map<string, number> {
  const limits = new Map<string, number>();
  if (!spec.table) return limits;
  for (const column of getTableConfig(spec.table).columns) {
    const m = /^varchar\((\d+)\)$/.exec(column.getSQLType());
    if (m) limits.set(column.name, Number(m[1]));
  }
  return limits;
}

/** numeric(p, s) columns: the magnitude they cannot reach (10^(p−s)) and their scale, by column name. */
function numericRanges(spec: FileSpec): Map<string, { bound: number; scale: number }> {
  const ranges = new Map<string, { bound: number; scale: number }>();
  if (!spec.table) return ranges;
  for (const column of getTableConfig(spec.table).columns) {
    const m = /^numeric\((\d+), ?(\d+)\)$/.exec(column.getSQLType());
    if (m) ranges.set(column.name, { bound: 10 ** (Number(m[1]) - Number(m[2])), scale: Number(m[2]) });
  }
  return ranges;
}

/** A number the column would overflow on (PostgreSQL rounds to the scale first), as a reason. */
function outOfRange(value: unknown, range: { bound: number; scale: number } | undefined): string | undefined {
  if (range === undefined || typeof value !== 'number') return undefined;
  return Math.abs(Number(value.toFixed(range.scale))) < range.bound ? undefined : `must be less than ${range.bound} in absolute value`;
}

function mapHeader(spec: FileSpec, header: string[], log: IssueLog, version: '1.1' | '1.2'): Slot[] | undefined {
  const file = spec.name;
  const byName = new Map(spec.columns.map((c) => [c.csv, c]));
  const seen = new Set<string>();
  let fatal = false;
  const slots: Slot[] = header.map((raw) => {
    const name = raw.trim();
    if (seen.has(name)) {
      log.add({ file, line: 1, column: name, severity: 'error', reason: 'the column appears twice in the header' });
      fatal = true;
      return undefined;
    }
    seen.add(name);
    const column = byName.get(name);
    if (column) return { column };
    if (name.startsWith('ext:')) return { ext: name };
    log.add({ file, line: 1, column: name, severity: 'warning', reason: 'not a column of this file: ignored' });
    return undefined;
  });
  for (const column of spec.columns) {
    if (seen.has(column.csv)) continue;
    if (column.required || column.requiredBySchola || column.csv === 'sourcedId') {
      log.add({ file, line: 1, column: column.csv, severity: 'error', reason: 'required column missing from the header' });
      fatal = true;
    } else if (version === '1.2') {
      log.add({ file, line: 1, column: column.csv, severity: 'warning', reason: 'column missing from the header: read as empty' });
    }
  }
  const order = header.map((h) => h.trim()).filter((h) => byName.has(h));
  const expected = spec.columns.map((c) => c.csv).filter((c) => seen.has(c));
  if (order.join(',') !== expected.join(',')) {
    log.add({ file, line: 1, severity: 'warning', reason: `columns are not in the standard's order (${spec.columns.map((c) => c.csv).join(',')})` });
  }
  return fatal ? undefined : slots;
}

export interface FileRowsContext {
  pkg: PackageSource;
  spec: FileSpec;
  mode: Exclude<FileMode, 'absent'>;
  version: '1.1' | '1.2';
  tenantId: string;
  log: IssueLog;
}

/** Yields batches of staged rows; returns false when the file could not be read at all. */
export async function* stagedBatches(ctx: FileRowsContext): AsyncGenerator<StagedRow[], boolean> {
  const { spec, mode, log } = ctx;
  const file = spec.name;
  const limits = lengthLimits(spec);
  const ranges = numericRanges(spec);
  // Files without a table keep every value in metadata (for reference checks only).
  const keepInMetadata = spec.hasMetadata || !spec.table;
  let slots: Slot[] | undefined;
  let batch: StagedRow[] = [];
  let extDropped = false;
  try {
    for await (const record of readCsv(await ctx.pkg.open(file))) {
      if (!slots) {
        slots = mapHeader(spec, record.fields, log, ctx.version);
        if (!slots) return false;
        continue;
      }
      const error = (reason: string, column?: string) => log.add({ file, line: record.line, column, severity: 'error', reason });
      const row: StagedRow = { tenant_id: ctx.tenantId, _line: record.line, _bad: false, _delete: false };
      const metadata: Record<string, unknown> = {};
      if (record.fields.length !== slots.length) {
        error(`expected ${slots.length} fields, found ${record.fields.length}`);
        row._bad = true;
      }
      const texts = new Map<string, string>();
      slots.forEach((slot, i) => {
        if (slot && 'column' in slot) texts.set(slot.column.csv, record.fields[i] ?? '');
        else if (slot && record.fields[i]) metadata[slot.ext] = record.fields[i];
      });
      const status = texts.get('status') ?? '';
      if (mode === 'delta') {
        if (status === 'tobedeleted') row._delete = true;
        else if (status !== 'active') error(status === '' ? 'is required in a delta file' : 'must be active or tobedeleted', 'status');
        if ((texts.get('dateLastModified') ?? '') === '') error('is required in a delta file', 'dateLastModified');
      }
      for (const column of spec.columns) {
        // Bulk files leave status and dateLastModified empty: a bulk row is active as of now.
        if (mode === 'bulk' && (column.csv === 'status' || column.csv === 'dateLastModified')) continue;
        const text = texts.get(column.csv) ?? '';
        if (text === '') {
          const needed = column.required || column.requiredBySchola;
          if (needed && (!row._delete || column.csv === 'sourcedId')) {
            error(column.requiredBySchola && !column.required ? "is required by Schola's data model" : 'is required', column.csv);
            row._bad = true;
          }
          continue;
        }
        const converted = convertCell(column, text, column.db ? (limits.get(column.db) ?? (column.kind === 'id' ? 255 : undefined)) : undefined);
        if (!converted.ok) {
          if (column.csv !== 'status') error(converted.reason, column.csv);
          row._bad = true;
          continue;
        }
        const overflow = column.db ? outOfRange(converted.value, ranges.get(column.db)) : undefined;
        if (overflow) {
          error(overflow, column.csv);
          row._bad = true;
          continue;
        }
        if (column.db) row[column.db] = converted.value;
        else if (keepInMetadata) metadata[column.csv] = converted.value;
        else extDropped = true;
      }
      if (mode === 'delta' && status !== 'active' && status !== 'tobedeleted') row._bad = true;
      if (mode === 'delta' && !row.date_last_modified) row._bad = true;
      if (mode === 'bulk') row.status = 'active';
      if (Array.isArray(row._orgs)) row.primary_org_sourced_id = row._orgs[0] ?? null; // 1.1 users
      const stored = Object.keys(metadata).some((k) => keepInMetadata || !k.startsWith('ext:'));
      if (keepInMetadata && Object.keys(metadata).length > 0) row.metadata = metadata;
      else if (!stored && Object.keys(metadata).length > 0) extDropped = true;
      if (typeof row.sourced_id !== 'string') row._bad = true;
      batch.push(row);
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    log.add({ file, line: e.line, severity: 'error', reason: `not valid CSV: ${e.message}` });
    return false;
  }
  if (!slots) log.add({ file, line: 0, severity: 'warning', reason: 'the file is empty (no header): read as no rows' });
  if (extDropped) log.add({ file, line: 0, severity: 'warning', reason: 'this table keeps no metadata: extension (ext:) values were not stored' });
  if (batch.length > 0) yield batch;
  return true;
}
