/**
 * How an Ed-Fi resource is described (`ResourceDef`, written once per resource in resources*.ts) and
 * the compiled model every route, validator, SQL statement and the OpenAPI document derive from.
 *
 * A description names only what the table cannot tell: the collection name, which JSON names are
 * scalars, descriptors (and their type) and references (and to which resource). The identity (natural
 * key) is derived from the table's primary key: a surrogate key (studentUSI, staffUSI) is replaced by
 * the natural key it stands for (studentUniqueId, staffUniqueId) — in the resource itself and in every
 * reference to it. Child collections (`children`: School.gradeLevels[], CalendarDate.calendarEvents[]…) are
 * arrays inside the resource, stored as rows of a child table that carries the parent's key.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

export interface DescriptorDef {
  json: string;
  /** Descriptor type, e.g. 'GradeLevelDescriptor'. */
  type: string;
}

/**
 * How a reference key is stored: the local property (same key name on the target), [local property, the
 * target's key name], null (accepted and matched, not stored), or an object naming a descriptor type
 * when the target cannot tell (the key is a descriptor URI resolved to its id).
 */
export type ReferenceKeySpec =
  string | null | [string, string] | { prop: string; targetKey?: string; descriptor: string };

export interface ReferenceDef {
  /** e.g. 'schoolReference'. */
  json: string;
  /** Target collection (or internal resource) name. */
  target: string;
  /**
   * Reference key (JSON) → local property, or [local property, the target's key name] when they
   * differ; null = accepted and matched against the target, not stored (the table has no column).
   */
  keys: Record<string, ReferenceKeySpec>;
  /** Required unless marked optional (then all-or-nothing). Default: required when a stored key column is NOT NULL. */
  optional?: boolean;
  /** The target is not checked (reference data the platform does not hold rows for, e.g. school years). */
  unchecked?: boolean;
}

export interface ResourceDef {
  collection: string;
  /** Ed-Fi entity name, e.g. 'Student' (OpenAPI schema name). */
  name: string;
  table: PgTable;
  /** JSON name = table property, or [json, property]. */
  scalars: (string | [string, string])[];
  descriptors?: DescriptorDef[];
  references?: ReferenceDef[];
  /** Surrogate key column stands for a natural key column (studentUSI ↔ studentUniqueId). */
  surrogate?: { prop: string; naturalKey: string };
  /** Supertype row written with the resource (School → EducationOrganization). */
  parent?: {
    table: PgTable;
    link: [string, string];
    scalars: (string | [string, string])[];
    descriptors?: DescriptorDef[];
    discriminator: string;
  };
  /** PUT may change the natural key (recorded for /keyChanges). */
  allowKeyChanges?: boolean;
  /** Internal: a reference target only, no routes. */
  internal?: boolean;
  /** Arrays embedded in the resource, each stored in a child table carrying the parent's key. */
  children?: ChildDef[];
}

export interface ChildDef {
  /** JSON array name, e.g. 'gradeLevels'. */
  json: string;
  /** Its table: the parent's key columns (same names) plus the item's own key and fields. */
  table: PgTable;
  scalars?: (string | [string, string])[];
  descriptors?: DescriptorDef[];
  references?: ReferenceDef[];
}

export interface ScalarModel {
  json: string;
  column: PgColumn;
  onParent: boolean;
}

export interface DescriptorModel extends ScalarModel {
  type: string;
}

export interface ReferenceKeyModel {
  json: string;
  /** The target's key name this value matches (usually `json`). */
  targetKey: string;
  /** Local column holding the value (for a surrogate target: the surrogate). undefined = not stored. */
  column?: PgColumn;
  /** Set when the referenced key is a surrogate: the JSON value is the natural key of `surrogateHolder`. */
  viaSurrogate?: boolean;
  /** The resource owning the surrogate (students, staffs): the target itself, or one it references. */
  surrogateHolder?: string;
  /** The key is a descriptor URI of this type, resolved to its id before matching and storing. */
  descriptorType?: string;
}

export interface ReferenceModel {
  json: string;
  target: string;
  keys: ReferenceKeyModel[];
  required: boolean;
  unchecked: boolean;
}

/** One natural-key component: the JSON path to it and the column of the resource's table that holds it. */
export interface IdentityPart {
  path: string[];
  /** The stored column (the surrogate for student/staff references). */
  column: PgColumn;
}

