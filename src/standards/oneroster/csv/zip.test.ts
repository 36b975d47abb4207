/**
 * The zip reader: entries of deflated and stored archives, zip64 archives (a fixture written by
 * Info-ZIP `zip -fz`: zip64 end of central directory, sizes in the zip64 extra field), and corrupt
 * entries refused by their CRC-32 — a flipped byte in a stored entry is otherwise read as data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { writeZip } from './zip-writer.js';
import { openZip, ZipFormatError } from './zip.js';

const ZIP64 = new URL('../../../../test/fixtures/oneroster-csv/package-zip64.zip', import.meta.url).pathname;

async function contents(source: string | Buffer): Promise<Record<string, string>> {
  const zip = await openZip(source);
  try {
    const out: Record<string, string> = {};
    for (const entry of zip.entries) out[entry.name] = (await buffer(await zip.open(entry))).toString('utf8');
    return out;
  } finally {
    await zip.close();
  }
}

describe('openZip', () => {
  it('reads deflated and stored entries, from a buffer and from a file', async () => {
    const files = [
      { name: 'manifest.csv', content: 'propertyName,value\r\n' },
      { name: 'export/orgs.csv', content: 'ä,'.repeat(10_000), store: true },
    ];
    const expected = { 'manifest.csv': files[0]!.content, 'export/orgs.csv': files[1]!.content };
    expect(await contents(writeZip(files))).toEqual(expected);
    const file = `${fs.mkdtempSync(path.join(os.tmpdir(), 'zip-test-'))}/package.zip`;
    fs.writeFileSync(file, writeZip(files));
    expect(await contents(file)).toEqual(expected);
  });

  it('reads a zip64 archive', async () => {
    const read = await contents(ZIP64);
    expect(Object.keys(read)).toEqual(['manifest.csv', 'orgs.csv']);
    expect(read['orgs.csv']).toContain('d1,,,Zip64 District,district,D64,');
    expect(await contents(fs.readFileSync(ZIP64))).toEqual(read);
  });

  it('refuses an entry whose bytes do not match its CRC-32, naming it', async () => {
    const content = 'sourcedId,name\r\no1,North High\r\n';
    const zip = writeZip([{ name: 'orgs.csv', content, store: true }]);
    // A stored entry's data starts after the 30-byte local header and the name: change one letter.
    const at = zip.indexOf('North');
    zip[at] = 'S'.charCodeAt(0);
    await expect(contents(zip)).rejects.toThrow(new ZipFormatError('orgs.csv: CRC-32 mismatch, the entry is corrupt'));
  });

  it('refuses what is not a zip archive, or a truncated one, with a ZipFormatError', async () => {
    await expect(openZip(Buffer.from('sourcedId,name\r\n'))).rejects.toBeInstanceOf(ZipFormatError);
    const zip = writeZip([{ name: 'orgs.csv', content: 'x'.repeat(1000) }]);
    await expect(openZip(zip.subarray(0, zip.length - 30))).rejects.toBeInstanceOf(ZipFormatError);
  });
});
