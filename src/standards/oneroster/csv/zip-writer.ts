/**
 * Writes a zip archive in memory with fflate (deflated entries, or stored ones): what tests and
 * small exports need to build a package that zip.ts and common tools read. Local headers carry no
 * extra field, so an entry's data starts right after its 30-byte header and its name.
 */
import { zipSync, type Zippable } from 'fflate';

export function writeZip(files: { name: string; content: string | Buffer; store?: boolean }[]): Buffer {
  const entries: Zippable = {};
  for (const file of files) {
    const data = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
    entries[file.name] = [new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { level: file.store ? 0 : 6 }];
  }
  const zipped = zipSync(entries);
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
