/**
 * Reading one interchange record: typed field access by element path (PascalCase, "A/B"), reference
 * resolution (natural keys, `ref="…"` id references, StudentUniqueId → StudentUSI) and descriptor
 * URIs → descriptorid. Every problem is a RowError whose message becomes the report's reason.
 */
import type { XmlNode } from './xml-records.js';
import type { LoadContext } from './context.js';

import { RowError } from './row-error.js';

export { RowError };

export function childOf(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenOf(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}

/** Follows a path of child names ("AttendanceEvent/EventDate"). */
export function at(node: XmlNode | undefined, path: string): XmlNode | undefined {
  let current = node;
  for (const part of path.split('/')) current = childOf(current, part);
  return current;
}

/** Depth-first search for the first descendant named `name` (natural keys inside references). */
export function findDeep(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) {
    if (c.name === name) return c;
    const found = findDeep(c, name);
    if (found) return found;
  }
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const INT = /^-?\d+$/;
const NUM = /^-?(\d+(\.\d*)?|\.\d+)$/;

function schoolYearOf(value: string, path: string): number {
  const match = /^(?:(\d{4})-)?(\d{4})$/.exec(value);
  if (!match || (match[1] && Number(match[2]) !== Number(match[1]) + 1))
    throw new RowError(`${path} is not a school year`);
  return Number(match[2]);
}

/** Leaves whose value a mapping read: what is left over was not stored and is reported. */
const read = new WeakSet<XmlNode>();

/**
 * The paths (from the record's element, e.g. `Assessment/ContentStandard/Title`) of every leaf with a value
 * that no mapping read: elements the data model has no room for. One entry per occurrence.
 */
export function unreadPaths(node: XmlNode, prefix = node.name): string[] {
  if (node.children.length === 0) return node.text !== '' && !read.has(node) ? [prefix] : [];
  return node.children.flatMap((c) => unreadPaths(c, `${prefix}/${c.name}`));
}

export interface Opt {
  required?: boolean;
}

/** Typed access to one record; `R` variants throw when the value is missing. */
export class Fields {
  constructor(
    readonly node: XmlNode,
    private readonly ctx: LoadContext,
  ) {}

  text(path: string, max?: number, opt: Opt = {}): string | null {
    const node = at(this.node, path);
    if (node) read.add(node);
    const value = node?.text;
    if (value === undefined || value === '') {
      if (opt.required) throw new RowError(`${path} is required`);
      return null;
    }
    if (max !== undefined && value.length > max) throw new RowError(`${path} is longer than ${max} characters`);
    return value;
  }

  textR(path: string, max?: number): string {
    return this.text(path, max, { required: true })!;
  }

  private checked(path: string, pattern: RegExp, what: string, opt: Opt): string | null {
    const value = this.text(path, undefined, opt);
    if (value !== null && !pattern.test(value)) throw new RowError(`${path} is not ${what}`);
    return value;
  }

  int(path: string, opt: Opt = {}): number | null {
    const value = this.checked(path, INT, 'a whole number', opt);
    return value === null ? null : Number(value);
  }

  num(path: string, opt: Opt = {}): string | null {
    return this.checked(path, NUM, 'a number', opt);
  }

  date(path: string, opt: Opt = {}): string | null {
    return this.checked(path, DATE, 'a date (YYYY-MM-DD)', opt);
  }

  time(path: string, opt: Opt = {}): string | null {
    return this.checked(path, TIME, 'a time (hh:mm:ss)', opt);
  }

  /** xs:dateTime; without an offset it is read as UTC so a re-load stores the same instant. */
  dateTime(path: string, opt: Opt = {}): string | null {
    const value = this.text(path, undefined, opt);
    if (value === null) return null;
    if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value))
      throw new RowError(`${path} is not a date-time`);
    return /T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || !value.includes('T') ? value : `${value}Z`;
  }

  bool(path: string, opt: Opt = {}): boolean | null {
    const value = this.text(path, undefined, opt);
    if (value === null) return null;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw new RowError(`${path} is not a boolean`);
  }

  /** Ed-Fi SchoolYear: "2021-2022" (interchange form) or "2022" → the ending year. */
  year(path: string, opt: Opt = {}): number | null {
    const value = this.text(path, undefined, opt);
    return value === null ? null : schoolYearOf(value, path);
  }

  /** A descriptor URI (namespace#codeValue) → descriptorid; the type is checked, case is not. */
  descriptor(path: string, type: string, opt: Opt = {}): number | null {
    const uri = this.text(path, undefined, opt);
    return uri === null ? null : this.ctx.descriptorId(uri, type, path);
  }

  descriptorR(path: string, type: string): number {
    return this.descriptor(path, type, { required: true })!;
  }

  /** Every repeated descriptor child (GradeLevel, CalendarEvent…), resolved in document order. */
  descriptorList(name: string, type: string): number[] {
    return childrenOf(this.node, name)
      .filter((c) => c.text !== '')
      .map((c) => {
        read.add(c);
        return this.ctx.descriptorId(c.text, type, name);
      });
  }

  /** The reference element, following a `ref="…"` id reference to the record that declared it. */
  reference(path: string): XmlNode | undefined {
    const node = at(this.node, path);
    const id = node?.attrs.ref;
    if (node && node.children.length === 0 && id) {
      const target = this.ctx.byXmlId.get(id);
      if (!target) throw new RowError(`${path} ref="${id}" names no earlier record`);
      return target;
    }
    return node;
  }

  /** A natural-key value inside a reference (searched at any depth: Ed-Fi nests *Identity elements). */
  refText(path: string, key: string, opt: Opt = {}): string | null {
    const node = findDeep(this.reference(path), key);
    if (node) read.add(node);
    const value = node?.text;
    if (!value) {
      if (opt.required) throw new RowError(`${path}/${key} is required`);
      return null;
    }
    return value;
  }

  refInt(path: string, key: string, opt: Opt = {}): number | null {
    const value = this.refText(path, key, opt);
    if (value === null) return null;
    if (!INT.test(value)) throw new RowError(`${path}/${key} is not a whole number`);
    return Number(value);
  }

  /** A descriptor URI inside a reference (a program's type, an objective's grade level) → descriptorid. */
  refDescriptor(path: string, key: string, type: string, opt: Opt = {}): number | null {
    const uri = this.refText(path, key, opt);
    return uri === null ? null : this.ctx.descriptorId(uri, type, `${path}/${key}`);
  }

  refYear(path: string, key = 'SchoolYear', opt: Opt = {}): number | null {
    const value = this.refText(path, key, opt);
    return value === null ? null : schoolYearOf(value, `${path}/${key}`);
  }

  /** StudentReference → studentusi (students must have been loaded before). */
  studentUsi(path = 'StudentReference'): number {
    const id = this.refText(path, 'StudentUniqueId', { required: true })!;
    const usi = this.ctx.studentUsi.get(id);
    if (usi === undefined) throw new RowError(`${path} does not resolve to a loaded student`);
    return usi;
  }

  staffUsi(path = 'StaffReference', opt: Opt = { required: true }): number | null {
    const id = this.refText(path, 'StaffUniqueId', opt);
    if (id === null) return null;
    const usi = this.ctx.staffUsi.get(id);
    if (usi === undefined) throw new RowError(`${path} does not resolve to a loaded staff member`);
    return usi;
  }

  /** Typed access to a child element (repeated groups such as ScoreResult). */
  sub(node: XmlNode): Fields {
    return new Fields(node, this.ctx);
  }
}
