/** The filter grammar, as a parser: valid forms and every kind of invalid one. */
import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter.js';
import { OneRosterError } from './imsx-errors.js';

describe('filter grammar', () => {
  it('parses every operator, quoted values with doubled quotes, dotted fields', () => {
    for (const op of ['=', '!=', '>', '>=', '<', '<=', '~']) {
      expect(parseFilter(`familyName${op}'x'`)).toEqual({ kind: 'clause', field: 'familyName', op, value: 'x' });
    }
    expect(parseFilter("familyName='O''Brien'")).toMatchObject({ value: "O'Brien" });
    expect(parseFilter("title=''")).toMatchObject({ value: '' });
    expect(parseFilter("title='a AND b=''c'''")).toMatchObject({ value: "a AND b='c'" });
    expect(parseFilter("school.sourcedId = 'abc'")).toMatchObject({ field: 'school.sourcedId', value: 'abc' });
    expect(parseFilter("dateLastModified>'2025-01-01T00:00:00Z'")).toMatchObject({
      op: '>',
      value: '2025-01-01T00:00:00Z',
    });
  });

  it('joins clauses with AND and OR, AND binding tighter', () => {
    expect(parseFilter("a='1' AND b='2' OR c='3'")).toEqual({
      kind: 'or',
      parts: [
        {
          kind: 'and',
          parts: [
            { kind: 'clause', field: 'a', op: '=', value: '1' },
            { kind: 'clause', field: 'b', op: '=', value: '2' },
          ],
        },
        { kind: 'clause', field: 'c', op: '=', value: '3' },
      ],
    });
  });

  it.each([
    ['', 'empty'],
    ['status=active', 'unquoted value'],
    ["status='active", 'unterminated quote'],
    ["status='a' AND", 'dangling AND'],
    ["status='a' AND ", 'AND without a clause'],
    ["status='a'AND b='c'", 'AND without spaces'],
    ["status='a' XOR b='c'", 'unknown logical operator'],
    ["status=='a'", 'doubled operator'],
    ["status<>'a'", 'unknown operator'],
    ["='a'", 'no field'],
    ["school.='a'", 'empty dotted part'],
    ["status='a' b='c'", 'two clauses without a logical operator'],
    ["sta tus='a'", 'space in a field'],
  ])('refuses %j (%s) with invalid_filter_field', (text) => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OneRosterError);
      expect((error as OneRosterError).codeMinor).toBe('invalid_filter_field');
      expect((error as OneRosterError).status).toBe(400);
    }
  });
});
