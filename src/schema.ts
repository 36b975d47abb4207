/**
 * The whole data model of Schola: every Drizzle table of every domain, collected once.
 * Used by documentation, coverage checks, the demo generator's truncation and (later) the
 * resource registry. Domains are imported as namespaces because table names repeat across seeds
 * (`users`, `classes`, `enrollments`, `sessions`, `resources` …) in different PostgreSQL schemas.
 */
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import * as tenancy from './platform/tenancy/tables.js';
import * as platformDb from './platform/db/tables.js';
import * as edfi from './domains/edfi/tables.js';
import * as oneroster from './domains/oneroster/tables.js';
import * as mastery from './domains/mastery/tables.js';
import * as health from './domains/health/tables.js';
import * as transportation from './domains/transportation/tables.js';
import * as specialed from './domains/specialed/tables.js';
import * as cafeteria from './domains/cafeteria/tables.js';
import * as library from './domains/library/tables.js';
import * as activities from './domains/activities/tables.js';
import * as compliance from './domains/compliance/tables.js';
import * as classroom from './domains/classroom/tables.js';
import * as districts from './domains/districts/tables.js';
import * as notifications from './domains/notifications/tables.js';
import * as operations from './domains/operations/tables.js';
import * as core from './domains/core/tables.js';
import * as curriculum from './domains/curriculum/tables.js';
import * as toolbox from './domains/toolbox/tables.js';
import * as schoolOps from './domains/school-ops/tables.js';
import * as finance from './domains/finance/tables.js';
import * as crm from './domains/crm/tables.js';
import * as aiMemory from './domains/ai-memory/tables.js';
import * as supervision from './domains/supervision/tables.js';
import * as identity from './domains/identity/tables.js';

/** Domain name → its table module. The domain names match the folders under src/domains. */
export const DOMAIN_MODULES = {
  platform: { ...tenancy, ...platformDb },
  edfi,
  oneroster,
  mastery,
  health,
  transportation,
  specialed,
  cafeteria,
  library,
  activities,
  compliance,
  classroom,
  districts,
  notifications,
  operations,
  core,
  curriculum,
  toolbox,
  'school-ops': schoolOps,
  finance,
  crm,
  'ai-memory': aiMemory,
  supervision,
  identity,
} as const;

export interface TableEntry {
  domain: string;
  exportName: string;
  schema: string;
  name: string;
  qualifiedName: string;
  table: PgTable;
}

let entries: TableEntry[] | undefined;

/** Every table, each once, in a stable order (domain, then schema.table). */
export function allTables(): TableEntry[] {
  if (entries) return entries;
  const seen = new Set<PgTable>();
  const list: TableEntry[] = [];
  for (const [domain, mod] of Object.entries(DOMAIN_MODULES)) {
    for (const [exportName, value] of Object.entries(mod)) {
      if (!is(value, PgTable) || seen.has(value)) continue;
      seen.add(value);
      const config = getTableConfig(value);
      const schema = config.schema ?? 'public';
      list.push({
        domain,
        exportName,
        schema,
        name: config.name,
        qualifiedName: `${schema}.${config.name}`,
        table: value,
      });
    }
  }
  entries = list;
  return list;
}
