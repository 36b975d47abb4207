/**
 * The health domain's public entry: the nurse's lists and recording an immunization. The service owns
 * health.immunizations (its rules hold there); the other health tables are read and written through
 * the generic API, under the policy engine (sensitive_health).
 */
import type { DomainModule } from '../../platform/service/module.js';
import { HEALTH_PATHS, healthRoutes } from './routes.js';
import { immunizations } from './tables.js';

export { allergyList, immunizationCompliance, medicationsToday, recordImmunization } from './service.js';
export { HEALTH_RULES, IMMUNIZATION_REQUIREMENTS } from './schemas.js';

export const healthModule: DomainModule = {
  name: 'health',
  owns: [{ table: immunizations, writeVia: [`POST ${HEALTH_PATHS.immunizations}`] }],
  register: healthRoutes,
};
