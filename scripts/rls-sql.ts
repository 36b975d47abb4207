/**
 * Prints the row-level-security SQL for tenant-owned tables (all of them, or those named), for a
 * custom migration (`npx drizzle-kit generate --custom --name …`, then paste, review, commit):
 *
 *   npx tsx scripts/rls-sql.ts [schema.table …] > /tmp/rls.sql
 *
 * The app works through the non-owner role `schola_app`, switched to per transaction with the
 * tenant set (src/platform/db/tenant-transaction.ts); these policies confine it to that tenant.
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import { allTables } from '../src/schema.js';
import { isGlobalTable } from '../src/platform/db/schema-kit.js';

export const APP_ROLE = 'schola_app';
const TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;
/** Append-only for the app: audit rows are never updated or deleted through it. */
const APPEND_ONLY = new Set(['compliance.audit_logs']);
/** Not reachable by the app role at all. */
const PRIVATE = new Set(['admin.schema_migrations']);

export function rlsSql(only?: Set<string>): string {
  const out: string[] = [];
  const schemas = new Set<string>();
  for (const entry of allTables()) {
    if (only && !only.has(entry.qualifiedName)) continue;
    if (PRIVATE.has(entry.qualifiedName)) continue;
    const table = `"${entry.schema}"."${entry.name}"`;
    schemas.add(entry.schema);
    const tenantOwned = getTableConfig(entry.table).columns.some((c) => c.name === 'tenant_id');
    if (entry.qualifiedName === 'platform.tenants') {
      out.push(`GRANT SELECT ON ${table} TO ${APP_ROLE};`);
      out.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;`);
      out.push(`CREATE POLICY "tenant_isolation" ON ${table} TO ${APP_ROLE} USING ("id" = ${TENANT});`);
      continue;
    }
    if (!tenantOwned || isGlobalTable(entry.table)) {
      out.push(`GRANT SELECT ON ${table} TO ${APP_ROLE};`);
      continue;
    }
    const privileges = APPEND_ONLY.has(entry.qualifiedName) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
    out.push(`GRANT ${privileges} ON ${table} TO ${APP_ROLE};`);
    out.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;`);
    out.push(
      `CREATE POLICY "tenant_isolation" ON ${table} TO ${APP_ROLE} USING ("tenant_id" = ${TENANT}) WITH CHECK ` +
        `("tenant_id" = ${TENANT});`,
    );
  }
  const header = [
    `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} ` +
      `NOLOGIN; END IF; END $$;`,
    // The connecting role switches to schola_app per transaction (SET LOCAL ROLE).
    `GRANT ${APP_ROLE} TO CURRENT_USER;`,
    ...[...schemas]
      .sort()
      .flatMap((s) => [
        `GRANT USAGE ON SCHEMA "${s}" TO ${APP_ROLE};`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${s}" TO ${APP_ROLE};`,
      ]),
  ];
  return [...(only ? [] : header), ...out].join('\n--> statement-breakpoint\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2);
  console.log(rlsSql(names.length ? new Set(names) : undefined));
}
