/**
 * Zip archives read with yauzl: the central directory (zip64 included) lists the entries; an entry
 * is streamed (stored or deflated), its size checked by yauzl and its CRC-32 checked here (yauzl
 * leaves that to its caller). Works on a file (read by offsets, never loaded whole) or on a Buffer
 * (an uploaded body). Anything wrong with the archive is a ZipFormatError naming the entry.
 */
import { Transform, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes, as the central directory says. */
  size: number;
  compressedSize: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipArchive {
  entries: ZipEntry[];
  open(entry: ZipEntry): Promise<Readable>;
  close(): Promise<void>;
}

/** An operating-system error (a file that cannot be read) stays what it is; anything else is the archive's fault. */
function archiveError(error: unknown, prefix = ''): Error {
  if (error instanceof ZipFormatError) return error;
  if ((error as NodeJS.ErrnoException).syscall !== undefined) return error as Error;
  return new ZipFormatError(`${prefix}${error instanceof Error ? error.message : String(error)}`);
}

/** Passes the entry's bytes through and fails at the end when their CRC-32 is not the directory's. */
function crcCheck(name: string, expected: number): Transform {
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      done(crc === expected ? null : new ZipFormatError(`${name}: CRC-32 mismatch, the entry is corrupt`));
    },
  });
}

export async function openZip(source: string | Buffer): Promise<ZipArchive> {
  let zip: yauzl.ZipFile;
  try {
    // autoClose off: entries are opened on demand, some twice (a header peek, then the file).
    zip =
      typeof source === 'string'
        ? await yauzl.openPromise(source, { autoClose: false })
        : await yauzl.fromBufferPromise(source);
  } catch (error) {
    throw archiveError(error, 'not a usable zip archive: ');
  }
  const entries: ZipEntry[] = [];
  const raw = new Map<ZipEntry, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      const mine = { name: entry.fileName, size: entry.uncompressedSize, compressedSize: entry.compressedSize };
      entries.push(mine);
      raw.set(mine, entry);
    }
  } catch (error) {
    zip.close();
    throw archiveError(error, 'corrupt central directory: ');
  }
  return {
    entries,
    async open(entry) {
      const found = raw.get(entry);
      if (!found) throw new ZipFormatError(`${entry.name}: not an entry of this archive`);
      if (found.isEncrypted()) throw new ZipFormatError(`${entry.name}: encrypted entries are not supported`);
      if (found.compressionMethod !== 0 && found.compressionMethod !== 8)
        throw new ZipFormatError(
          `${entry.name}: compression method ${found.compressionMethod} is not supported (stored or deflated only)`,
        );
      let data: Readable;
      try {
        data = await zip.openReadStreamPromise(found);
      } catch (error) {
        throw archiveError(error, `${entry.name}: `);
      }
      const checked = crcCheck(entry.name, found.crc32);
      // A broken deflate stream or a wrong size surfaces on the stream the caller reads.
      data.on('error', (error) => checked.destroy(archiveError(error, `${entry.name}: `)));
      // A reader that stops early (a header peek) releases the entry's stream too.
      checked.on('close', () => data.destroy());
      return data.pipe(checked);
    },
    close: async () => zip.close(),
  };
}
