/**
 * One description per Ed-Fi entity: the Drizzle table, the resource description (resources*.ts) and the
 * interchange element (derived from it, interchange/resource-elements.ts) must agree. A column added to a table
 * without a decision — served by the resource, or listed below as internal with the reason — fails here, and
 * so does a resource the interchange neither loads nor lists as not loaded.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { ELEMENT_DEFS, NOT_IN_INTERCHANGE } from './interchange/resource-elements.js';
import { columnsRead } from './interchange/resource-mapping.js';
import type { ResourceModel, Shape } from './model.js';
import { RESOURCE_DEFS, resourceModel } from './resources.js';

/** Columns every Ed-Fi table has that no resource shows as a field. */
const EVERY_TABLE: Record<string, string> = {
  tenant_id: 'the tenant the row belongs to (row-level security); never part of a resource',
  createdate: 'bookkeeping: when the row was created',
  lastmodifieddate: 'answered as _lastModifiedDate, not a field of the description',
  changeversion: 'change queries (minChangeVersion/maxChangeVersion), not a field of the description',
};

/** Columns of one table deliberately not served by its Ed-Fi resource, and why. */
const INTERNAL: Record<string, Record<string, string>> = {
  'edfi.student': { metadata: 'Schola extension: free-form attributes the platform keeps beside the Ed-Fi record' },
  'edfi.schoolyeartype': {
    schoolyeardescription: 'school years are reference data the platform holds; the API names them by value',
    currentschoolyear: 'school years are reference data the platform holds; the API names them by value',
  },
  'edfi.course': { gpalevel: 'Schola extension: the level that earns a weighted-GPA add-on (grading policy)' },
  'edfi.gradebookentry': {
    gradingperioddescriptorid: 'Schola gradebook: the grading period the entry counts in (5.2 has a reference)',
    categoryid: 'Schola extension: the gradebook category the entry counts in',
  },
  'edfi.studentgradebookentry': {
    exempt: 'Schola extension: the student is excused from the item',
    late: 'Schola extension: turned in late',
    missing: 'Schola extension: not turned in (counts as 0)',
  },
  'edfi.grade': {
    computednumericgrade: 'Schola extension: the grade computed from the gradebook',
    computedlettergrade: 'Schola extension: the grade computed from the gradebook',
    overridereason: "Schola extension: a teacher's audited override of the computed grade",
    overriddenby: "Schola extension: a teacher's audited override of the computed grade",
    overriddenat: "Schola extension: a teacher's audited override of the computed grade",
  },
  'edfi.disciplineaction': {
    disciplinedescriptorid:
      'Ed-Fi 5.2 disciplines[] (one per action here, the interchange loads the first); the API has no collection yet',
    enddate: 'Schola discipline: when the action ends',
    assignedbystaffusi:
      'Ed-Fi 5.2 staffs[] (one per action here, the interchange loads the first); the API has no collection yet',
    incidentidentifier:
      'Ed-Fi 5.2 studentDisciplineIncidentBehaviorAssociations[] (one per action here, the interchange loads the ' +
      'first); the API has no collection yet',
  },
};

const nameOf = (table: PgTable) => {
  const config = getTableConfig(table);
  return `${config.schema}.${config.name}`;
};

const shapeColumns = (shape: Shape) => [
  ...shape.scalars.map((s) => s.column.name),
  ...shape.descriptors.map((d) => d.column.name),
  ...shape.references.flatMap((r) => r.keys.flatMap((k) => (k.column ? [k.column.name] : []))),
];

/** What each resource serves, by table: its own part, the supertype's, each child item's. */
function served(model: ResourceModel): Map<PgTable, Set<string>> {
  const own = new Set([
    model.idColumn.name,
    ...(model.surrogate ? [model.surrogate.column.name] : []),
    ...shapeColumns({
      scalars: model.scalars.filter((s) => !s.onParent),
      descriptors: model.descriptors.filter((d) => !d.onParent),
      references: model.references,
    }),
  ]);
  const tables = new Map<PgTable, Set<string>>([[model.table, own]]);
  if (model.parent)
    tables.set(
      model.parent.table,
      new Set([
        model.parent.parentLink.name,
        model.parent.discriminatorColumn!.name,
        ...model.scalars.filter((s) => s.onParent).map((s) => s.column.name),
        ...model.descriptors.filter((d) => d.onParent).map((d) => d.column.name),
      ]),
    );
  for (const child of model.children)
    tables.set(child.table, new Set([...child.link.map((l) => l.child.name), ...shapeColumns(child)]));
  return tables;
}

const models = RESOURCE_DEFS.map((def) => resourceModel(def.collection)!);

describe('one description per Ed-Fi entity', () => {
  it('every column of a described table is served by its resource or listed as internal, with the reason', () => {
    const servedBy = new Map<PgTable, Set<string>>();
    const childTables = new Set<PgTable>();
    for (const model of models) {
      for (const [table, columns] of served(model)) {
        const all = servedBy.get(table) ?? new Set<string>();
        for (const c of columns) all.add(c);
        servedBy.set(table, all);
      }
      for (const child of model.children) childTables.add(child.table);
    }
    const undecided: string[] = [];
    for (const [table, columns] of servedBy) {
      const internal = INTERNAL[nameOf(table)] ?? {};
      for (const column of getTableConfig(table).columns) {
        const isChildId = column.name === 'id' && childTables.has(table);
        if (columns.has(column.name) || column.name in EVERY_TABLE || column.name in internal || isChildId) continue;
        undecided.push(`${nameOf(table)}.${column.name}`);
      }
      // A listed column that the resource does serve (or the table lost) is a stale decision.
      for (const column of Object.keys(internal)) expect(columns.has(column), `${nameOf(table)}.${column}`).toBe(false);
    }
    expect(undecided, 'columns neither served by their Ed-Fi resource nor listed in INTERNAL').toEqual([]);
  });

  it('every resource is loaded by the interchange or listed as not loaded, with the reason', () => {
    const loaded = ELEMENT_DEFS.map((d) => d.collection);
    expect(new Set(loaded).size).toBe(loaded.length);
    for (const model of models) {
      const listed = model.collection in NOT_IN_INTERCHANGE;
      expect(loaded.includes(model.collection) !== listed, model.collection).toBe(true);
      if (listed) expect(NOT_IN_INTERCHANGE[model.collection]!.length).toBeGreaterThan(10);
    }
  });

  it('every field of a loaded resource is read by its interchange element', () => {
    for (const def of ELEMENT_DEFS) {
      const model = resourceModel(def.collection)!;
      const read = columnsRead(model, def);
      for (const [table, columns] of served(model)) {
        const missing = [...columns].filter(
          (c) =>
            !read.get(table)?.has(c) &&
            c !== model.idColumn.name &&
            // The person's own USI is generated; the interchange carries the natural key it stands for.
            c !== model.surrogate?.column.name,
        );
        expect(missing, `${def.collection} (${nameOf(table)})`).toEqual([]);
      }
    }
  });
});
