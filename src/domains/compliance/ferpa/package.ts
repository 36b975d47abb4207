/**
 * The FERPA inspection package: a zip with, for every table holding the student's rows, the rows as
 * JSON and as CSV, the audit trail of those records likewise, and a readable index (README.txt) plus
 * its machine-readable twin (index.json).
 */
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { StudentRecord } from './collect.js';

export interface PackageSummary {
  studentUsi: number;
  generatedAt: string;
  generatedBy: string;
  tables: { table: string; domain: string; column: string; identity: string; rows: number; files: string[] }[];
  auditRows: number;
  totalRows: number;
}

/** JSON-safe value: dates as ISO text, binary as base64, bigint as text. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
  return value;
}

function csvOf(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const records = rows.map((r) =>
    columns.map((c) => {
      const v = plain(r[c]);
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }),
  );
  return stringify(records, { header: true, columns, bom: true });
}

function readme(record: StudentRecord, summary: PackageSummary): string {
  const s = record.student;
  const name = [s.firstname, s.middlename, s.lastsurname].filter(Boolean).join(' ');
  const lines = [
    'FERPA RECORD INSPECTION — everything this district holds about one student',
    '',
    `Student:        ${name} (StudentUSI ${record.studentUsi}, student number ${String(s.studentuniqueid ?? '')})`,
    `Generated:      ${summary.generatedAt}`,
    `Requested by:   ${summary.generatedBy}`,
    `Tables:         ${summary.tables.length} (${summary.tables.filter((t) => t.rows > 0).length} with rows)`,
    `Rows:           ${summary.totalRows}`,
    `Access log:     ${summary.auditRows} audit entries (audit/access-log.csv)`,
    '',
    'Each table is given twice: as JSON (exact values) and as CSV (opens in a spreadsheet).',
    'Tables are found from the database foreign keys to the student (every domain), not a fixed list.',
    '',
    'Domain            Table                                              Rows  Found by',
    '----------------  -------------------------------------------------  ----  ------------------------------',
  ];
  for (const t of summary.tables)
    lines.push(
      `${t.domain.padEnd(16)}  ${t.table.padEnd(49)}  ${String(t.rows).padStart(4)}  ${t.column} = ${t.identity}`,
    );
  lines.push(
    '',
    'audit/access-log: who read or changed these records, when, in which role and on which basis',
    '(legitimate educational interest, justification), from the tamper-evident audit trail.',
    '',
  );
  return lines.join('\n');
}

export function buildPackage(
  record: StudentRecord,
  generatedBy: string,
  at: Date,
): { zip: Buffer; summary: PackageSummary } {
  const files: Zippable = {};
  const summary: PackageSummary = {
    studentUsi: record.studentUsi,
    generatedAt: at.toISOString(),
    generatedBy,
    tables: [],
    auditRows: record.audit.length,
    totalRows: 0,
  };
  for (const t of record.tables) {
    const base = `tables/${t.domain}/${t.table}`;
    const entry = { table: t.table, domain: t.domain, column: t.column, identity: t.identity, rows: t.rows.length };
    summary.totalRows += t.rows.length;
    if (t.rows.length === 0) {
      summary.tables.push({ ...entry, files: [] });
      continue;
    }
    files[`${base}.json`] = strToU8(JSON.stringify(plain(t.rows), null, 2));
    files[`${base}.csv`] = strToU8(csvOf(t.rows));
    summary.tables.push({ ...entry, files: [`${base}.json`, `${base}.csv`] });
  }
  files['audit/access-log.json'] = strToU8(JSON.stringify(plain(record.audit), null, 2));
  files['audit/access-log.csv'] = strToU8(record.audit.length > 0 ? csvOf(record.audit) : 'no entries\n');
  files['index.json'] = strToU8(JSON.stringify(summary, null, 2));
  files['README.txt'] = strToU8(readme(record, summary));
  return { zip: Buffer.from(zipSync(files, { level: 6 })), summary };
}
