/**
 * A streaming RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF
 * records, a leading UTF-8 byte-order mark. It never holds more than the record being read, and
 * every record carries the physical line it starts on (what a validation report must name).
 */
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

/** Decodes UTF-8 across chunk borders (a multi-byte character may be split between chunks). */
async function* decodeUtf8(chunks: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Runs of ordinary characters are copied with one slice (not character by character): the reader
 * sits on the import's hot path, at a million rows per package.
 */
export async function* readCsv(chunks: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteSeen = false; // inside a quoted field, a quote was read: either "" or the closing quote
  let closed = false; // a quoted field closed: only a delimiter or a line end may follow
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  let previousCr = false;

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const record = { line: recordLine, fields };
    fields = [];
    field = '';
    fieldStarted = false;
    closed = false;
    // A blank line (one empty field) is not a record: trailing newlines are common.
    return record.fields.length === 1 && record.fields[0] === '' ? undefined : record;
  };

  for await (let text of decodeUtf8(chunks)) {
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (text.charCodeAt(i) === QUOTE) {
            field += '"';
            i++;
            continue;
          }
          inQuotes = false;
          closed = true; // the character after the closing quote is handled below
          continue;
        }
        // Up to the next quote; physical lines (LF, CRLF or a lone CR) count inside quotes too.
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) break;
          if (c === CR || (c === LF && !previousCr)) line++;
          previousCr = c === CR;
        }
        field += text.slice(i, j);
        if (j < n) {
          quoteSeen = true;
          previousCr = false;
        }
        i = j + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        const crlf = previousCr && c === LF;
        previousCr = c === CR;
        i++;
        if (crlf) continue; // the CR already ended the record
        line++;
        const record = endRecord();
        if (record) yield record;
        recordLine = line;
        continue;
      }
      previousCr = false;
      if (c === COMMA) {
        fields.push(field);
        field = '';
        fieldStarted = false;
        closed = false;
        i++;
      } else if (closed) {
        throw new CsvSyntaxError(line, 'text after the closing quote of a field');
      } else if (c === QUOTE) {
        if (fieldStarted) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
        inQuotes = true;
        fieldStarted = true;
        i++;
      } else {
        let j = i + 1;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === QUOTE || d === LF || d === CR) break;
        }
        field += text.slice(i, j);
        fieldStarted = true;
        i = j;
      }
    }
  }
  if (inQuotes && !quoteSeen)
    throw new CsvSyntaxError(recordLine, 'a quoted field is not closed before the end of the file');
  if (fieldStarted || field !== '' || fields.length > 0) {
    const record = endRecord();
    if (record) yield record;
  }
}
