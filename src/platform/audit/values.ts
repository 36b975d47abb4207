/**
 * What an audit row keeps of a record's old and new values: plain JSON (Dates as ISO text, bigint as
 * text, undefined dropped), text PostgreSQL stores unchanged, credentials masked at any depth.
 *
 * `auditValues` gives the value; `auditValuesText` gives its canonical JSON text (hash.ts
 * `canonicalJson`), which is both what the row's hash covers and what is stored (the database parses
 * it as jsonb): a batch of writes sends each value once, as text, instead of once as a value and once
 * inside the hashed text. For plain JSON (what the Ed-Fi and generic writes audit) the text is written
 * in one walk; anything else takes the long way (JSON.stringify, parse, mask, canonicalJson), so both
 * always agree.
 */
import { canonicalJson, type Json } from './hash.js';

export const MASKED = '[masked]';

// Credentials never enter the audit trail. "pin" only as a word of the key (pin, pinCode, user_pin),
// so "shipping" or "mapping" stay readable; the others anywhere in the key (passwordHash, apiToken).
const SECRET_KEY = /password|passwd|secret|token|hash/i;
const PIN_WORD = /^pin(code|number)?s?$/i;

function secretKeyUncached(key: string): boolean {
  if (SECRET_KEY.test(key)) return true;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/);
  return words.some((w) => PIN_WORD.test(w));
}

// Keys repeat (a table's column names in every row of a batch): the two regular expressions run once per key.
const secretKeys = new Map<string, boolean>();
function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = secretKeyUncached(key);
    if (secretKeys.size >= 10_000) secretKeys.clear(); // keys of client JSON must not grow it without end
    secretKeys.set(key, secret);
  }
  return secret;
}

const UNSTORABLE = /[\0\uD800-\uDFFF]/;

/** Text PostgreSQL accepts and returns unchanged: no NUL, no lone UTF-16 surrogate. */
export function storableText(text: string): string {
  if (!UNSTORABLE.test(text)) return text;
  return text
    .replace(/\0/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function maskJson(value: Json): Json {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(maskJson);
  const out: { [key: string]: Json } = {};
  for (const [key, inner] of Object.entries(value)) {
    out[storableText(key)] = isSecretKey(key) && inner !== null ? MASKED : maskJson(inner);
  }
  return out;
}

/** Old/new values as they will come back from jsonb. undefined/null → null (SQL NULL). */
export function auditValues(value: unknown): Json {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? null : maskJson(JSON.parse(text) as Json);
}

const MASKED_TEXT = JSON.stringify(MASKED);

/** A value the walk does not write itself (Date, bigint, toJSON, undefined, class instances…). */
class NotPlain extends Error {}
const notPlain = new NotPlain();

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** canonicalJson(maskJson(value)) for a value that already is plain JSON; throws notPlain otherwise. */
function plainText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(storableText(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw notPlain;
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw notPlain;
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + plainText(value[i]);
        return `${out}]`;
      }
      if (!isPlainObject(value)) throw notPlain;
      const entries = new Map<string, string>();
      for (const key of Object.keys(value)) {
        // maskJson's `out[key] =` would set the prototype, not a key: the long way keeps that behaviour
        if (key === '__proto__') throw notPlain;
        const inner = (value as Record<string, unknown>)[key];
        // null stays null even under a secret key, as maskJson leaves it
        const text = isSecretKey(key) && inner !== null ? (plainText(inner), MASKED_TEXT) : plainText(inner);
        entries.set(storableText(key), text);
      }
      const keys = [...entries.keys()].sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++)
        out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${entries.get(keys[i]!)!}`;
      return `${out}}`;
    }
    default:
      throw notPlain;
  }
}

/** canonicalJson(auditValues(value)): the text the hash covers and the database stores ('null' for none). */
export function auditValuesText(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  try {
    return plainText(value);
  } catch (error) {
    if (error !== notPlain) throw error;
    return canonicalJson(auditValues(value));
  }
}
