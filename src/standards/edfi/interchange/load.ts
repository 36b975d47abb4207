/**
 * `loadInterchange`: loads Ed-Fi 5.2 XML interchange files into a tenant. Files are streamed
 * (never held whole); resources load in dependency order whatever order the files come in (each
 * phase re-streams the files holding its elements); every batch is one tenant transaction of
 * set-based upserts; a failing batch is retried row by row under savepoints, so a bad element is
 * reported (file, element, line, reason) and the rest loads. A re-run upserts the same rows.
 */
import path from 'node:path';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Database } from '../../../platform/db/database.js';
import { mapPgError } from '../../../platform/db/pg-errors.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import { transaction, type Tx } from '../../../platform/db/transaction.js';
import { LoadContext } from './context.js';
import { Fields, RowError, unreadPaths } from './fields.js';
import { PHASES, type ElementMapping, type Phase, type RowOut } from './mapping.js';
import { descriptorMapping, nonResourceMappings } from './non-resource-elements.js';
import { resourceElementMappings } from './resource-elements.js';
import type { LoadProgress, LoadReport, ResourceCount } from './report.js';
import { writeRows } from './upsert.js';
import { interchangeFiles } from './files.js';
import {
  includesStandardDescriptors,
  missingStandardDescriptors,
  STANDARD_DESCRIPTORS_DIR,
} from './standard-descriptors.js';

export { interchangeFiles } from './files.js';
import { readRecords, XmlSyntaxError, type XmlRecord } from './xml-records.js';

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Who is loading (the audit trail's actor); default the system actor 'system:edfi-interchange-load'. */
  principal?: Pick<Principal, 'tenantId' | 'actorId' | 'roles'>;
  /** Elements per transaction (default 500). */
  batchSize?: number;
  /**
   * Resuming an interrupted load: the elements are visited in the same order every time (phase, file,
   * position), and each batch commits on its own, so a load that stopped after committing N elements
   * continues with `resumeFrom: N`: the first N are read (later elements may point at them by XML id)
   * but not written again. `onCommitted(n)` is called after every committed batch with the count to
   * resume from; save it to resume later (see `schola edfi load --resume`).
   */
  resumeFrom?: number;
  onCommitted?: (committed: number) => void | Promise<void>;
  /**
   * Load the standard Ed-Fi descriptors first when the database lacks any of them (default true):
   * interchange files refer to them, so without them most records would be rejected.
   */
  standardDescriptors?: boolean;
}

export class UnknownTenantError extends Error {}

const MAPPINGS = new Map<string, ElementMapping>(
  [...resourceElementMappings(), ...nonResourceMappings].map((m) => [m.element, m]),
);

