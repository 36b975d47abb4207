/** The curriculum's public entry: courses → levels → modules → lessons, progress and badge rules. */
import type { DomainModule } from '../../platform/service/module.js';
import { CURRICULUM_PATHS as P, curriculumRoutes } from './routes.js';
import { courseTypes, lessons, levels, modules } from './tables.js';

export {
  addLesson,
  addLevel,
  addModule,
  courseTree,
  createCourse,
  moveLesson,
  removeLesson,
  updateLesson,
} from './courses.js';
export { awardRuleBadges, completeLesson, studentBadges } from './progress.js';
export { BADGE_RULES, PERFECT_MONTH_MIN_SESSIONS } from './schemas.js';
export { CEFR_LEVELS } from './levels.js';

export const curriculumModule: DomainModule = {
  name: 'curriculum',
  owns: [
    { table: courseTypes, writeVia: [`POST ${P.courses}`] },
    { table: levels, writeVia: [`POST ${P.levels}`] },
    { table: modules, writeVia: [`POST ${P.modules}`] },
    {
      table: lessons,
      writeVia: [`POST ${P.lessons}`, `PATCH ${P.lesson}`, `POST ${P.lesson}/move`, `DELETE ${P.lesson}`],
    },
  ],
  register: curriculumRoutes,
};
