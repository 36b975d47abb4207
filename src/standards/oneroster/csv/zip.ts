/**
 * A minimal zip reader (no dependency): the central directory gives each entry's name, method,
 * sizes and local-header offset; an entry is streamed from its data through node:zlib's
 * inflateRaw (method 8, deflate) or as is (method 0, stored). Works on a file (read by offsets,
 * never loaded whole) or on a Buffer (an uploaded body). Zip64 and encrypted entries are refused.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  flags: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** Random access to the archive's bytes. */
interface Bytes {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): Readable;
}

function bufferBytes(buffer: Buffer): Bytes {
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, offset + length),
    // Chunked so that a large stored entry is not handed over as one giant string later.
    stream: (start, length) =>
      Readable.from(
        (function* () {
          for (let at = start; at < start + length; at += 64 * 1024)
            yield buffer.subarray(at, Math.min(at + 64 * 1024, start + length));
        })(),
      ),
  };
}

async function fileBytes(path: string): Promise<Bytes & { close(): Promise<void> }> {
  const handle = await fs.promises.open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    },
    stream: (start, length) =>
      length === 0 ? Readable.from([]) : fs.createReadStream(path, { start, end: start + length - 1 }),
    close: () => handle.close(),
  };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

async function centralDirectory(bytes: Bytes): Promise<ZipEntry[]> {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const tailLength = Math.min(bytes.size, 22 + 65_535);
  const tail = await bytes.read(bytes.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a zip archive (no end of central directory record)');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError('zip64 archives are not supported');
  const dir = await bytes.read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw new ZipFormatError('corrupt central directory');
    const flags = dir.readUInt16LE(at + 8);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    // Bit 11: UTF-8 names; otherwise CP437, which for the ASCII names of a package is the same.
    const name = dir.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    entries.push({
      name,
      flags,
      method: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      size: dir.readUInt32LE(at + 24),
      localHeaderOffset: dir.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface ZipArchive {
  entries: ZipEntry[];
  open(entry: ZipEntry): Promise<Readable>;
  close(): Promise<void>;
}

export async function openZip(source: string | Buffer): Promise<ZipArchive> {
  const bytes =
    typeof source === 'string' ? await fileBytes(source) : { ...bufferBytes(source), close: async () => undefined };
  let entries: ZipEntry[];
  try {
    entries = await centralDirectory(bytes);
  } catch (error) {
    await bytes.close();
    throw error;
  }
  return {
    entries,
    async open(entry) {
      if (entry.flags & 0x1) throw new ZipFormatError(`${entry.name}: encrypted entries are not supported`);
      if (entry.method !== 0 && entry.method !== 8)
        throw new ZipFormatError(
          `${entry.name}: compression method ${entry.method} is not supported (stored or deflated only)`,
        );
      const local = await bytes.read(entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE)
        throw new ZipFormatError(`${entry.name}: corrupt local header`);
      const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const raw = bytes.stream(dataStart, entry.compressedSize);
      if (entry.method === 0) return raw;
      const inflate = createInflateRaw();
      raw.on('error', (error) => inflate.destroy(error));
      return raw.pipe(inflate);
    },
    close: () => bytes.close(),
  };
}
