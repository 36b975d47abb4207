/**
 * One CSV file → batches of staged rows: the header is matched against the standard's columns
 * (header.ts), each cell converted (values.ts), and every problem logged with file, line and column.
 * A bad row is still staged (flagged `_bad`, with its sourcedId when it has one, and the first reason
 * it was rejected for) so that a bulk import does not mark it tobedeleted for being "missing" and
 * rows referencing it can say why it is not there.
 *
 * status and dateLastModified are read in bulk files as in delta ones: a tobedeleted row withdraws
 * the object, a given dateLastModified is stored; only in delta files are they required.
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { CsvSyntaxError, readCsv } from './csv-reader.js';
import type { FileSpec } from './files.js';
import { mapHeader, type Slot } from './header.js';
import type { FileMode, PackageSource } from './package.js';
import type { FileProblem, IssueLog } from './report.js';
import { convertCell } from './values.js';
import { ZipFormatError } from './zip.js';

/** Rows per COPY into the stage: large enough that statements are few, small enough to hold twice. */
export const BATCH_SIZE = 5000;
export type StagedRow = Record<string, unknown> & {
  _line: number;
  _bad: boolean;
  _delete: boolean;
  /** The first problem of a bad row and its column: what rows referencing it will be told. */
  _reason?: string;
  _reason_column?: string;
};

/** How reading a file ended. */
export interface FileRead {
  /** false: the file's rows cannot be applied (its header, its quoting or its bytes are broken). */
  readable: boolean;
  /** Data rows read (a file with an unusable header is still counted). */
  rows: number;
  failure?: FileProblem;
}

const NUL = 'contains a NUL character, which cannot be stored';
const STATUS_VALUES = 'must be active or tobedeleted';

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

/** An error of the bytes under the CSV (a corrupt zip entry, an unreadable file), not of the CSV. */
function isUnreadable(error: unknown): error is Error {
  return error instanceof ZipFormatError || (error as NodeJS.ErrnoException)?.syscall !== undefined;
}

export interface FileRowsContext {
  pkg: PackageSource;
  spec: FileSpec;
  mode: Exclude<FileMode, 'absent'>;
  version: '1.1' | '1.2';
  log: IssueLog;
}

/** Converts one data record; problems are logged and mark the row bad. */
class RowConverter {
  private readonly maxLengths: (number | undefined)[];
  private readonly numericRangeOf: ({ bound: number; scale: number } | undefined)[];
  /** Files without a table keep every value in metadata (for reference checks only). */
  private readonly keepInMetadata: boolean;
  /** Per column of the spec, its position in the header (-1: absent); the ext: columns' positions. */
  private readonly positions: number[];
  private readonly extensions: [number, string][];
  private readonly statusAt: number;
  private readonly dateAt: number;
  extDropped = false;

  constructor(
    private readonly ctx: FileRowsContext,
    private readonly slots: Slot[],
  ) {
    const { spec } = ctx;
    const limits = lengthLimits(spec);
    const ranges = numericRanges(spec);
    this.maxLengths = spec.columns.map((c) =>
      c.db ? (limits.get(c.db) ?? (c.kind === 'id' ? 255 : undefined)) : undefined,
    );
    this.numericRangeOf = spec.columns.map((c) => (c.db ? ranges.get(c.db) : undefined));
    this.keepInMetadata = spec.hasMetadata || !spec.table;
    this.positions = spec.columns.map((c) =>
      slots.findIndex((slot) => slot !== undefined && 'column' in slot && slot.column === c),
    );
    this.extensions = slots.flatMap((slot, i): [number, string][] => (slot && 'ext' in slot ? [[i, slot.ext]] : []));
    this.statusAt = this.positions[spec.columns.findIndex((c) => c.csv === 'status')] ?? -1;
    this.dateAt = this.positions[spec.columns.findIndex((c) => c.csv === 'dateLastModified')] ?? -1;
  }

