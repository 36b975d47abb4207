/**
 * The standard Ed-Fi 5.2 descriptor value sets (`Descriptors/` of the Ed-Fi Data Standard, shipped in
 * samples/edfi-grand-bend/Descriptors): every interchange file refers to them (grade levels, sexes,
 * attendance categories …), so a load into a database that lacks them would reject most of its
 * records. `loadInterchange` loads them first when any is missing. Descriptors are global reference
 * data (one set for every tenant), so this happens once per database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../platform/db/database.js';
import { descriptorKey } from './context.js';
import { interchangeFiles } from './files.js';
import { GRAND_BEND_SAMPLE } from './sample.js';
import { readRecords } from './xml-records.js';

export const STANDARD_DESCRIPTORS_DIR = path.join(GRAND_BEND_SAMPLE, 'Descriptors');

let standardKeys: Promise<Set<string>> | undefined;

/** Namespace + code value of every standard descriptor (read from the shipped files once per process). */
function readStandardKeys(): Promise<Set<string>> {
  standardKeys ??= (async () => {
    const keys = new Set<string>();
    for (const file of interchangeFiles([STANDARD_DESCRIPTORS_DIR])) {
      for await (const record of readRecords(file)) {
        const field = (name: string) => record.node?.children.find((c) => c.name === name)?.text.trim();
        const namespace = field('Namespace');
        const codeValue = field('CodeValue');
        if (namespace && codeValue) keys.add(descriptorKey(namespace, codeValue));
      }
    }
    return keys;
  })();
  return standardKeys;
}

/** How many standard descriptors the database lacks (0: the set is complete). */
export async function missingStandardDescriptors(database: Database): Promise<number> {
  const wanted = await readStandardKeys();
  // Owner connection: descriptors are global, not tenant rows.
  const present = await database.query<{ namespace: string; codevalue: string }>(
    `SELECT namespace, codevalue FROM edfi.descriptor WHERE namespace LIKE 'uri://ed-fi.org/%'`,
  );
  const have = new Set(present.map((r) => descriptorKey(r.namespace, r.codevalue)));
  let missing = 0;
  for (const key of wanted) if (!have.has(key)) missing++;
  return missing;
}

/**
 * True when the files of a load already hold every standard descriptor file (same name and size:
 * a copy, e.g. the sample's Descriptors folder inside an uploaded zip), so there is nothing to add.
 */
export function includesStandardDescriptors(files: readonly string[]): boolean {
  const signature = (file: string) => `${path.basename(file)}:${fs.statSync(file).size}`;
  const given = new Set(files.map(signature));
  return interchangeFiles([STANDARD_DESCRIPTORS_DIR]).every((file) => given.has(signature(file)));
}
