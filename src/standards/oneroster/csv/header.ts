/**
 * A file's header row matched against the standard's columns: each position becomes a column of
 * the file, an `ext:` column, or nothing (unknown or unnamed: a warning). A column named twice or a
 * required column missing makes the header unusable (the file's rows cannot be read); an optional
 * column left out is read as empty.
 */
import type { ColumnSpec, FileSpec } from './files.js';
import type { FileProblem, IssueLog } from './report.js';

export type Slot = { column: ColumnSpec } | { ext: string } | undefined;

export type MappedHeader = { slots: Slot[] } | { problem: FileProblem };

export function mapHeader(spec: FileSpec, header: string[], log: IssueLog, version: '1.1' | '1.2'): MappedHeader {
  const file = spec.name;
  const byName = new Map(spec.columns.map((c) => [c.csv, c]));
  const firstAt = new Map<string, number>();
  let problem: FileProblem | undefined;
  const fatal = (column: string, reason: string) => {
    log.add({ file, line: 1, column, severity: 'error', reason });
    problem ??= { line: 1, column, reason };
  };
  const slots: Slot[] = header.map((raw, i) => {
    const name = raw.trim();
    if (name === '') {
      log.add({ file, line: 1, severity: 'warning', reason: `column ${i + 1} has no name: ignored` });
      return undefined;
    }
    const first = firstAt.get(name);
    if (first !== undefined) {
      fatal(name, `the column "${name}" appears twice in the header (columns ${first + 1} and ${i + 1})`);
      return undefined;
    }
    firstAt.set(name, i);
    const column = byName.get(name);
    if (column) return { column };
    if (name.startsWith('ext:')) return { ext: name };
    log.add({ file, line: 1, column: name, severity: 'warning', reason: 'not a column of this file: ignored' });
    return undefined;
  });
  for (const column of spec.columns) {
    if (firstAt.has(column.csv)) continue;
    if (column.required || column.csv === 'sourcedId') fatal(column.csv, 'required column missing from the header');
    else if (version === '1.2')
      log.add({
        file,
        line: 1,
        column: column.csv,
        severity: 'warning',
        reason: 'column missing from the header: read as empty',
      });
  }
  const order = slots.flatMap((slot) => (slot && 'column' in slot ? [slot.column.csv] : []));
  const expected = spec.columns.map((c) => c.csv).filter((c) => firstAt.has(c));
  if (order.join(',') !== expected.join(','))
    log.add({
      file,
      line: 1,
      severity: 'warning',
      reason: `columns are not in the standard's order (${spec.columns.map((c) => c.csv).join(',')})`,
    });
  return problem ? { problem } : { slots };
}
