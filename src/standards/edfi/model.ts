/**
 * How an Ed-Fi resource is described (`ResourceDef`, written once per resource in resources*.ts) and
 * the compiled model every route, validator, SQL statement and the OpenAPI document derive from.
 *
 * A description names only what the table cannot tell: the collection name, which JSON names are
 * scalars, descriptors (and their type) and references (and to which resource). The identity (natural
 * key) is derived from the table's primary key: a surrogate key (studentUSI, staffUSI) is replaced by
 * the natural key it stands for (studentUniqueId, staffUniqueId) — in the resource itself and in every
 * reference to it.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

export interface DescriptorDef {
  json: string;
  /** Descriptor type, e.g. 'GradeLevelDescriptor'. */
  type: string;
}

export interface ReferenceDef {
  /** e.g. 'schoolReference'. */
  json: string;
  /** Target collection (or internal resource) name. */
  target: string;
  /**
   * Reference key (JSON) → local property, or [local property, the target's key name] when they
   * differ; null = accepted and matched against the target, not stored (the table has no column).
   */
  keys: Record<string, string | null | [string, string]>;
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
  parent?: { table: PgTable; link: [string, string]; scalars: (string | [string, string])[]; descriptors?: DescriptorDef[]; discriminator: string };
  /** PUT may change the natural key (recorded for /keyChanges). */
  allowKeyChanges?: boolean;
  /** Internal: a reference target only, no routes. */
  internal?: boolean;
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
  /** Set when the referenced key is a surrogate: the target's natural-key column the JSON value matches. */
  viaSurrogate?: boolean;
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

export interface ResourceModel {
  def: ResourceDef;
  collection: string;
  name: string;
  table: PgTable;
  tableName: string;
  qualifiedName: string;
  columns: PgColumn[];
  idColumn: PgColumn;
  scalars: ScalarModel[];
  descriptors: DescriptorModel[];
  references: ReferenceModel[];
  /** Primary-key columns (tenant excluded). */
  keyColumns: PgColumn[];
  /** Natural key as the API sees it (the surrogate replaced by its natural key column). */
  identity: IdentityPart[];
  surrogate?: { column: PgColumn; naturalKey: PgColumn };
  parent?: { table: PgTable; tableName: string; childLink: PgColumn; parentLink: PgColumn; scalars: ScalarModel[]; descriptors: DescriptorModel[]; discriminator: string; discriminatorColumn?: PgColumn };
}

export function columnOf(table: PgTable, prop: string): PgColumn {
  const column = (table as unknown as Record<string, PgColumn | undefined>)[prop];
  if (!column || typeof column !== 'object' || !('columnType' in column)) throw new Error(`${getTableConfig(table).name} has no column property ${prop}`);
  return column;
}

function tableName(table: PgTable): string {
  const config = getTableConfig(table);
  return `"${config.schema ?? 'public'}"."${config.name}"`;
}

export function compile(def: ResourceDef, all: Map<string, ResourceDef>): ResourceModel {
  const config = getTableConfig(def.table);
  const col = (prop: string) => columnOf(def.table, prop);
  const scalars = def.scalars.map((s) => (typeof s === 'string' ? { json: s, column: col(s), onParent: false } : { json: s[0], column: col(s[1]), onParent: false }));
  const descriptors = (def.descriptors ?? []).map((d) => ({ json: d.json, column: col(`${d.json}Id`), type: d.type, onParent: false }));
  const references: ReferenceModel[] = (def.references ?? []).map((r) => {
    const target = all.get(r.target);
    if (!target) throw new Error(`${def.collection}.${r.json}: unknown target ${r.target}`);
    const keys = Object.entries(r.keys).map(([json, spec]) => {
      const [prop, targetKey] = Array.isArray(spec) ? spec : [spec, json];
      return { json, targetKey, column: prop === null ? undefined : col(prop), viaSurrogate: target.surrogate !== undefined && target.surrogate.naturalKey === targetKey };
    });
    return { json: r.json, target: r.target, keys, required: !r.optional && keys.some((k) => k.column?.notNull), unchecked: r.unchecked === true };
  });
  const pk = (config.primaryKeys[0]?.columns ?? []).filter((c) => c.name !== 'tenant_id');
  const surrogate = def.surrogate ? { column: col(def.surrogate.prop), naturalKey: col(def.surrogate.naturalKey) } : undefined;
  const identity: IdentityPart[] = pk.map((column) => {
    if (surrogate && column.name === surrogate.column.name) return { path: [def.surrogate!.naturalKey], column: surrogate.naturalKey };
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
      scalars: p.scalars.map((s) => (typeof s === 'string' ? { json: s, column: pcol(s), onParent: true } : { json: s[0], column: pcol(s[1]), onParent: true })),
      descriptors: (p.descriptors ?? []).map((d) => ({ json: d.json, column: pcol(`${d.json}Id`), type: d.type, onParent: true })),
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
  };
}

/** The column of `model` that answers to a reference key `json` (for looking the target up). */
export function lookupColumn(model: ResourceModel, json: string): PgColumn | undefined {
  return model.identity.find((p) => p.path[p.path.length - 1] === json)?.column;
}
