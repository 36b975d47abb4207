/**
 * A OneRoster CSV package: a directory or a .zip (a path, or the bytes of an upload), its
 * manifest.csv, and streams of its files. Zip entries are matched by base name, so a package
 * zipped with its folder ("export/users.csv") reads the same as a flat one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { readCsv } from './csv-reader.js';
import { openZip, type ZipEntry } from './zip.js';
import type { IssueLog } from './report.js';

export interface PackageSource {
  /** Base names without ".csv" of the CSV files present. */
  readonly files: ReadonlySet<string>;
  open(name: string): Promise<Readable>;
  close(): Promise<void>;
}

export async function openPackage(source: string | Buffer): Promise<PackageSource> {
  if (typeof source === 'string' && fs.statSync(source).isDirectory()) {
    const names = fs.readdirSync(source).filter((f) => f.toLowerCase().endsWith('.csv'));
    const byName = new Map(names.map((f) => [f.slice(0, -4), f]));
    return {
      files: new Set(byName.keys()),
      open: async (name) => fs.createReadStream(path.join(source, byName.get(name)!)),
      close: async () => undefined,
    };
  }
  const zip = await openZip(source);
  const byName = new Map<string, ZipEntry>();
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/') || entry.name.startsWith('__MACOSX/')) continue;
    const base = entry.name.split('/').pop()!;
    if (base.toLowerCase().endsWith('.csv') && !base.startsWith('._')) byName.set(base.slice(0, -4), entry);
  }
  return { files: new Set(byName.keys()), open: (name) => zip.open(byName.get(name)!), close: () => zip.close() };
}

export type FileMode = 'absent' | 'bulk' | 'delta';

export interface Manifest {
  manifestVersion?: string;
  /** '1.2' or '1.1' (anything else is reported and read as 1.2). */
  version: '1.1' | '1.2';
  modes: Map<string, FileMode>;
  properties: Map<string, string>;
}

export async function readManifest(pkg: PackageSource, log: IssueLog): Promise<Manifest | undefined> {
  const error = (line: number, reason: string, column?: string) =>
    log.add({ file: 'manifest.csv', line, column, severity: 'error', reason });
  if (!pkg.files.has('manifest')) {
    error(0, 'the package has no manifest.csv');
    return undefined;
  }
  const properties = new Map<string, string>();
  let headerSeen = false;
  try {
    for await (const record of readCsv(await pkg.open('manifest'))) {
      if (!headerSeen) {
        headerSeen = true;
        if (record.fields[0] !== 'propertyName' || record.fields[1] !== 'value')
          error(record.line, 'the header must be propertyName,value');
        continue;
      }
      if (record.fields.length !== 2) error(record.line, `expected 2 fields, found ${record.fields.length}`);
      else properties.set(record.fields[0]!.trim(), record.fields[1]!.trim());
    }
  } catch (e) {
    error((e as { line?: number }).line ?? 0, (e as Error).message);
    return undefined;
  }
  const manifestVersion = properties.get('manifest.version');
  if (manifestVersion !== '1.0')
    error(0, `manifest.version must be 1.0 (found ${manifestVersion ?? 'nothing'})`, 'manifest.version');
  const declared = properties.get('oneroster.version');
  if (declared !== '1.2' && declared !== '1.1')
    error(0, `oneroster.version must be 1.2 or 1.1 (found ${declared ?? 'nothing'})`, 'oneroster.version');
  const modes = new Map<string, FileMode>();
  for (const [key, value] of properties) {
    if (!key.startsWith('file.')) continue;
    const mode = value.toLowerCase();
    if (mode !== 'absent' && mode !== 'bulk' && mode !== 'delta')
      error(0, `must be absent, bulk or delta (found "${value}")`, key);
    else modes.set(key.slice(5), mode);
  }
  return { manifestVersion, version: declared === '1.1' ? '1.1' : '1.2', modes, properties };
}