/** What a JSON object is made of: scalars, descriptors and references (a resource, or a child item). */
export interface Shape {
  scalars: ScalarModel[];
  descriptors: DescriptorModel[];
  references: ReferenceModel[];
}

export interface ChildModel extends Shape {
  json: string;
  table: PgTable;
  tableName: string;
  /** Child column ← the parent's key column it carries. */
  link: { child: PgColumn; parent: PgColumn }[];
  /** The item's own key (primary key without tenant and link): duplicates are refused, GET orders by it. */
  keyColumns: PgColumn[];
}

export interface ResourceModel extends Shape {
  def: ResourceDef;
  collection: string;
  name: string;
  table: PgTable;
  tableName: string;
  qualifiedName: string;
  columns: PgColumn[];
  idColumn: PgColumn;
  /** Primary-key columns (tenant excluded). */
  keyColumns: PgColumn[];
  /** Natural key as the API sees it (the surrogate replaced by its natural key column). */
  identity: IdentityPart[];
  surrogate?: { column: PgColumn; naturalKey: PgColumn };
  parent?: {
    table: PgTable;
    tableName: string;
    childLink: PgColumn;
    parentLink: PgColumn;
    scalars: ScalarModel[];
    descriptors: DescriptorModel[];
    discriminator: string;
    discriminatorColumn?: PgColumn;
  };
  children: ChildModel[];
}

export function columnOf(table: PgTable, prop: string): PgColumn {
  const column = (table as unknown as Record<string, PgColumn | undefined>)[prop];
  if (!column || typeof column !== 'object' || !('columnType' in column))
    throw new Error(`${getTableConfig(table).name} has no column property ${prop}`);
  return column;
}

function tableName(table: PgTable): string {
  const config = getTableConfig(table);
  return `"${config.schema ?? 'public'}"."${config.name}"`;
}

function normalizeKey(
  json: string,
  spec: Exclude<ReferenceKeySpec, null>,
): { prop: string; targetKey: string; descriptor?: string } {
  if (typeof spec === 'string') return { prop: spec, targetKey: json };
  if (Array.isArray(spec)) return { prop: spec[0], targetKey: spec[1] };
  return { prop: spec.prop, targetKey: spec.targetKey ?? json, descriptor: spec.descriptor };
}

/**
 * Where a target's key comes from: its own surrogate's natural key (students), one of its descriptors,
 * or — for a key the target holds through a reference of its own (a studentSectionAssociation's
 * studentUniqueId) — whatever that reference's target says.
 */
function keyOrigin(
  all: Map<string, ResourceDef>,
  collection: string,
  key: string,
  depth = 0,
): { surrogateHolder?: string; descriptorType?: string } {
  const def = all.get(collection);
  if (!def || depth > 4) return {};
  if (def.surrogate?.naturalKey === key) return { surrogateHolder: collection };
  const descriptor = [...(def.descriptors ?? []), ...(def.parent?.descriptors ?? [])].find((d) => d.json === key);
  if (descriptor) return { descriptorType: descriptor.type };
  for (const ref of def.references ?? []) {
    const spec = ref.keys[key];
    if (spec === undefined || spec === null) continue;
    const k = normalizeKey(key, spec);
    return k.descriptor ? { descriptorType: k.descriptor } : keyOrigin(all, ref.target, k.targetKey, depth + 1);
  }
  return {};
}

function compileShape(
  table: PgTable,
  label: string,
  def: { scalars?: (string | [string, string])[]; descriptors?: DescriptorDef[]; references?: ReferenceDef[] },
  all: Map<string, ResourceDef>,
): Shape {
  const col = (prop: string) => columnOf(table, prop);
  const scalars = (def.scalars ?? []).map((s) =>
    typeof s === 'string'
      ? { json: s, column: col(s), onParent: false }
      : { json: s[0], column: col(s[1]), onParent: false },
  );
  const descriptors = (def.descriptors ?? []).map((d) => ({
    json: d.json,
    column: col(`${d.json}Id`),
    type: d.type,
    onParent: false,
  }));
  const references: ReferenceModel[] = (def.references ?? []).map((r) => {
    if (!all.has(r.target)) throw new Error(`${label}.${r.json}: unknown target ${r.target}`);
    const keys = Object.entries(r.keys).map(([json, spec]): ReferenceKeyModel => {
      if (spec === null) return { json, targetKey: json };
      const k = normalizeKey(json, spec);
      const origin = keyOrigin(all, r.target, k.targetKey);
      const descriptorType = k.descriptor ?? origin.descriptorType;
      return {
        json,
        targetKey: k.targetKey,
        column: col(k.prop),
        ...(origin.surrogateHolder ? { viaSurrogate: true, surrogateHolder: origin.surrogateHolder } : {}),
        ...(descriptorType ? { descriptorType } : {}),
      };
    });
    return {
      json: r.json,
      target: r.target,
      keys,
      required: !r.optional && keys.some((k) => k.column?.notNull),
      unchecked: r.unchecked === true,
    };
  });
  return { scalars, descriptors, references };
}

