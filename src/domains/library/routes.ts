/** The library's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { serviceRoutes } from '../../platform/service/routes.js';
import { LIBRARY_ERROR_CODES } from './errors.js';
import {
  addResourceInput,
  checkOutInput,
  checkoutParams,
  checkoutView,
  overdueQuery,
  overdueView,
  resourceParams,
  resourceView,
  updateResourceInput,
} from './schemas.js';
import { addResource, updateResource } from './catalogue.js';
import { checkOut, overdueLoans, renewLoan, reportLost, returnItem } from './service.js';

const tags = ['library'];
const errors = LIBRARY_ERROR_CODES;

export const LIBRARY_PATHS = {
  checkouts: '/api/v1/library/checkouts',
  resources: '/api/v1/library/resources',
} as const;

export function libraryRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'POST',
    url: LIBRARY_PATHS.checkouts,
    summary: 'Check out an item to a student',
    description: 'Takes one available copy; due in 14 days unless a due date is given.',
    body: checkOutInput,
    response: { status: 201, description: 'The new loan', schema: checkoutView },
    run: (work, { body }) => checkOut(work, body),
  });
  const loanAction = (action: string, summary: string, fn: typeof returnItem) =>
    serve({
      method: 'POST',
      url: `${LIBRARY_PATHS.checkouts}/:checkoutId/${action}`,
      summary,
      params: checkoutParams,
      response: { status: 200, description: 'The loan after the change', schema: checkoutView },
      run: (work, { params }) => fn(work, params.checkoutId),
    });
  loanAction('return', 'Return a loaned (or lost and found) item', returnItem);
  loanAction('renew', 'Renew a loan for another loan period', renewLoan);
  loanAction('lost', 'Report a loaned item lost', reportLost);
  serve({
    method: 'GET',
    url: '/api/v1/library/overdue',
    summary: 'Loans past their due date',
    query: overdueQuery,
    response: { status: 200, description: 'Overdue loans, oldest first', schema: overdueView },
    errors: [],
    run: (work, { query }) => overdueLoans(work, query),
  });
  serve({
    method: 'POST',
    url: LIBRARY_PATHS.resources,
    summary: 'Add a title to the catalogue',
    body: addResourceInput,
    response: { status: 201, description: 'The catalogue entry', schema: resourceView },
    run: (work, { body }) => addResource(work, body),
  });
  serve({
    method: 'PATCH',
    url: `${LIBRARY_PATHS.resources}/:resourceId`,
    summary: 'Change copies owned, shelf location, or withdraw a title',
    params: resourceParams,
    body: updateResourceInput,
    response: { status: 200, description: 'The catalogue entry', schema: resourceView },
    run: (work, { params, body }) => updateResource(work, params.resourceId, body),
  });
}
