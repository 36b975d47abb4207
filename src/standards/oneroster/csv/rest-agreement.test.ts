/**
 * The OneRoster CSV column map (files.ts) and the REST field descriptions (resources*.ts) are still two
 * declarations over the same oneroster.* tables; this holds them together: every physical column either names
 * is a column of the Drizzle table, and every stored CSV column of a file that a REST entity serves is read by
 * one of that entity's fields. (The link files — roles, userProfiles, the line item/result/resource links —
 * are served nested inside their parent entity's fields and are not compared here.)
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as assessment from '../assessment-resources.js';
import type { Entity } from '../entity-kit.js';
import * as gradebook from '../gradebook-resources.js';
import * as rostering from '../resources.js';
import * as service from '../resources-service.js';
import { FILES } from './files.js';

const isEntity = (v: unknown): v is Entity => typeof v === 'object' && v !== null && 'fields' in v && 'table' in v;
const entities = [rostering, gradebook, assessment, service].flatMap((m) => Object.values(m).filter(isEntity));
/** The physical columns of alias `t` a REST field's SQL reads. */
const columnsRead = (entity: Entity) =>
  Object.values(entity.fields).flatMap((f) => [...f.sql.matchAll(/\bt\.([a-z_]+)/g)].map((m) => m[1]!));

describe('OneRoster CSV columns and REST fields', () => {
  it('name only columns of the Drizzle tables', () => {
    for (const file of FILES) {
      const columns = new Set(getTableConfig(file.table!).columns.map((c) => c.name));
      for (const c of file.columns)
        if (c.db && !c.db.startsWith('_')) expect(columns.has(c.db), `${file.name}.${c.csv} → ${c.db}`).toBe(true);
      for (const entity of entities.filter((e) => e.table === file.tableName))
        for (const column of columnsRead(entity))
          expect(columns.has(column), `${entity.plural}: t.${column}`).toBe(true);
    }
  });

  it('every stored CSV column of a file a REST entity serves is read by one of its fields', () => {
    let compared = 0;
    for (const file of FILES) {
      const served = entities.filter((e) => e.table === file.tableName);
      if (served.length === 0) continue;
      compared++;
      const read = new Set(served.flatMap(columnsRead));
      const missing = file.columns.filter((c) => c.db && !c.db.startsWith('_') && !read.has(c.db)).map((c) => c.csv);
      expect(missing, `${file.name}: CSV columns no REST field reads`).toEqual([]);
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });
});
