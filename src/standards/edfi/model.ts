/**
 * How an Ed-Fi resource is described (`ResourceDef`, written once per resource in resources*.ts) and
 * the compiled model every route, validator, SQL statement and the OpenAPI document derive from
 * (compiled from the description by compile.ts).
 *
 * A description names only what the table cannot tell: the collection name, which JSON names are
 * scalars, descriptors (and their type) and references (and to which resource). The identity (natural
 * key) is derived from the table's primary key: a surrogate key (studentUSI, staffUSI) is replaced by
 * the natural key it stands for (studentUniqueId, staffUniqueId) — in the resource itself and in every
 * reference to it. Child collections (`children`: School.gradeLevels[], CalendarDate.calendarEvents[]…) are
 * arrays inside the resource, stored as rows of a child table that carries the parent's key.
 */
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

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
