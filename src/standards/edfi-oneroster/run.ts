/**
 * Running the projection for a whole tenant in its own tenant transaction (the CLI command and the
 * step after an interchange load), audited as the projection's system actor, and its report as text.
 */
import type { Database } from '../../platform/db/database.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { projectEdfiToOneRoster, type ProjectionOptions, type ProjectionReport } from './projection.js';

export const PROJECTION_ACTOR = 'system:edfi-oneroster-projection';

/** Projects the tenant's Ed-Fi data into OneRoster (all kinds unless `only`), in one transaction. */
export async function projectTenant(
  database: Database,
  tenantId: string,
  options: Omit<ProjectionOptions, 'sourceIds'> = {},
): Promise<ProjectionReport> {
  const auditAs = options.auditAs ?? { tenantId, actorId: PROJECTION_ACTOR, roles: [] };
  return tenantTransaction(database, tenantId, ({ tx }) =>
    projectEdfiToOneRoster(tx, tenantId, { ...options, auditAs }),
  );
}

/** One line per OneRoster table: inserted, updated, marked tobedeleted. */
export function projectionText(report: ProjectionReport): string {
  const lines = Object.entries(report).map(
    ([table, c]) =>
      `  ${table.padEnd(28)} ${String(c.inserted).padStart(7)} inserted ${String(c.updated).padStart(7)} updated ` +
      `${String(c.retired).padStart(7)} tobedeleted`,
  );
  return ['OneRoster projection of the Ed-Fi data:', ...lines].join('\n');
}

/** The interchange load's follow-up: project the whole tenant and describe it (one call line in the load command). */
export async function projectAfterLoad(database: Database, tenantId: string): Promise<string> {
  return projectionText(await projectTenant(database, tenantId));
}