export function mappingFor(element: string): ElementMapping | undefined {
  let mapping = MAPPINGS.get(element);
  if (!mapping && element.endsWith('Descriptor')) MAPPINGS.set(element, (mapping = descriptorMapping(element)));
  return mapping;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolveTenant(database: Database, slugOrId: string): Promise<string> {
  // Owner-connection lookup: the tenant is what we are looking for.
  const column = UUID.test(slugOrId) ? 'id' : 'slug';
  const found = await database.query<{ id: string }>(
    `SELECT id::text AS id FROM platform.tenants WHERE ${column} = $1`,
    [slugOrId],
  );
  if (!found[0]) throw new UnknownTenantError(`no tenant "${slugOrId}"`);
  return found[0].id;
}

/** A reason without values (a database detail can echo personal data). */
function reasonOf(error: unknown): string {
  if (error instanceof RowError) return error.message;
  // Drizzle wraps the database's error ("Failed query: …"); the cause is what explains the row.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return mapPgError(error)?.message ?? (cause instanceof Error ? cause.message.split('\n')[0]! : 'unexpected error');
}

interface Unit {
  record: XmlRecord;
  mapping: ElementMapping;
  rows: RowOut[];
}

export async function loadInterchange(
  database: Database,
  tenantSlugOrId: string,
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadReport> {
  const started = Date.now();
  const tenantId = await resolveTenant(database, tenantSlugOrId);
  const files = interchangeFiles(paths);
  // Before the load proper, on its own: a resumed load visits the same elements as the interrupted one.
  const standardDescriptors =
    options.standardDescriptors !== false &&
    !includesStandardDescriptors(files) &&
    (await missingStandardDescriptors(database)) > 0
      ? await loadInterchange(database, tenantId, [STANDARD_DESCRIPTORS_DIR], {
          standardDescriptors: false,
          principal: options.principal,
          onProgress: options.onProgress,
        })
      : undefined;
  const report: LoadReport = {
    tenantId,
    files,
    ...(standardDescriptors && {
      standardDescriptors: { loaded: standardDescriptors.loaded, rejected: standardDescriptors.rejected },
    }),
    records: 0,
    loaded: 0,
    rejected: 0,
    resumedPast: 0,
    resources: [],
    tables: {},
    notStored: {},
    notStoredValues: {},
    errors: [],
    elapsedMs: 0,
  };
  const resources = new Map<string, ResourceCount>();
  const label = (file: string) => path.basename(file);
  const phasesOf = new Map<string, Set<Phase>>();

  // Pass 0: which elements each file holds (no trees built); malformed files are reported here once.
  for (const file of files) {
    const phases = new Set<Phase>();
    phasesOf.set(file, phases);
    try {
      for await (const record of readRecords(file, () => false)) {
        report.records++;
        const mapping = mappingFor(record.element);
        if (mapping) phases.add(mapping.phase);
        else report.notStored[record.element] = (report.notStored[record.element] ?? 0) + 1;
      }
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      report.errors.push({ file: label(file), element: '(file)', line: error.line, reason: error.message });
    }
  }

  const context = new LoadContext();
  const principal = options.principal ?? { tenantId, actorId: 'system:edfi-interchange-load', roles: [] };
  const batchSize = options.batchSize ?? 500;
  const resumeFrom = Math.max(0, options.resumeFrom ?? 0);
  let processed = 0;
  /** Elements visited so far in load order (written or, when resuming, passed over). */
  let visited = 0;

  const reject = (record: XmlRecord, mapping: ElementMapping, reason: string) => {
    report.errors.push({ file: label(record.file), element: record.element, line: record.line, reason });
    resourceOf(mapping).rejected++;
    report.rejected++;
  };
  const resourceOf = (mapping: ElementMapping): ResourceCount => {
    // Every …Descriptor element counts as one resource, 'descriptors'.
    const element = mapping.phase === 'descriptors' ? '*Descriptor' : mapping.element;
    const key = `${mapping.resource}:${element}`;
    let count = resources.get(key);
    if (!count)
      resources.set(
        key,
        (count = { resource: mapping.resource, element, phase: mapping.phase, records: 0, loaded: 0, rejected: 0 }),
      );
    return count;
  };
  const addCounts = (counts: Map<string, { inserted: number; updated: number; unchanged: number }>) => {
    for (const [table, c] of counts) {
      const total = (report.tables[table] ??= { inserted: 0, updated: 0, unchanged: 0 });
      total.inserted += c.inserted;
      total.updated += c.updated;
      total.unchanged += c.unchanged;
    }
  };

  /** Maps, writes and audits one batch in one transaction; a failed write is retried row by row. */
  const flush = async (phase: Phase, batch: XmlRecord[]) => {
    if (batch.length === 0) return;
    const work = async (tx: Tx, global: boolean) => {
      if (!global)
        await context.prefetch(
          tx,
          batch.map((r) => r.node!),
        );
      const units: Unit[] = [];
      for (const record of batch) {
        const mapping = mappingFor(record.element)!;
        resourceOf(mapping).records++;
        try {
          units.push({ record, mapping, rows: mapping.map(new Fields(record.node!, context)) });
        } catch (error) {
          reject(record, mapping, reasonOf(error));
        }
      }
      const owner = global ? null : tenantId;
      let ok: Unit[] = units;
      try {
        addCounts(
          await tx.transaction((sp) =>
            writeRows(
              sp,
              owner,
              units.flatMap((u) => u.rows),
            ),
          ),
        );
      } catch {
        ok = [];
        for (const unit of units) {
          try {
            addCounts(await tx.transaction((sp) => writeRows(sp, owner, unit.rows)));
            ok.push(unit);
          } catch (error) {
            reject(unit.record, unit.mapping, reasonOf(error));
          }
        }
      }
      for (const unit of ok) {
        resourceOf(unit.mapping).loaded++;
        for (const elementPath of unreadPaths(unit.record.node!))
          report.notStoredValues[elementPath] = (report.notStoredValues[elementPath] ?? 0) + 1;
      }
      report.loaded += ok.length;
      if (!global && ok.length > 0) {
        const tables = [...new Set(ok.flatMap((u) => u.rows.map((r) => r.table.name)))];
        // One audit entry per batch: what was written, by whom, from which file (student data included).
        await recordAudit(tx, {
          principal,
          table: tables[0]!,
          recordId: `edfi-interchange:${label(batch[0]!.file)}:${batch[0]!.line}`,
          operation: 'INSERT',
          newValues: { file: label(batch[0]!.file), phase, elements: ok.length, tables },
          dataCategories: ['edfi_interchange_load'],
        });
      }
    };
    if (phase === 'descriptors') await transaction(database, ({ tx }) => work(tx, true));
    else await tenantTransaction(database, tenantId, ({ tx }) => work(tx, false));
    processed += batch.length;
    await options.onCommitted?.(visited);
    options.onProgress?.({
      phase,
      file: label(batch[0]!.file),
      records: processed,
      resources: [...resources.values()].map((r) => ({ ...r })),
      elapsedMs: Date.now() - started,
    });
  };

  let descriptorsRead = false;
  for (const phase of PHASES) {
    if (phase !== 'descriptors' && !descriptorsRead) {
      // The descriptor index is read once, after the descriptor phase wrote its rows.
      await transaction(database, ({ tx }) => context.loadDescriptors(tx));
      descriptorsRead = true;
    }
    // A batch spans files: 200 small descriptor files are a handful of transactions, not 200.
    let batch: XmlRecord[] = [];
    for (const file of files) {
      if (!phasesOf.get(file)?.has(phase)) continue;
      try {
        for await (const record of readRecords(file, (element) => mappingFor(element)?.phase === phase)) {
          if (!record.node) continue;
          context.remember(record.node);
          visited++;
          if (visited <= resumeFrom) {
            report.resumedPast++;
            continue;
          }
          batch.push(record);
          if (batch.length >= batchSize) {
            await flush(phase, batch);
            batch = [];
          }
        }
      } catch (error) {
        // Already reported by pass 0; the elements before the error are still loaded.
        if (!(error instanceof XmlSyntaxError)) throw error;
      }
    }
    await flush(phase, batch);
  }
  report.resources = [...resources.values()].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  report.elapsedMs = Date.now() - started;
  return report;
}
