/**
 * The validation and import report: every bad row with file, line, column and reason, a summary
 * per file, as JSON (machine) and text (people). Issues are capped so a broken 1M-row file cannot
 * exhaust memory; `issuesOmitted` counts what was cut.
 */
export interface Issue {
  /** A file's name without ".csv" ("users"), "manifest.csv", or "package" (the archive itself). */
  file: string;
  /** 1-based physical line in the file (0 = the file or package as a whole). */
  line: number;
  column?: string;
  severity: 'error' | 'warning';
  reason: string;
}

/** Where and why: an issue's position and reason, without its severity. */
export interface FileProblem {
  line: number;
  column?: string;
  reason: string;
}

/** What a file's rows did (or, when nothing was applied, what --partial would have done). */
export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Bulk: rows absent from the file or marked tobedeleted in it; delta: rows the file marks tobedeleted. */
  markedToBeDeleted: number;
}

export interface FileSummary extends ApplyCounts {
  file: string;
  mode: 'bulk' | 'delta';
  /** false: Schola has no table for this file (validated, counted, not stored). */
  stored: boolean;
  rows: number;
  badRows: number;
  /** Its good rows are committed. The counts are zero when not. */
  applied: boolean;
  /** The import applied nothing (errors, no --partial): what --partial would have done with this file. */
  wouldApply?: ApplyCounts;
  /** Why none of the file's rows could be applied (an unusable header, broken quoting, an unreadable entry). */
  failure?: FileProblem;
}

export interface ImportReport {
  version: '1.1' | '1.2';
  /** No errors. */
  ok: boolean;
  /** The transaction committed (ok, or --partial). */
  applied: boolean;
  partial: boolean;
  errorCount: number;
  warningCount: number;
  issuesOmitted: number;
  files: FileSummary[];
  issues: Issue[];
}

export const MAX_ISSUES = 10_000;

export class IssueLog {
  readonly issues: Issue[] = [];
  errors = 0;
  warnings = 0;
  omitted = 0;

  add(issue: Issue): void {
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else this.omitted++;
  }
}

/** Where an issue is, as the text report writes it: `users.csv:3 [enabledUser]`, `classes.csv`, `package`. */
export function locate(file: string, line: number, column?: string): string {
  const name = file === 'package' || file.endsWith('.csv') ? file : `${file}.csv`;
  return `${name}${line > 0 ? `:${line}` : ''}${column ? ` [${column}]` : ''}`;
}

function fileLine(f: FileSummary): string {
  const head = `  ${f.file}.csv (${f.mode}): ${f.rows} rows, ${f.badRows} bad; `;
  if (!f.stored) return `${head}not stored (Schola has no table for it)`;
  if (f.failure) return `${head}not applied (${locate(f.file, f.failure.line, f.failure.column)}: ${f.failure.reason})`;
  if (f.wouldApply) {
    const w = f.wouldApply;
    const would = `insert ${w.inserted}, update ${w.updated}, mark ${w.markedToBeDeleted} tobedeleted`;
    return `${head}not applied (--partial would ${would})`;
  }
  const done = `${f.inserted} inserted, ${f.updated} updated, ${f.unchanged} unchanged`;
  return `${head}${done}, ${f.markedToBeDeleted} marked tobedeleted`;
}

export function reportText(report: ImportReport): string {
  const outcome = report.applied
    ? report.partial && !report.ok
      ? 'good rows applied (--partial)'
      : 'applied'
    : 'nothing applied';
  const lines = [
    `OneRoster ${report.version} package: ${report.errorCount} error(s), ${report.warningCount} warning(s); ${outcome}`,
    ...report.files.map(fileLine),
    ...report.issues.map(
      (i) => `${i.severity === 'error' ? 'ERROR' : 'warning'} ${locate(i.file, i.line, i.column)}: ${i.reason}`,
    ),
  ];
  if (report.issuesOmitted > 0) lines.push(`… ${report.issuesOmitted} more issue(s) not listed`);
  return lines.join('\n');
}
