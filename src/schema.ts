/**
 * The whole data model of Schola: every Drizzle table of every domain, collected once and registered
 * as the platform's table catalog (src/platform/db/catalog.ts) — the platform does not import
 * domains, so this composition-level module hands them to it, with each table's data classification
 * (src/data-classification.ts). Importing it registers both. Domains are imported as namespaces
 * because table names repeat across seeds (`users`, `classes`, `sessions`, …) in different schemas.
 */
import { registerClassifications } from './platform/auth/classification.js';
import { allTables, collectTables, registerTables, type TableEntry } from './platform/db/catalog.js';
import { classifyTables } from './data-classification.js';
import './relationships.js'; // registers the domains' relationship facts for the policy engine
import * as tenancy from './platform/tenancy/tables.js';
import * as platformDb from './platform/db/tables.js';
import * as platformAudit from './platform/audit/tables.js';
import * as platformPolicies from './platform/auth/tables.js';
import * as platformJobs from './platform/jobs/tables.js';
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
import * as notifications from './platform/notifications/tables.js';
import * as operations from './domains/operations/tables.js';
import * as core from './domains/core/tables.js';
import * as curriculum from './domains/curriculum/tables.js';
import * as toolbox from './domains/toolbox/tables.js';
import * as schoolOps from './domains/school-ops/tables.js';
import * as finance from './domains/finance/tables.js';
import * as crm from './domains/crm/tables.js';
import * as aiMemory from './domains/ai-memory/tables.js';
import * as supervision from './domains/supervision/tables.js';
import * as identity from './platform/identity/tables.js';

/** Domain name → its table module. The domain names match the folders under src/domains. */
export const DOMAIN_MODULES = {
  platform: { ...tenancy, ...platformDb, ...platformAudit, ...platformPolicies, ...platformJobs },
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

const tables = collectTables(DOMAIN_MODULES);
registerTables(tables);
registerClassifications(classifyTables(tables));

export { allTables, type TableEntry };
