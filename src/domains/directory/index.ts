/**
 * The directory's public entry: read-only views of who is in which school and section (the web
 * app's homes and search). It owns no table: it reads the Ed-Fi tables through the caller's reach.
 */
import type { DomainModule } from '../../platform/service/module.js';
import { directoryRoutes } from './routes.js';

export { frontDesk, overview } from './dashboards.js';
export { search } from './search.js';
export { mySections, myClasses, myChildren, sectionRoster, studentProfile } from './service.js';

export const directoryModule: DomainModule = { name: 'directory', owns: [], register: directoryRoutes };
