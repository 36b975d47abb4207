/**
 * Cell → stored value, one function per column kind. Each returns the value or a reason the cell
 * is invalid (the report names file, line and column around it).
 */
import type { ColumnSpec } from './files.js';

export type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The values of a multi-valued cell: comma-separated, blanks around commas not part of a value. The
 * binding has no escape for a comma inside one value, so Schola writes such a value in double quotes
 * within the cell (`"Physical, Health, and Safety Education",Math`; a quote inside doubled) and reads
 * a value that starts with a quote that way. A cell whose quotes do not follow that form is split on
 * every comma, as the binding reads it.
 */
export function splitList(text: string): string[] {
  if (text.includes('"')) {
    const quoted = splitQuotedList(text);
    if (quoted) return quoted;
  }
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function splitQuotedList(text: string): string[] | undefined {
  const values: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    let value: string;
    if (text[i] === '"') {
      value = '';
      for (i++; ; i++) {
        if (i >= text.length) return undefined; // not closed
        if (text[i] !== '"') value += text[i];
        else if (text[i + 1] === '"') value += text[i++];
        else break;
      }
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') return undefined; // text after the closing quote
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(i, end).trim();
      i = end;
    }
    if (value !== '') values.push(value);
    i++; // the comma
  }
  return values;
}

/** One value of a multi-valued cell as the export writes it (the inverse of splitList). */
function listValue(value: string): string {
  return /[,"]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `{type:id},{type:id}` — the identifier may itself contain ":" (only the first one splits). */
function parseUserIds(text: string): Converted {
  const out: { type: string; identifier: string }[] = [];
  const re = /\{([^{}]*)\}/g;
  const rest = text.replace(re, '').replace(/[\s,]/g, '');
  if (rest !== '') return { ok: false, reason: 'must be {type:identifier} pairs separated by commas' };
  for (const m of text.matchAll(re)) {
    const inner = m[1]!;
    const colon = inner.indexOf(':');
    if (colon <= 0 || colon === inner.length - 1) return { ok: false, reason: `"{${inner}}" is not {type:identifier}` };
    out.push({ type: inner.slice(0, colon).trim(), identifier: inner.slice(colon + 1).trim() });
  }
  return { ok: true, value: out };
}

/** scoreScaleValue `{itemValueLHS:itemValueRHS},…` (a score and what it means). */
function parseScaleValues(text: string): Converted {
  const parsed = parseUserIds(text);
  if (!parsed.ok) return { ok: false, reason: 'must be {value:description} pairs separated by commas' };
  return {
    ok: true,
    value: (parsed.value as { type: string; identifier: string }[]).map((p) => ({
      itemValueLHS: p.type,
      itemValueRHS: p.identifier,
    })),
  };
}

export function convertCell(column: ColumnSpec, text: string, maxLength: number | undefined): Converted {
  switch (column.kind) {
    case 'id':
    case 'string':
      // UTF-16 length ≥ characters: only a long text needs counting.
      if (maxLength !== undefined && text.length > maxLength && Array.from(text).length > maxLength)
        return { ok: false, reason: `longer than ${maxLength} characters` };
      return { ok: true, value: text };
    case 'enum':
      return column.values!.includes(text)
        ? { ok: true, value: text }
        : { ok: false, reason: `must be one of ${column.values!.join(', ')}` };
    case 'date':
      return validDate(text) ? { ok: true, value: text } : { ok: false, reason: 'must be a date YYYY-MM-DD' };
    case 'datetime':
      return DATETIME.test(text) && !Number.isNaN(Date.parse(text)) && validDate(text.slice(0, 10))
        ? { ok: true, value: new Date(text).toISOString() }
        : { ok: false, reason: 'must be an ISO 8601 date-time with a time zone (2025-01-31T12:00:00Z)' };
    case 'dateOrDatetime':
      if (validDate(text)) return { ok: true, value: `${text}T00:00:00Z` };
      return convertCell({ ...column, kind: 'datetime' }, text, maxLength);
    case 'boolean': {
      const lower = text.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { ok: true, value: lower === 'true' }
        : { ok: false, reason: 'must be true or false' };
    }
    case 'number': {
      const n = Number(text);
      return NUMBER.test(text) && Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, reason: 'must be a number' };
    }
    case 'list':
      return { ok: true, value: splitList(text) };
    case 'userIds':
      return parseUserIds(text);
    case 'scoreScaleValue':
      return parseScaleValues(text);
  }
}

/** Stored value → CSV cell (the inverse of convertCell, for the export). */
export function formatCell(column: ColumnSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'list':
      return (value as unknown[]).map((v) => listValue(String(v))).join(',');
    case 'userIds':
      return (value as { type: string; identifier: string }[]).map((p) => `{${p.type}:${p.identifier}}`).join(',');
    case 'scoreScaleValue':
      return (value as { itemValueLHS: string; itemValueRHS: string }[])
        .map((p) => `{${p.itemValueLHS}:${p.itemValueRHS}}`)
        .join(',');
    case 'datetime':
    case 'dateOrDatetime':
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    default:
      return String(value);
  }
}
