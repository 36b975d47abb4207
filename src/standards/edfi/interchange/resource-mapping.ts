/**
 * An Ed-Fi API resource's interchange element, derived from its description (`ResourceModel`, resources*.ts):
 * the XML of Ed-Fi 5.2 names what the JSON names, in PascalCase.
 *
 * - a scalar `firstName` is the element `FirstName`, read as its column's type;
 * - a descriptor `termDescriptor` is the element `Term` (a descriptor URI of the resource's descriptor type);
 * - a reference `schoolReference` is `SchoolReference`, each stored key its `…/SchoolId` (found at any depth:
 *   the XML nests `…Identity`); a student or staff key is the loaded person's USI; a key whose column an
 *   earlier part already fills (the school of a course offering's session) is not read again; the school-year
 *   type reference is the simple element `SchoolYear`;
 * - a child collection `gradeLevels` is the repeated element `GradeLevel`: the descriptor itself when the item
 *   is one descriptor, else an element holding the item's parts;
 * - a supertype (School → EducationOrganization) gets its row first, keyed by the subtype's id.
 *
 * Where the XML differs (nested groups such as `Name/FirstName`, a renamed child), `ElementDef` overrides it.
 */
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { columnOf } from '../compile.js';
import type { ChildModel, ResourceModel, Shape } from '../model.js';
import { readColumns, readSource, tableSpec, type Source } from './columns.js';
import { childrenOf, type Fields } from './fields.js';
import type { ElementMapping, Phase, Row, RowOut } from './mapping.js';

/** How one resource is read from the interchange: what the derivation cannot know, and where the XML differs. */
export interface ElementDef {
  /** The resource's collection (resources*.ts). */
  collection: string;
  phase: Phase;
  /** The load report's name for it, when not the collection. */
  report?: string;
  /** JSON name (scalar or descriptor) → where the XML holds it, when not at its PascalCase name. */
  paths?: Record<string, Source>;
  /** Child collection JSON name → its repeated element, when not the singular PascalCase name. */
  children?: Record<string, string>;
  /**
   * Columns of the resource's own table that its API description does not serve but the XML holds (by Drizzle
   * property), read after the described ones.
   */
  also?: Record<string, Source>;
  /** Rows the element writes before the resource's own (given the resource's row). */
  before?: (f: Fields, row: Row) => RowOut[];
}

export const pascal = (json: string) => json.charAt(0).toUpperCase() + json.slice(1);
const withoutSuffix = (json: string) => (json.endsWith('Descriptor') ? json.slice(0, -'Descriptor'.length) : json);
/** `gradeLevels` → `GradeLevel`, `scoreResults` → `ScoreResult`. */
export const singular = (json: string) => pascal(json.endsWith('s') ? json.slice(0, -1) : json);

const SCHOOL_YEAR_TYPE = 'schoolYearTypeReference';

type Entry = [PgColumn, Source];
const nameOf = ([column]: Entry) => column.name;

/**
 * Where each column of a shape (a resource's own part, or a child item) is in the XML, in description order:
 * scalars, descriptors, then reference keys.
 */
export function shapeSources(shape: Shape, paths: Record<string, Source> = {}, onParent = false): Entry[] {
  const entries: Entry[] = [];
  const filled = new Set<string>();
  const add = (column: PgColumn, source: Source) => {
    if (filled.has(column.name)) return;
    filled.add(column.name);
    entries.push([column, source]);
  };
  for (const s of shape.scalars) if (s.onParent === onParent) add(s.column, paths[s.json] ?? pascal(s.json));
  for (const d of shape.descriptors)
    if (d.onParent === onParent)
      add(d.column, paths[d.json] ?? { path: pascal(withoutSuffix(d.json)), descriptor: d.type });
  if (onParent) return entries;
  for (const ref of shape.references) {
    const element = pascal(ref.json);
    for (const key of ref.keys) {
      if (!key.column) continue;
      if (ref.json === SCHOOL_YEAR_TYPE) add(key.column, 'SchoolYear');
      else if (key.viaSurrogate)
        add(key.column, { usi: key.surrogateHolder === 'students' ? 'student' : 'staff', ref: element });
      else
        add(key.column, {
          ref: element,
          key: pascal(key.json),
          ...(key.descriptorType ? { descriptor: key.descriptorType } : {}),
        });
    }
  }
  return entries;
}

