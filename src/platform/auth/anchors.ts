/**
 * Where a table's rows touch the relationships the policy engine checks (its "anchors"): the Ed-Fi
 * student, school, staff member or section a row is about, the classroom session or student. Lists
 * are confined by anchor (policy-guard.ts) and single records are decided from the anchors' values,
 * so both read the same columns.
 *
 * The platform's naming convention gives most anchors: `studentusi`/`student_usi` (Ed-Fi student),
 * an integer `schoolid`/`school_id` (Ed-Fi school), `staffusi`, and the four section key columns
 * (`sectionidentifier`, `localcoursecode`, `schoolid`, `schoolyear`). Tables whose anchors the names
 * do not tell (the classroom subsystem's uuid ids) declare them with `declareAnchors` in their domain.
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

/** Column names (as in the database) of each anchor a table has. */
export interface Anchors {
  student?: string;
  school?: string;
  staff?: string;
  section?: readonly [string, string, string, string];
  classroomSession?: string;
  classroomStudent?: string;
}

const declared = new WeakMap<object, Anchors>();
const SECTION = ['sectionidentifier', 'localcoursecode', 'schoolid', 'schoolyear'] as const;

type Declaration = { [K in keyof Anchors]?: K extends 'section' ? never : PgColumn };

/** Declares the anchors of `table` that its column names do not tell. */
export function declareAnchors(table: PgTable, anchors: Declaration): void {
  const names: Anchors = {};
  for (const [anchor, column] of Object.entries(anchors) as [keyof Anchors, PgColumn][]) {
    if (anchor !== 'section') (names as Record<string, string>)[anchor] = column.name;
  }
  declared.set(table, { ...declared.get(table), ...names });
}

const cache = new WeakMap<object, Anchors>();

export function anchorsOf(table: PgTable): Anchors {
  const known = cache.get(table);
  if (known) return known;
  const columns = getTableConfig(table).columns;
  const named = (...names: string[]) => columns.find((c) => names.includes(c.name));
  const school = named('schoolid', 'school_id');
  const anchors: Anchors = {
    ...(named('studentusi', 'student_usi') ? { student: named('studentusi', 'student_usi')!.name } : {}),
    // Seed 000's school_id is a uuid of users.schools, not an Ed-Fi school.
    ...(school && school.columnType !== 'PgUUID' ? { school: school.name } : {}),
    ...(named('staffusi') ? { staff: 'staffusi' } : {}),
    ...(SECTION.every((n) => named(n)) ? { section: SECTION } : {}),
    ...declared.get(table),
  };
  cache.set(table, anchors);
  return anchors;
}
