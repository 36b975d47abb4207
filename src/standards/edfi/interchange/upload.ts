/**
 * An uploaded interchange (a zip of XML files, or one XML file) checked at the door and unpacked
 * into a temporary directory, because the loader re-streams the files once per phase. Zip entries
 * keep their folders (sanitised: nothing escapes the directory); only `.xml` entries are written;
 * the unpacked total is capped so a small zip cannot fill the disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../platform/http/errors.js';
import { openZip, ZipFormatError, type ZipEntry } from '../../oneroster/csv/zip.js';

export type UploadKind = 'zip' | 'xml';

export const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;

/** The entries the loader reads: files ending in .xml, not macOS resource forks or hidden files. */
export function isInterchangeEntry(entry: Pick<ZipEntry, 'name'>): boolean {
  const name = entry.name.replace(/\\/g, '/');
  if (name.endsWith('/') || !name.toLowerCase().endsWith('.xml')) return false;
  return !name.split('/').some((segment) => segment === '__MACOSX' || segment.startsWith('.'));
}

/** A zip member's path inside `root`: '..', '.', empty and drive segments dropped. */
function safeTarget(root: string, name: string): string {
  const segments = name.split(/[\\/]/).filter((s) => s !== '' && s !== '.' && s !== '..' && !/^[A-Za-z]:$/.test(s));
  const target = path.join(root, ...segments);
  if (!target.startsWith(root + path.sep)) throw new ZipFormatError(`${name}: not a usable file name`);
  return target;
}

/** 400 unless the body is a readable zip holding at least one .xml file, or an XML interchange document. */
export async function checkUpload(kind: UploadKind, body: Buffer): Promise<void> {
  if (body.length === 0)
    throw AppError.validation(
      { body: ['is empty'] },
      'The request body is empty: send a zip of interchange XML files or one XML file.',
    );
  if (kind === 'xml') {
    // The root element (after the prolog, comments and a BOM) must be an Ed-Fi Interchange… element.
    const head = body
      .subarray(0, 64 * 1024)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const root = head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '').trimStart();
    if (!/^<(?:[\w.-]+:)?Interchange[\w]*[\s>/]/.test(root)) {
      throw AppError.validation(
        { body: ['is not an Ed-Fi XML interchange document (root element Interchange…)'] },
        'The body is not an Ed-Fi XML interchange file.',
      );
    }
    return;
  }
  let entries: ZipEntry[];
  try {
    const archive = await openZip(body);
    entries = archive.entries;
    await archive.close();
  } catch (error) {
    if (error instanceof ZipFormatError)
      throw AppError.validation({ body: [error.message] }, `The body is not a usable zip archive: ${error.message}.`);
    throw error;
  }
  if (!entries.some(isInterchangeEntry))
    throw AppError.validation({ body: ['holds no .xml file'] }, 'The zip archive holds no .xml interchange file.');
}

/** Counts the bytes passing through; fails past the cap. */
function byteCap(budget: { left: number }, name: string): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      budget.left -= chunk.length;
      if (budget.left < 0)
        done(new ZipFormatError(`${name}: the archive unpacks to more than ${MAX_UNPACKED_BYTES} bytes`));
      else done(null, chunk);
    },
  });
}

/**
 * Writes the upload's XML files into a new temporary directory (the caller removes it). `source` is
 * the upload's bytes or the file holding them (read from disk, never whole into memory).
 */
export async function unpackUpload(
  kind: UploadKind,
  source: Buffer | string,
  fileName = 'interchange.xml',
): Promise<string> {
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'schola-edfi-load-'));
  try {
    if (kind === 'xml') {
      const target = safeTarget(root, path.basename(fileName));
      if (typeof source === 'string') await fs.promises.copyFile(source, target);
      else await fs.promises.writeFile(target, source);
      return root;
    }
    const archive = await openZip(source);
    const budget = { left: MAX_UNPACKED_BYTES };
    try {
      for (const entry of archive.entries.filter(isInterchangeEntry)) {
        const target = safeTarget(root, entry.name);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        try {
          await pipeline(
            await archive.open(entry),
            byteCap(budget, entry.name),
            fs.createWriteStream(target, { flags: 'wx' }),
          );
        } catch (error) {
          if (error instanceof ZipFormatError) throw error;
          // A corrupt deflate stream or a duplicate name: the archive's fault, said with the entry's name.
          const reason =
            (error as NodeJS.ErrnoException).code === 'EEXIST'
              ? 'appears twice in the archive'
              : error instanceof Error
                ? error.message
                : 'unreadable';
          throw new ZipFormatError(`${entry.name}: ${reason}`);
        }
      }
    } finally {
      await archive.close();
    }
    return root;
  } catch (error) {
    await fs.promises.rm(root, { recursive: true, force: true });
    throw error;
  }
}
