/**
 * The audited values' canonical text (values.ts): the one-walk path for plain JSON writes exactly what
 * the long way (JSON.stringify, parse, mask, canonicalJson) writes, for every shape, and anything the walk
 * does not handle itself takes the long way.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash.js';
import { auditValues, auditValuesText, MASKED } from './values.js';

const longWay = (value: unknown) => canonicalJson(auditValues(value));

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const plain: [string, unknown][] = [
  ['a flat row', { studentuniqueid: 'S-1', firstname: 'Ada', middlename: null, birthdate: '2010-05-01', n: 3 }],
  ['numbers', [3.14, -0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53 + 2, -123456789.125, 0, 1]],
  ['unicode and escapes', { 'ü-é': 'naïve — 😀 中文', q: 'say "hi"\\', ctl: '\n\t\b\f\r\u0001\u001f\u007f' }],
  ['line separators', { s: 'a\u2028b\u2029c' }],
  ['odd keys', { '': 1, ' ': 2, '10': 3, '2': 4, B: 5, a: 6, é: 7, '😀': 8 }],
  ['nesting', { '': { nested: { deeper: [[], {}, [{ b: 2, a: 1 }]] } } }],
  ['text PostgreSQL would refuse', { nul: 'a\u0000b', lone: 'x\uD800y', tail: 'z\uDC00', pair: '😀' }],
  ['keys PostgreSQL would refuse', { 'k\u0000ey': 1, 'k\uD800': 2 }],
  ['keys that become one', { 'a\u0000': 1, a: 2 }],
  [
    'secrets at any depth',
    {
      passwordHash: '$argon2id$x',
      pin: '1234',
      shipping: 'kept',
      profile: { apiToken: 't', nested: [{ client_secret: 's', pinCode: 9 }] },
      resetToken: null,
      token: { deep: 1 },
      mapping: 'kept',
    },
  ],
  ['a top-level array', ['top', 'level', 'array']],
  ['a top-level string', 'just text'],
  ['a top-level number', 42],
  ['a top-level boolean', false],
  ['an object without prototype', Object.assign(Object.create(null) as object, { b: 1, a: [null] })],
  ['empty', {}],
];

const notPlain: [string, unknown][] = [
  ['NaN and Infinity', { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, list: [Number.NaN] }],
  ['undefined members', { skipped: undefined, list: [undefined, 1], f: () => 1 }],
  ['a secret that is NaN (null once JSON: not masked)', { password: Number.NaN }],
  ['a secret that is undefined (dropped)', { password: undefined, token: () => 1 }],
  ['dates and bigint', { at: new Date('2024-01-01T00:00:00Z'), big: 12345678901234567890n, secretAt: new Date(0) }],
  ['toJSON', { v: { toJSON: () => ({ z: 1, a: 'b' }) } }],
  ['an array with toJSON', Object.assign([1, 2], { toJSON: () => 'replaced' })],
  ['class instances, maps and sets', { p: new Point(1, 2), m: new Map([['a', 1]]), s: new Set([1]) }],
  ['boxed primitives', { s: new String('x'), n: new Number(2), b: new Boolean(false) }],
  ['__proto__ read from JSON', JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as unknown],
  ['a top-level date', new Date('2024-02-29T10:11:12.345Z')],
  ['a top-level bigint', 7n],
  ['sparse arrays', [1, , 3]], // eslint-disable-line no-sparse-arrays
];

describe('auditValuesText', () => {
  it.each(plain)('writes %s as the long way does', (_name, value) => {
    expect(auditValuesText(value)).toBe(longWay(value));
  });

  it.each(notPlain)('takes the long way for %s', (_name, value) => {
    expect(auditValuesText(value)).toBe(longWay(value));
  });

  it('null and undefined are JSON null; secrets are masked', () => {
    expect(auditValuesText(null)).toBe('null');
    expect(auditValuesText(undefined)).toBe('null');
    expect(JSON.parse(auditValuesText({ apiToken: 'x', user_pin: 1, pinned: 2 }))).toEqual({
      apiToken: MASKED,
      user_pin: MASKED,
      pinned: 2,
    });
  });

  it('refuses a cycle, as JSON.stringify does', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(() => auditValuesText(cycle)).toThrow();
  });
});