function childRows(f: Fields, child: ChildModel, element: string, row: Row): RowOut[] {
  const table = tableSpec(child.table);
  const key: Row = Object.fromEntries(child.link.map((l) => [l.child.name, row[l.parent.name] ?? null]));
  const only = child.descriptors[0]!;
  if (isDescriptorList(child))
    return f.descriptorList(element, only.type).map((id) => ({ table, row: { ...key, [only.column.name]: id } }));
  const sources = shapeSources(child);
  return childrenOf(f.node, element).map((node) => ({ table, row: { ...key, ...readColumns(f.sub(node), sources) } }));
}

const isDescriptorList = (child: ChildModel) =>
  child.descriptors.length === 1 && child.scalars.length === 0 && child.references.length === 0;

/** Where the resource's own columns are: the described ones, then the `also` ones. */
const ownSources = (model: ResourceModel, def: ElementDef): Entry[] => [
  ...shapeSources(model, def.paths),
  ...Object.entries(def.also ?? {}).map(([prop, source]): Entry => [columnOf(model.table, prop), source]),
];

/** The columns the element mapping of a resource reads, by table (for the description coverage test). */
export function columnsRead(model: ResourceModel, def: ElementDef): Map<PgTable, Set<string>> {
  const read = new Map<PgTable, Set<string>>([[model.table, new Set(ownSources(model, def).map(nameOf))]]);
  if (model.parent)
    read.set(
      model.parent.table,
      new Set([
        model.parent.parentLink.name,
        model.parent.discriminatorColumn!.name,
        ...shapeSources(model, def.paths, true).map(nameOf),
      ]),
    );
  for (const child of model.children)
    read.set(
      child.table,
      new Set([
        ...child.link.map((l) => l.child.name),
        ...(isDescriptorList(child) ? [child.descriptors[0]!.column.name] : shapeSources(child).map(nameOf)),
      ]),
    );
  return read;
}

/** The element mapping of one resource. */
export function resourceMapping(model: ResourceModel, def: ElementDef): ElementMapping {
  // An override naming no field would silently leave the derived path in place.
  const fields = new Set([...model.scalars, ...model.descriptors].map((f) => f.json));
  for (const json of Object.keys(def.paths ?? {}))
    if (!fields.has(json)) throw new Error(`interchange ${model.collection}: paths.${json} names no field`);
  for (const json of Object.keys(def.children ?? {}))
    if (!model.children.some((c) => c.json === json))
      throw new Error(`interchange ${model.collection}: children.${json} names no child collection`);
  const sources = ownSources(model, def);
  const table = tableSpec(
    model.table,
    model.identity.map((p) => p.column.name),
  );
  const parent = model.parent;
  const parentSources = parent ? shapeSources(model, def.paths, true) : [];
  const link = parent && sources.find(([column]) => column.name === parent.childLink.name)?.[1];
  if (parent && !link) throw new Error(`${model.collection}: the supertype link ${parent.childLink.name} is not read`);
  const children = model.children.map((child) => ({
    child,
    element: def.children?.[child.json] ?? singular(child.json),
  }));
  return {
    element: model.name,
    resource: def.report ?? model.collection,
    phase: def.phase,
    map: (f) => {
      const rows: RowOut[] = [];
      if (parent)
        rows.push({
          table: tableSpec(parent.table),
          row: {
            [parent.parentLink.name]: readSource(f, parent.parentLink, link!),
            ...readColumns(f, parentSources),
            [parent.discriminatorColumn!.name]: parent.discriminator,
          },
        });
      const row = readColumns(f, sources);
      if (def.before) rows.push(...def.before(f, row));
      rows.push({ table, row });
      for (const { child, element } of children) rows.push(...childRows(f, child, element, row));
      return rows;
    },
  };
}
