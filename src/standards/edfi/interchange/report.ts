/**
 * The load report: counts per resource and table, elements with no table, and every rejected element with its reason.
 */
import type { Phase } from './mapping.js';
import { NOT_LOADED_RECORDS, notStoredReason } from './not-stored.js';
import type { TableCount } from './upsert.js';

export interface RejectedElement {
  file: string;
  element: string;
  /** 1-based line of the element's start tag (for a file-level problem: where parsing stopped). */
  line: number;
  reason: string;
}

export interface ResourceCount {
  resource: string;
  element: string;
  phase: Phase;
  /** Elements read. */
  records: number;
  loaded: number;
  rejected: number;
}

export interface LoadReport {
  tenantId: string;
  files: string[];
  /** Set when the database lacked standard Ed-Fi descriptors and they were loaded before these files. */
  standardDescriptors?: { loaded: number; rejected: number };
  /** Every top-level element of every file (loaded, rejected or not stored). */
  records: number;
  loaded: number;
  rejected: number;
  /** Elements a resumed load passed over because an earlier run had committed them. */
  resumedPast: number;
  resources: ResourceCount[];
  tables: Record<string, TableCount>;
  /** Elements that have no table in the data model, by element name: read and counted, not stored. */
  notStored: Record<string, number>;
  /**
   * Values inside loaded elements that no column took, by element path (`Assessment/ContentStandard/Title`, the
   * XSD's path) → occurrences: loaded elements lose exactly these. not-stored.ts says why (`reportText` prints it);
   * a path it does not cover is no Ed-Fi-Core.xsd element, or a repeat of one whose table holds one value.
   */
  notStoredValues: Record<string, number>;
  errors: RejectedElement[];
  elapsedMs: number;
}

export interface LoadProgress {
  phase: Phase;
  file: string;
  /** Elements processed so far in this load (all phases). */
  records: number;
  /** Counts per resource so far (a snapshot). */
  resources: ResourceCount[];
  elapsedMs: number;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** A plain-text summary: one line per resource, then elements not stored, then the rejected elements. */
export function reportText(report: LoadReport, maxErrors = 50): string {
  const lines: string[] = [];
  if (report.standardDescriptors)
    lines.push(
      `standard Ed-Fi descriptors were missing: loaded ${report.standardDescriptors.loaded} first` +
        ` (${report.standardDescriptors.rejected} rejected)`,
      '',
    );
  lines.push(`${'resource'.padEnd(48)} ${pad('read', 7)} ${pad('loaded', 7)} ${pad('rejected', 8)}`);
  for (const r of report.resources)
    lines.push(`${r.resource.padEnd(48)} ${pad(r.records, 7)} ${pad(r.loaded, 7)} ${pad(r.rejected, 8)}`);
  lines.push(`${'total'.padEnd(48)} ${pad(report.records, 7)} ${pad(report.loaded, 7)} ${pad(report.rejected, 8)}`);
  if (report.resumedPast > 0)
    lines.push(`resumed: ${report.resumedPast} elements committed by the interrupted run were not loaded again`);
  const notStored = Object.entries(report.notStored);
  if (notStored.length > 0) {
    lines.push('', 'not stored (no table):');
    for (const [element, count] of notStored) {
      const reason = NOT_LOADED_RECORDS[element];
      lines.push(`  ${element}: ${count}${reason ? ` (${reason})` : ''}`);
    }
  }
  const notStoredValues = Object.entries(report.notStoredValues).sort(([a], [b]) => a.localeCompare(b));
  if (notStoredValues.length > 0) {
    lines.push('', 'values not stored (no column; the rest of each element is loaded):');
    for (const [elementPath, count] of notStoredValues) {
      const reason = notStoredReason(elementPath);
      lines.push(`  ${elementPath}: ${count}${reason ? ` (${reason})` : ''}`);
    }
  }
  if (report.errors.length > 0) {
    lines.push('', `rejected elements (${report.errors.length}):`);
    for (const e of report.errors.slice(0, maxErrors)) lines.push(`  ${e.file}:${e.line} ${e.element}: ${e.reason}`);
    if (report.errors.length > maxErrors) lines.push(`  … ${report.errors.length - maxErrors} more (see --report)`);
  }
  lines.push('', `${report.files.length} file(s) in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
