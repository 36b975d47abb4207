/**
 * The mastery-learning domain's public entry (two-hour learning, seed 004 §10): its module (routes,
 * the tables only its service writes) and the pure rules others may show.
 */
import type { DomainModule } from '../../platform/service/module.js';
import { MASTERY_PATHS, masteryRoutes } from './routes.js';
import { dailyTargets, mapTestResults, masteryProgress } from './tables.js';

export * from './rules.js';
export { planDay, recordTargetProgress } from './service.js';
export { recordLessonAttempt, recordMapResult, testOut } from './skills.js';

export const masteryModule: DomainModule = {
  name: 'mastery',
  owns: [
    {
      table: dailyTargets,
      writeVia: [`POST ${MASTERY_PATHS.day} (plan the day)`, `PATCH ${MASTERY_PATHS.target}`],
    },
    { table: masteryProgress, writeVia: [`POST ${MASTERY_PATHS.attempts}`, `POST ${MASTERY_PATHS.testOuts}`] },
    { table: mapTestResults, writeVia: [`POST ${MASTERY_PATHS.mapResults}`] },
  ],
  register: masteryRoutes,
};
