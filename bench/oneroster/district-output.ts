/**
 * The bench district's rows written out two ways (district.ts describes them once): as the CSV
 * package the importer reads (manifest + one file per entity, bulk mode) and as COPY text for the
 * tables' columns (the raw baseline), streamed or chunked so the full-size district never sits in
 * memory whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Cell, DistrictFile } from './district.js';

const csvCell = (v: Cell) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** COPY csv: unquoted empty = NULL, so every non-null value is quoted (an empty string stays empty). */
const copyCell = (v: Cell) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

/** Writes the package (manifest + one CSV per file, bulk mode) to `dir`, streaming. */
export async function writePackage(dir: string, files: DistrictFile[], stamp: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = [
    'propertyName,value',
    'manifest.version,1.0',
    'oneroster.version,1.2',
    ...files.map((f) => `file.${f.name},bulk`),
  ];
  fs.writeFileSync(path.join(dir, 'manifest.csv'), `${manifest.join('\r\n')}\r\n`);
  for (const f of files) {
    const out = fs.createWriteStream(path.join(dir, `${f.name}.csv`));
    out.write(`${f.csvHeader.join(',')}\r\n`);
    for (let i = 0; i < f.count; i++) {
      if (!out.write(`${f.row(i, stamp).csv.map(csvCell).join(',')}\r\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
}

/** The same rows as COPY csv text for the table's columns, in chunks (bounded strings at full size). */
export function* copyChunks(f: DistrictFile, stamp: string, rowsPerChunk = 50_000): Generator<string> {
  for (let start = 0; start < f.count; start += rowsPerChunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(f.count, start + rowsPerChunk); i++)
      lines.push(f.row(i, stamp).db.map(copyCell).join(','));
    yield `${lines.join('\n')}\n`;
  }
}
