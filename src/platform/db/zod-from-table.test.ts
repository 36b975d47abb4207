/**
 * The derived zod schemas carry the same value rules as the SQL CHECKs: for every enumerated or
 * ranged column of every table, a value the CHECK refuses is refused by zod, and an allowed one passes.
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { allTables } from '../../schema.js';
import { classroomSessions } from '../../domains/classroom/tables.js';
import { orgs } from '../../domains/oneroster/tables.js';
import { student } from '../../domains/edfi/tables.js';
import { ruleFor } from './schema-kit.js';
import { columnSchema, insertSchema } from './zod-from-table.js';

describe('zod schemas derived from the tables', () => {
  it('mirror every CHECK rule declared in the data model', () => {
    let rules = 0;
    for (const entry of allTables()) {
      for (const column of getTableConfig(entry.table).columns) {
        const rule = ruleFor(column);
        if (!rule) continue;
        rules++;
        const schema = columnSchema(column);
        const where = `${entry.qualifiedName}.${column.name}`;
        if (rule.kind === 'enum') {
          expect(schema.safeParse(rule.values[0]).success, where).toBe(true);
          expect(schema.safeParse('__not_allowed__').success, where).toBe(false);
          if (rule.caseInsensitive) expect(schema.safeParse(rule.values[0]!.toUpperCase()).success, where).toBe(true);
        } else {
          expect(schema.safeParse(rule.min).success, where).toBe(true);
          expect(schema.safeParse(rule.max).success, where).toBe(true);
          expect(schema.safeParse(rule.max + 1).success, where).toBe(false);
          expect(schema.safeParse(rule.min - 1).success, where).toBe(false);
        }
      }
    }
    console.log(`value rules mirrored in zod: ${rules}`);
    expect(rules).toBeGreaterThan(100);
  });

  it('derives types, lengths, required fields and refuses unknown fields', () => {
    const schema = insertSchema(student, { omit: ['tenantId'] });
    const ok = schema.safeParse({
      studentUniqueId: '604821',
      firstName: 'Ana',
      lastSurname: 'Diaz',
      birthDate: '2012-03-04',
    });
    expect(ok.success).toBe(true);
    const bad = schema.safeParse({
      studentUniqueId: 'x'.repeat(33),
      lastSurname: 'Diaz',
      birthDate: '2012-13-45',
      nickname: 'A',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(expect.arrayContaining(['studentUniqueId', 'firstName', 'birthDate', 'unrecognized_keys']));
    expect(
      insertSchema(orgs)
        .safeParse({ tenantId: 'nope', sourcedId: 'o', name: 'n', type: 'galaxy' })
        .error!.issues.map((i) => i.path[0]),
    ).toEqual(['tenantId', 'type']);
    expect(insertSchema(classroomSessions, { omit: ['tenantId'] }).safeParse({ title: 't' }).success).toBe(false);
  });
});
