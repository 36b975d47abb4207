/**
 * CSV records with the physical line each starts on (what a validation report must name), read by
 * csv-parse as a stream: RFC 4180 quoting (doubled quotes, line breaks inside quotes), CRLF, LF or CR
 * record ends (mixed too), a UTF-8 byte-order mark. It holds one record and the chunk being parsed.
 *
 * csv-parse does not say where a record starts, and asking it (`info`) costs ~40 % of its time, so
 * the line is counted here: one per record plus the line breaks inside its fields. A blank line is
 * counted and skipped (csv-parse gives it as one empty field).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

type Chunk = Buffer | Uint8Array | string;

/** No cell of a roster is this long: a larger record is a missing quote, not data to hold in memory. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

const REASONS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed before the end of the file',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a field',
  CSV_MAX_RECORD_SIZE: `a record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB (a missing closing quote?)`,
};

const LINE_BREAK = /\r\n|\r|\n/g;

function lineBreaksIn(fields: string[]): number {
  let n = 0;
  for (const field of fields) if (field.includes('\n') || field.includes('\r')) n += field.match(LINE_BREAK)!.length;
  return n;
}

/** The 1-based line on which byte `offset` of a stream lies (CRLF, LF and CR each end a line). */
async function lineAtByte(stream: Readable, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  let previousCr = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const end = Math.min(bytes.length, offset - seen);
      for (let i = 0; i < end; i++) {
        const c = bytes[i];
        if (c === 0x0d || (c === 0x0a && !previousCr)) line++;
        previousCr = c === 0x0d;
      }
      seen += bytes.length;
      if (seen >= offset) break;
    }
  } finally {
    stream.destroy();
  }
  return line;
}

export interface ReadCsvOptions {
  /**
   * Opens the same bytes again. csv-parse notices a quote that is never closed only at the end of
   * the file; with this, the error names the line the unclosed field starts on instead.
   */
  reopen?: () => Promise<Readable> | Readable;
}

export async function* readCsv(
  chunks: Readable | AsyncIterable<Chunk> | Iterable<Chunk>,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvRecord> {
  const source = chunks instanceof Readable ? chunks : Readable.from(chunks, { objectMode: false });
  const parser = parse({
    bom: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
  });
  const done = pipeline(source, parser);
  // The same error reaches the loop below; this keeps it from also surfacing as an unhandled rejection.
  done.catch(() => undefined);
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + lineBreaksIn(fields);
      if (fields.length === 1 && fields[0] === '') continue;
      yield { line: start, fields };
    }
    await done;
  } catch (error) {
    if (error instanceof CsvError) {
      let at = typeof error.lines === 'number' ? error.lines : line;
      // `bytes` is the last field or record boundary csv-parse passed: before the unclosed quote.
      if (error.code === 'CSV_QUOTE_NOT_CLOSED' && options.reopen && typeof error.bytes === 'number')
        at = await lineAtByte(await options.reopen(), error.bytes);
      throw new CsvSyntaxError(at, REASONS[error.code] ?? error.message);
    }
    throw error;
  } finally {
    // A consumer that stops early (a header peek) releases the file.
    if (!parser.destroyed) parser.destroy();
    if (!source.destroyed) source.destroy();
  }
}
