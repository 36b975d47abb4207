/**
 * `exportPackage`: writes a tenant's active OneRoster rows as a 1.2 bulk package (manifest.csv +
 * one file per table that has rows; headers exactly as the standard; status and dateLastModified
 * empty, as bulk files require). Rows are read in keyset pages of 2000 as JSON (one text form on
 * both engines) and streamed to the files. Files Schola does not store are declared absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../../platform/db/database.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import { FILES, headerOf, type FileSpec } from './files.js';
import { formatCell } from './values.js';

const PAGE = 2000;

export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A row's cells in the file's column order (metadata columns from metadata; status and dateLastModified empty). */
function cells(spec: FileSpec, row: Record<string, unknown>): string[] {
  const metadata = (row.metadata ?? {}) as Record<string, unknown>;
  return spec.columns.map((column) =>
    column.csv === 'status' || column.csv === 'dateLastModified'
      ? ''
      : formatCell(column, column.db ? row[column.db] : metadata[column.csv]),
  );
}

export interface ExportSummary {
  directory: string;
  files: Record<string, number>;
}

export async function exportPackage(database: Database, tenantId: string, directory: string): Promise<ExportSummary> {
  fs.mkdirSync(directory, { recursive: true });
  const counts: Record<string, number> = {};
  // One repeatable-read transaction: every file sees the same snapshot.
  await tenantTransaction(
    database,
    tenantId,
    async ({ tx }) => {
      for (const spec of FILES.filter((f) => f.tableName)) {
        // Derived columns (results.classSourcedId) are computed beside the row, under their staging name.
        const derived = spec.columns.filter((c) => c.derived && c.db).map((c) => `'${c.db}', ${c.derived!.sql}`);
        const extra = sql.raw(derived.length ? `json_build_object(${derived.join(', ')})::text` : `'{}'`);
        const target = path.join(directory, `${spec.name}.csv`);
        let out: fs.WriteStream | undefined;
        let after = '';
        let written = 0;
        for (;;) {
          const page = rowsOf<{ j: string; d: string; id: string }>(
            await tx.execute(sql`SELECT row_to_json(t)::text AS j, ${extra} AS d, t.sourced_id AS id
              FROM ${sql.raw(spec.tableName!)} t
              WHERE t.tenant_id = ${tenantId} AND t.status = 'active' AND t.sourced_id > ${after}
              ORDER BY t.sourced_id LIMIT ${PAGE}`),
          );
          if (page.length === 0) break;
          if (!out) {
            out = fs.createWriteStream(target);
            out.write(csvLine(headerOf(spec)));
          }
          for (const r of page) {
            if (
              !out.write(
                csvLine(
                  cells(spec, {
                    ...(JSON.parse(r.j) as Record<string, unknown>),
                    ...(JSON.parse(r.d) as Record<string, unknown>),
                  }),
                ),
              )
            )
              await once(out, 'drain');
          }
          written += page.length;
          after = page[page.length - 1]!.id;
        }
        if (out) {
          out.end();
          await once(out, 'finish');
          counts[spec.name] = written;
        } else if (fs.existsSync(target)) {
          fs.rmSync(target);
        }
      }
    },
    { isolationLevel: 'repeatable read' },
  );
  const manifest = [
    ['propertyName', 'value'],
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.2'],
    ...FILES.map((f) => [`file.${f.name}`, counts[f.name] ? 'bulk' : 'absent']),
    ['source.systemName', 'Schola'],
  ];
  fs.writeFileSync(path.join(directory, 'manifest.csv'), manifest.map(csvLine).join(''));
  return { directory, files: counts };
}
