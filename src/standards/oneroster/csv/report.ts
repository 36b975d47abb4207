/**
 * The validation and import report: every bad row with file, line, column and reason, a summary
 * per file, as JSON (machine) and text (people). Issues are capped so a broken 1M-row file cannot
 * exhaust memory; `issuesOmitted` counts what was cut.
 */
export interface Issue {
  file: string;
  /** 1-based physical line in the file (0 = the file or package as a whole). */
  line: number;
  column?: string;
  severity: 'error' | 'warning';
  reason: string;
}

export interface FileSummary {
  file: string;
  mode: 'bulk' | 'delta';
  /** false: Schola has no table for this file (validated, counted, not stored). */
  stored: boolean;
  rows: number;
  badRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Bulk: rows absent from the file marked tobedeleted; delta: rows the file marked tobedeleted. */
  markedToBeDeleted: number;
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

export function reportText(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(
    `OneRoster ${report.version} package: ${report.errorCount} error(s), ${report.warningCount} warning(s); ${report.applied ? (report.partial && !report.ok ? 'good rows applied (--partial)' : 'applied') : 'nothing applied'}`,
  );
  for (const f of report.files) {
    const counts = f.stored
      ? `${f.inserted} inserted, ${f.updated} updated, ${f.unchanged} unchanged, ${f.markedToBeDeleted} marked tobedeleted`
      : 'not stored (Schola has no table for it)';
    lines.push(`  ${f.file}.csv (${f.mode}): ${f.rows} rows, ${f.badRows} bad; ${counts}`);
  }
  for (const i of report.issues) {
    lines.push(
      `${i.severity === 'error' ? 'ERROR' : 'warning'} ${i.file}${i.file.endsWith('.csv') ? '' : '.csv'}:${i.line}${i.column ? ` [${i.column}]` : ''}: ${i.reason}`,
    );
  }
  if (report.issuesOmitted > 0) lines.push(`… ${report.issuesOmitted} more issue(s) not listed`);
  return lines.join('\n');
}
