/**
 * A resource description (`ResourceDef`, model.ts) compiled against its Drizzle table into the
 * `ResourceModel`: the identity from the primary key (a surrogate replaced by the natural key it stands
 * for), each reference's keys and where they come from, and the child collections' shapes.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type {
  ChildDef,
  DescriptorDef,
  ChildModel,
  IdentityPart,
  ReferenceDef,
  ReferenceKeyModel,
  ReferenceKeySpec,
  ReferenceModel,
  ResourceDef,
  ResourceModel,
  Shape,
} from './model.js';

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