  convert(line: number, fields: string[]): StagedRow {
    const { spec, mode, log } = this.ctx;
    const row: StagedRow = { _line: line, _bad: false, _delete: false };
    const fail = (reason: string, column?: string) => {
      log.add({ file: spec.name, line, column, severity: 'error', reason });
      row._bad = true;
      if (row._reason === undefined) {
        row._reason = reason;
        row._reason_column = column;
      }
    };
    let metadata: Record<string, unknown> | undefined;
    if (fields.length !== this.slots.length) fail(`expected ${this.slots.length} fields, found ${fields.length}`);
    for (const [i, name] of this.extensions) {
      const text = fields[i];
      if (!text) continue;
      if (text.includes('\0')) fail(NUL, name);
      else (metadata ??= {})[name] = text;
    }
    const status = this.statusAt >= 0 ? (fields[this.statusAt] ?? '') : '';
    if (status === 'tobedeleted') row._delete = true;
    else if (status === '' ? mode === 'delta' : status !== 'active')
      fail(status === '' ? 'is required in a delta file' : STATUS_VALUES, 'status');
    if (mode === 'delta' && (this.dateAt >= 0 ? (fields[this.dateAt] ?? '') : '') === '')
      fail('is required in a delta file', 'dateLastModified');
    for (let k = 0; k < spec.columns.length; k++) {
      const column = spec.columns[k]!;
      if (column.csv === 'status') continue;
      const text = this.positions[k]! >= 0 ? (fields[this.positions[k]!] ?? '') : '';
      if (text === '') {
        // A row being withdrawn needs nothing but its sourcedId.
        if (column.required && (!row._delete || column.csv === 'sourcedId')) fail('is required', column.csv);
        continue;
      }
      if (text.includes('\0')) {
        fail(NUL, column.csv);
        continue;
      }
      const converted = convertCell(column, text, this.maxLengths[k]);
      if (!converted.ok) {
        fail(converted.reason, column.csv);
        continue;
      }
      const overflow = outOfRange(converted.value, this.numericRangeOf[k]);
      if (overflow) {
        fail(overflow, column.csv);
        continue;
      }
      if (column.db) row[column.db] = converted.value;
      else if (this.keepInMetadata) (metadata ??= {})[column.csv] = converted.value;
      else this.extDropped = true;
    }
    if (!row._delete) row.status = 'active';
    if (Array.isArray(row._orgs)) row.primary_org_sourced_id = row._orgs[0] ?? null; // 1.1 users
    if (metadata) {
      if (this.keepInMetadata) row.metadata = metadata;
      else this.extDropped = true;
    }
    if (typeof row.sourced_id !== 'string') row._bad = true;
    return row;
  }
}

/** Yields batches of staged rows; returns how the reading ended. */
export async function* stagedBatches(ctx: FileRowsContext): AsyncGenerator<StagedRow[], FileRead> {
  const { spec, log } = ctx;
  const file = spec.name;
  let converter: RowConverter | undefined;
  let headerProblem: FileProblem | undefined;
  let headerSeen = false;
  let rows = 0;
  let batch: StagedRow[] = [];
  const unusable = (failure: FileProblem): FileRead => ({ readable: false, rows, failure });
  try {
    for await (const record of readCsv(await ctx.pkg.open(file), { reopen: () => ctx.pkg.open(file) })) {
      if (!headerSeen) {
        headerSeen = true;
        const mapped = mapHeader(spec, record.fields, log, ctx.version);
        if ('problem' in mapped) headerProblem = mapped.problem;
        else converter = new RowConverter(ctx, mapped.slots);
        continue;
      }
      rows++;
      // An unusable header: the rows are only counted.
      if (!converter) continue;
      batch.push(converter.convert(record.line, record.fields));
      if (batch.length >= BATCH_SIZE) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      const reason = `not valid CSV: ${e.message}`;
      log.add({ file, line: e.line, severity: 'error', reason });
      return unusable({ line: e.line, reason });
    }
    if (isUnreadable(e)) {
      const reason = `cannot be read from the package: ${e.message}`;
      log.add({ file, line: 0, severity: 'error', reason });
      return unusable({ line: 0, reason });
    }
    throw e;
  }
  if (headerProblem) return unusable(headerProblem);
  if (!headerSeen)
    log.add({ file, line: 0, severity: 'warning', reason: 'the file is empty (no header): read as no rows' });
  if (converter?.extDropped)
    log.add({
      file,
      line: 0,
      severity: 'warning',
      reason: 'this table keeps no metadata: extension (ext:) values were not stored',
    });
  if (batch.length > 0) yield batch;
  return { readable: true, rows };
}
