/**
 * The health domain's public entry: the nurse's lists, recording an immunization and the office visits.
 * The service owns health.immunizations and health.nurse_visits (their rules hold there); the other
 * health tables are read and written through the generic API, under the policy engine (sensitive_health).
 */
import type { DomainModule } from '../../platform/service/module.js';
import { HEALTH_PATHS, healthRoutes } from './routes.js';
import { immunizations, nurseVisits } from './tables.js';

export { allergyList, immunizationCompliance, medicationsToday, recordImmunization } from './service.js';
export { checkOutVisit, recordVisit, visitList } from './visits.js';
export { HEALTH_RULES, IMMUNIZATION_REQUIREMENTS } from './schemas.js';

export const healthModule: DomainModule = {
  name: 'health',
  owns: [
    { table: immunizations, writeVia: [`POST ${HEALTH_PATHS.immunizations}`] },
    {
      table: nurseVisits,
      writeVia: [`POST ${HEALTH_PATHS.visits}`, `POST ${HEALTH_PATHS.visits}/{visitId}/check-out`],
    },
  ],
  register: healthRoutes,
};
