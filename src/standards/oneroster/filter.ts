/**
 * The OneRoster 1.2 filter grammar, parsed for real (no regex splitting on " AND "):
 *
 *   filter     := clause (logical clause)*
 *   logical    := ' AND ' | ' OR '         (AND binds tighter than OR, as in SQL)
 *   clause     := field ws* operator ws* value
 *   field      := name ('.' name)*         (dotted: school.sourcedId, metadata.ext)
 *   operator   := '=' | '!=' | '>' | '>=' | '<' | '<=' | '~'   ('~' = contains)
 *   value      := "'" (char | "''")* "'"  (a quote inside a value is doubled)
 *
 * Anything else — an unquoted value, an unterminated quote, a dangling AND, an unknown operator —
 * is an `invalid_filter_field` error naming the position.
 */
import { invalidFilter } from './imsx-errors.js';

export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';
export interface FilterClause {
  kind: 'clause';
  field: string;
  op: FilterOperator;
  value: string;
}
export interface FilterGroup {
  kind: 'and' | 'or';
  parts: FilterNode[];
}
export type FilterNode = FilterClause | FilterGroup;

const MAX_FILTER_LENGTH = 4000;
const MAX_CLAUSES = 50;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATORS: FilterOperator[] = ['>=', '<=', '!=', '=', '>', '<', '~'];

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }
  fail(what: string): never {
    throw invalidFilter(
      `Invalid filter at position ${this.pos + 1}: ${what}. Expected field op 'value' [AND|OR …], op one of = != > ` +
        `>= < <= ~.`,
    );
  }
}

function parseField(c: Cursor): string {
  const parts: string[] = [];
  for (;;) {
    NAME.lastIndex = c.pos;
    const match = NAME.exec(c.text);
    if (!match) c.fail(parts.length ? 'a field name after "."' : 'a field name');
    parts.push(match[0]);
    c.pos = NAME.lastIndex;
    if (c.text[c.pos] !== '.') return parts.join('.');
    c.pos++;
  }
}

function parseValue(c: Cursor): string {
  if (c.text[c.pos] !== "'") c.fail('a value in single quotes');
  let value = '';
  c.pos++;
  for (;;) {
    const next = c.text.indexOf("'", c.pos);
    if (next === -1) c.fail('an unterminated quoted value');
    value += c.text.slice(c.pos, next);
    c.pos = next + 1;
    if (c.text[c.pos] === "'") {
      value += "'";
      c.pos++;
      continue;
    }
    return value;
  }
}

function parseClause(c: Cursor): FilterClause {
  c.skipSpaces();
  const field = parseField(c);
  c.skipSpaces();
  const op = OPERATORS.find((o) => c.text.startsWith(o, c.pos));
  if (!op) c.fail('an operator');
  c.pos += op.length;
  c.skipSpaces();
  const value = parseValue(c);
  return { kind: 'clause', field, op, value };
}

function parseLogical(c: Cursor): 'AND' | 'OR' | undefined {
  const start = c.pos;
  c.skipSpaces();
  if (c.pos === c.text.length) return undefined;
  const match = /^(AND|OR)(?= )/.exec(c.text.slice(c.pos, c.pos + 4));
  if (!match || c.pos === start) c.fail('AND or OR between clauses (surrounded by spaces)');
  c.pos += match[1]!.length;
  return match[1] as 'AND' | 'OR';
}

export function parseFilter(text: string): FilterNode {
  if (text.length === 0) throw invalidFilter('The filter is empty.');
  if (text.length > MAX_FILTER_LENGTH)
    throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  const c = new Cursor(text);
  // OR of ANDs: collect AND runs, split on OR.
  const alternatives: FilterClause[][] = [[parseClause(c)]];
  let clauses = 1;
  for (let logical = parseLogical(c); logical; logical = parseLogical(c)) {
    if (++clauses > MAX_CLAUSES) c.fail(`more than ${MAX_CLAUSES} clauses`);
    const clause = parseClause(c);
    if (logical === 'AND') alternatives[alternatives.length - 1]!.push(clause);
    else alternatives.push([clause]);
  }
  const groups: FilterNode[] = alternatives.map((run) => (run.length === 1 ? run[0]! : { kind: 'and', parts: run }));
  return groups.length === 1 ? groups[0]! : { kind: 'or', parts: groups };
}

/** Every clause of a filter tree (for validation against the entity's fields). */
export function clausesOf(node: FilterNode): FilterClause[] {
  return node.kind === 'clause' ? [node] : node.parts.flatMap(clausesOf);
}
