/**
 * The library domain's public entry: what other domains, the standards bindings and the composition
 * root may use. Everything else in this folder is private to it.
 */
import type { DomainModule } from '../../platform/service/module.js';
import { LIBRARY_PATHS, libraryRoutes } from './routes.js';
import { checkouts, resources } from './tables.js';

export { addResource, updateResource } from './catalogue.js';
export { checkOut, overdueLoans, renewLoan, reportLost, returnItem } from './service.js';
export { LENDING_RULES, type CheckoutView, type ResourceView } from './schemas.js';

export const libraryModule: DomainModule = {
  name: 'library',
  owns: [
    {
      table: checkouts,
      writeVia: [
        `POST ${LIBRARY_PATHS.checkouts} (check out)`,
        `POST ${LIBRARY_PATHS.checkouts}/{checkoutId}/return`,
        `POST ${LIBRARY_PATHS.checkouts}/{checkoutId}/renew`,
        `POST ${LIBRARY_PATHS.checkouts}/{checkoutId}/lost`,
      ],
    },
    {
      table: resources,
      writeVia: [`POST ${LIBRARY_PATHS.resources}`, `PATCH ${LIBRARY_PATHS.resources}/{resourceId}`],
    },
  ],
  register: libraryRoutes,
};
