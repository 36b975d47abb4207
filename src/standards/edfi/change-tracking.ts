/**
 * Ed-Fi Change Queries are kept by the database itself, so that no write path can forget them (the Ed-Fi
 * API, the generic /api/v1, interchange loads, the OneRoster write-back, a DBA's UPDATE):
 *
 * - every table with a `changeversion` column takes a new value of `edfi.changeversionsequence` on each
 *   INSERT and UPDATE (BEFORE trigger `edfi_change_version`, function `edfi.bump_change_version`);
 * - a child collection's rows (school grade levels, score results…) touch their parent on any change
 *   (statement trigger `edfi_touch_parent_*`), so the resource's change version and lastModifiedDate move;
 * - a served resource's DELETE is recorded in `edfi.deletes_tracking` with the natural key as /deletes
 *   reports it (AFTER trigger `edfi_track_delete`), cascaded deletes included.
 *
 * This module writes that SQL from the resource models. The migrations hold it as generated at the time
 * (`drizzle/*_edfi_change_version_triggers.sql`); `change-tracking.test.ts` checks the migrated catalog
 * has every trigger this module would write, so a new table or resource is not forgotten.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import type { ChildModel, ResourceModel } from './model.js';
import { keyValuesSql } from './query.js';

const dialect = new PgDialect();
/** drizzle-kit's statement separator: the migration runner runs each part as one statement. */
const BREAK = '--> statement-breakpoint';

/** "edfi"."student" → edfi.student; function names are derived from the plain table name. */
const plain = (quoted: string) => quoted.replace(/"/g, '');
const bare = (quoted: string) => plain(quoted).split('.').pop()!;

export const BUMP_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION edfi.bump_change_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Every insert and update of a change-tracked row takes a new change version, whoever writes it.
  NEW.changeversion := nextval('edfi.changeversionsequence');
  RETURN NEW;
END
$$;`;

export function bumpTriggerSql(qualifiedTable: string): string {
  return `CREATE TRIGGER edfi_change_version BEFORE INSERT OR UPDATE ON ${qualifiedTable}
  FOR EACH ROW EXECUTE FUNCTION edfi.bump_change_version();`;
}

/** AFTER DELETE: the deleted item's id and natural key, for GET /{collection}/deletes. */
export function deleteTrackingSql(model: ResourceModel): string {
  const keys = dialect.sqlToQuery(keyValuesSql(model, 'OLD'));
  if (keys.params.length > 0) throw new Error(`the key of ${model.name} must not take parameters`);
  const fn = `edfi.track_delete_${bare(model.tableName)}`;
  return `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO edfi.deletes_tracking (tenant_id, resource, id, keyvalues)
  VALUES (OLD.tenant_id, '${model.collection}', OLD.id, ${keys.sql});
  RETURN OLD;
END
$$;
${BREAK}
CREATE TRIGGER edfi_track_delete AFTER DELETE ON ${plain(model.tableName)}
  FOR EACH ROW EXECUTE FUNCTION ${fn}();`;
}

/** One statement trigger per event on the child table: the parents of the rows changed are updated once. */
export function touchParentSql(model: ResourceModel, child: ChildModel): string {
  const childName = bare(child.tableName);
  const fn = `edfi.touch_parent_of_${childName}`;
  const parentKey = ['tenant_id', ...child.link.map((l) => l.parent.name)];
  const childKey = ['tenant_id', ...child.link.map((l) => l.child.name)];
  const triggers = (['INSERT', 'UPDATE', 'DELETE'] as const).map(
    (event) => `CREATE TRIGGER edfi_touch_parent_${event.toLowerCase()} AFTER ${event} ON ${plain(child.tableName)}
  REFERENCING ${event === 'DELETE' ? 'OLD' : 'NEW'} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
  );
  return `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A child item is part of its parent resource: the parent's change version and lastModifiedDate move.
  UPDATE ${plain(model.tableName)} p SET lastmodifieddate = now()
  WHERE (${parentKey.map((k) => `p.${k}`).join(', ')}) IN (SELECT DISTINCT ${childKey.join(', ')} FROM changed);
  RETURN NULL;
END
$$;
${BREAK}
${triggers.join(`\n${BREAK}\n`)}`;
}

/** Every change-tracking trigger for the given tables (with a changeversion column) and served resources. */
export function changeTrackingSql(changeVersionTables: readonly string[], resources: readonly ResourceModel[]): string {
  return [
    BUMP_FUNCTION_SQL,
    ...changeVersionTables.map(bumpTriggerSql),
    ...resources.map(deleteTrackingSql),
    ...resources.flatMap((model) => model.children.map((child) => touchParentSql(model, child))),
  ].join(`\n${BREAK}\n`);
}
