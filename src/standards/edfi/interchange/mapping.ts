/**
 * How an interchange element becomes table rows. Each element maps to rows of one or more edfi.*
 * (or health.*) tables, keyed by the table's natural key (the ON CONFLICT target); the phase puts
 * it in dependency order whatever order the files come in.
 */
import type { Fields } from './fields.js';

/** Load order: each phase only references what earlier phases (or earlier records) stored. */
export const PHASES = [
  'descriptors',
  'educationOrganizations',
  'calendars',
  'students',
  'staff',
  'masterSchedule',
  // Staff associations reference staff written in the phase before (USIs are looked up before a
  // batch is written) and, for sections, the master schedule.
  'staffAssociations',
  'attendance',
  'gradebook',
  'discipline',
  'assessments',
  'health',
  'transportation',
] as const;
export type Phase = (typeof PHASES)[number];

export interface TableSpec {
  /** Qualified physical name, e.g. 'edfi.school'. */
  name: string;
  /** Natural key columns (without tenant_id): the ON CONFLICT target, or the match for insert-if-absent. */
  key: readonly string[];
  /** Global reference data (edfi.descriptor): no tenant_id, written outside the tenant's RLS role. */
  global?: boolean;
  /**
   * 'upsert' (default): ON CONFLICT (key) DO UPDATE. 'insertIfAbsent': for tables whose natural key
   * has no unique constraint (health.*): insert when no row with the same key exists.
   */
  mode?: 'upsert' | 'insertIfAbsent';
  /** Ed-Fi tables carry lastmodifieddate/changeversion, bumped on a real change. */
  edfiResource?: boolean;
}

export type Row = Record<string, string | number | boolean | null>;

export interface RowOut {
  table: TableSpec;
  row: Row;
}

export interface ElementMapping {
  element: string;
  /** Name in the report, e.g. 'schools'. */
  resource: string;
  phase: Phase;
  map(fields: Fields): RowOut[];
}

/** An edfi.* table spec (Ed-Fi resource columns maintained). */
export const edfi = (table: string, ...key: string[]): TableSpec => ({
  name: `edfi.${table}`,
  key,
  edfiResource: true,
});