const primaryKeyOf = (table: PgTable) =>
  (getTableConfig(table).primaryKeys[0]?.columns ?? []).filter((c) => c.name !== 'tenant_id');

function compileChild(
  child: ChildDef,
  parentKey: PgColumn[],
  label: string,
  all: Map<string, ResourceDef>,
): ChildModel {
  const shape = compileShape(child.table, `${label}.${child.json}`, child, all);
  const columns = getTableConfig(child.table).columns;
  const link = parentKey.map((parent) => {
    const found = columns.find((c) => c.name === parent.name);
    if (!found)
      throw new Error(
        `${label}.${child.json}: ${getTableConfig(child.table).name} has no column ${parent.name} for the parent's key`,
      );
    return { child: found, parent };
  });
  const linked = new Set(link.map((l) => l.child.name));
  return {
    json: child.json,
    table: child.table,
    tableName: tableName(child.table),
    ...shape,
    link,
    keyColumns: primaryKeyOf(child.table).filter((c) => !linked.has(c.name)),
  };
}

export function compile(def: ResourceDef, all: Map<string, ResourceDef>): ResourceModel {
  const config = getTableConfig(def.table);
  const col = (prop: string) => columnOf(def.table, prop);
  const { scalars, descriptors, references } = compileShape(def.table, def.collection, def, all);
  const pk = primaryKeyOf(def.table);
  const surrogate = def.surrogate
    ? { column: col(def.surrogate.prop), naturalKey: col(def.surrogate.naturalKey) }
    : undefined;
  const identity: IdentityPart[] = pk.map((column) => {
    if (surrogate && column.name === surrogate.column.name)
      return { path: [def.surrogate!.naturalKey], column: surrogate.naturalKey };
    const scalar = scalars.find((s) => s.column.name === column.name);
    if (scalar) return { path: [scalar.json], column };
    const descriptor = descriptors.find((d) => d.column.name === column.name);
    if (descriptor) return { path: [descriptor.json], column };
    for (const ref of references) {
      const key = ref.keys.find((k) => k.column?.name === column.name);
      if (key) return { path: [ref.json, key.json], column };
    }
    throw new Error(`${def.collection}: key column ${column.name} is not described`);
  });
  const idColumn = col('id');
  let parent: ResourceModel['parent'];
  if (def.parent) {
    const p = def.parent;
    const pcol = (prop: string) => columnOf(p.table, prop);
    parent = {
      table: p.table,
      tableName: tableName(p.table),
      childLink: col(p.link[0]),
      parentLink: pcol(p.link[1]),
      scalars: p.scalars.map((s) =>
        typeof s === 'string'
          ? { json: s, column: pcol(s), onParent: true }
          : { json: s[0], column: pcol(s[1]), onParent: true },
      ),
      descriptors: (p.descriptors ?? []).map((d) => ({
        json: d.json,
        column: pcol(`${d.json}Id`),
        type: d.type,
        onParent: true,
      })),
      discriminator: p.discriminator,
      discriminatorColumn: pcol('discriminator'),
    };
  }
  return {
    def,
    collection: def.collection,
    name: def.name,
    table: def.table,
    tableName: tableName(def.table),
    qualifiedName: `${config.schema}.${config.name}`,
    columns: config.columns,
    idColumn,
    scalars: [...scalars, ...(parent?.scalars ?? [])],
    descriptors: [...descriptors, ...(parent?.descriptors ?? [])],
    references,
    keyColumns: pk,
    identity,
    surrogate,
    parent,
    children: (def.children ?? []).map((child) => compileChild(child, pk, def.collection, all)),
  };
}

/** The column of `model` that answers to a reference key `json` (for looking the target up). */
export function lookupColumn(model: ResourceModel, json: string): PgColumn | undefined {
  return model.identity.find((p) => p.path[p.path.length - 1] === json)?.column;
}
