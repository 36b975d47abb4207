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

/** Rows per COPY into the stage: large enough that statements are few, small enough to hold twice. */
export const BATCH_SIZE = 5000;
export type StagedRow = Record<string, unknown> & { _line: number; _bad: boolean; _delete: boolean };

type Slot = { column: ColumnSpec } | { ext: string } | undefined;

const NUL = 'contains a NUL character, which cannot be stored';

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
  return Math.abs(Number(value.toFixed(range.scale))) < range.bound
    ? undefined
    : `must be less than ${range.bound} in absolute value`;
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
      log.add({
        file,
        line: 1,
        column: column.csv,
        severity: 'error',
        reason: 'required column missing from the header',
      });
      fatal = true;
    } else if (version === '1.2') {
      log.add({
        file,
        line: 1,
        column: column.csv,
        severity: 'warning',
        reason: 'column missing from the header: read as empty',
      });
    }
  }
  const order = header.map((h) => h.trim()).filter((h) => byName.has(h));
  const expected = spec.columns.map((c) => c.csv).filter((c) => seen.has(c));
  if (order.join(',') !== expected.join(',')) {
    log.add({
      file,
      line: 1,
      severity: 'warning',
      reason: `columns are not in the standard's order (${spec.columns.map((c) => c.csv).join(',')})`,
    });
  }
  return fatal ? undefined : slots;
}

export interface FileRowsContext {
  pkg: PackageSource;
  spec: FileSpec;
  mode: Exclude<FileMode, 'absent'>;
  version: '1.1' | '1.2';
  log: IssueLog;
}

/** Yields batches of staged rows; returns false when the file could not be read at all. */
export async function* stagedBatches(ctx: FileRowsContext): AsyncGenerator<StagedRow[], boolean> {
  const { spec, mode, log } = ctx;
  const file = spec.name;
  const limits = lengthLimits(spec);
  const ranges = numericRanges(spec);
  // Per column of the spec, looked up once per file rather than per cell.
  const maxLengths = spec.columns.map((c) =>
    c.db ? (limits.get(c.db) ?? (c.kind === 'id' ? 255 : undefined)) : undefined,
  );
  const numericRangeOf = spec.columns.map((c) => (c.db ? ranges.get(c.db) : undefined));
  // Files without a table keep every value in metadata (for reference checks only).
  const keepInMetadata = spec.hasMetadata || !spec.table;
  let slots: Slot[] | undefined;
  // Per column of the spec, its position in the header (-1: absent); the ext: columns' positions.
  let positions: number[] = [];
  let extensions: [number, string][] = [];
  let statusAt = -1;
  let dateAt = -1;
  let batch: StagedRow[] = [];
  let extDropped = false;
  try {
    for await (const record of readCsv(await ctx.pkg.open(file))) {
      if (!slots) {
        slots = mapHeader(spec, record.fields, log, ctx.version);
        if (!slots) return false;
        const header = slots;
        positions = spec.columns.map((c) =>
          header.findIndex((slot) => slot !== undefined && 'column' in slot && slot.column === c),
        );
        extensions = header.flatMap((slot, i): [number, string][] => (slot && 'ext' in slot ? [[i, slot.ext]] : []));
        statusAt = positions[spec.columns.findIndex((c) => c.csv === 'status')] ?? -1;
        dateAt = positions[spec.columns.findIndex((c) => c.csv === 'dateLastModified')] ?? -1;
        continue;
      }
      const fields = record.fields;
      const error = (reason: string, column?: string) =>
        log.add({ file, line: record.line, column, severity: 'error', reason });
      const row: StagedRow = { _line: record.line, _bad: false, _delete: false };
      let metadata: Record<string, unknown> | undefined;
      if (fields.length !== slots.length) {
        error(`expected ${slots.length} fields, found ${fields.length}`);
        row._bad = true;
      }
      for (const [i, name] of extensions) {
        const text = fields[i];
        if (!text) continue;
        if (text.includes('\0')) {
          error(NUL, name);
          row._bad = true;
        } else (metadata ??= {})[name] = text;
      }
      const status = statusAt >= 0 ? (fields[statusAt] ?? '') : '';
      if (mode === 'delta') {
        if (status === 'tobedeleted') row._delete = true;
        else if (status !== 'active')
          error(status === '' ? 'is required in a delta file' : 'must be active or tobedeleted', 'status');
        if ((dateAt >= 0 ? (fields[dateAt] ?? '') : '') === '')
          error('is required in a delta file', 'dateLastModified');
      }
      for (let k = 0; k < spec.columns.length; k++) {
        const column = spec.columns[k]!;
        // Bulk files leave status and dateLastModified empty: a bulk row is active as of now.
        if (mode === 'bulk' && (column.csv === 'status' || column.csv === 'dateLastModified')) continue;
        const text = positions[k]! >= 0 ? (fields[positions[k]!] ?? '') : '';
        if (text === '') {
          const needed = column.required || column.requiredBySchola;
          if (needed && (!row._delete || column.csv === 'sourcedId')) {
            error(
              column.requiredBySchola && !column.required ? "is required by Schola's data model" : 'is required',
              column.csv,
            );
            row._bad = true;
          }
          continue;
        }
        if (text.includes('\0')) {
          error(NUL, column.csv);
          row._bad = true;
          continue;
        }
        const converted = convertCell(column, text, maxLengths[k]);
        if (!converted.ok) {
          if (column.csv !== 'status') error(converted.reason, column.csv);
          row._bad = true;
          continue;
        }
        const overflow = outOfRange(converted.value, numericRangeOf[k]);
        if (overflow) {
          error(overflow, column.csv);
          row._bad = true;
          continue;
        }
        if (column.db) row[column.db] = converted.value;
        else if (keepInMetadata) (metadata ??= {})[column.csv] = converted.value;
        else extDropped = true;
      }
      if (mode === 'delta' && status !== 'active' && status !== 'tobedeleted') row._bad = true;
      if (mode === 'delta' && !row.date_last_modified) row._bad = true;
      if (mode === 'bulk') row.status = 'active';
      if (Array.isArray(row._orgs)) row.primary_org_sourced_id = row._orgs[0] ?? null; // 1.1 users
      if (metadata) {
        if (keepInMetadata) row.metadata = metadata;
        else extDropped = true;
      }
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
  if (extDropped)
    log.add({
      file,
      line: 0,
      severity: 'warning',
      reason: 'this table keeps no metadata: extension (ext:) values were not stored',
    });
  if (batch.length > 0) yield batch;
  return true;
}
