/**
 * Streaming reader of Ed-Fi XML interchange files: every top-level child of the Interchange root is
 * one record. The file is read chunk by chunk through saxes; only the record being parsed is held
 * as a tree, so memory stays flat whatever the file size.
 */
import fs from 'node:fs';
import { SaxesParser } from 'saxes';

/** One XML element as a plain tree (namespace prefixes dropped; Ed-Fi uses the default namespace). */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export interface XmlRecord {
  file: string;
  /** The interchange root element, e.g. `InterchangeStudent`. */
  interchange: string;
  element: string;
  /** 1-based line of the record's start tag. */
  line: number;
  /** The tree; absent when the element was not selected (counted only). */
  node?: XmlNode;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Yields the records of one file in document order. `select(element)` says which records to build
 * trees for; the others are still yielded (name and line) so callers can count them.
 */
export async function* readRecords(
  file: string,
  select: (element: string) => boolean = () => true,
): AsyncGenerator<XmlRecord> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const ready: XmlRecord[] = [];
  const stack: XmlNode[] = [];
  let interchange = '';
  let depth = 0;
  let current: { record: XmlRecord; build: boolean } | undefined;
  let failure: XmlSyntaxError | undefined;

  parser.on('error', (error) => {
    failure ??= new XmlSyntaxError(parser.line, `XML is not well-formed: ${error.message.split('\n')[0]}`);
  });
  parser.on('opentag', (tag) => {
    depth++;
    const name = localName(tag.name);
    if (depth === 1) {
      interchange = name;
      return;
    }
    if (depth === 2) {
      const build = select(name);
      current = { record: { file, interchange, element: name, line: parser.line }, build };
    }
    if (!current?.build) return;
    const node: XmlNode = { name, attrs: {}, text: '', children: [] };
    for (const [key, value] of Object.entries(tag.attributes)) node.attrs[localName(key)] = String(value);
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    if (current?.build) {
      const node = stack.pop()!;
      node.text = node.text.trim();
      if (stack.length === 0) current.record.node = node;
    }
    if (depth === 2 && current) {
      // After a syntax error the parser recovers on its own terms: nothing it produces is trusted.
      if (!failure) ready.push(current.record);
      current = undefined;
    }
    depth--;
  });

  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      while (ready.length > 0) yield ready.shift()!;
      if (failure) throw failure;
    }
    parser.close();
    while (ready.length > 0) yield ready.shift()!;
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}
