/** The library's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { route } from '../../platform/service/routes.js';
import { requestWork } from '../../platform/service/work.js';
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
import { addResource, checkOut, overdueLoans, renewLoan, reportLost, returnItem, updateResource } from './service.js';

const tags = ['library'];
const errors = LIBRARY_ERROR_CODES;

export const LIBRARY_PATHS = {
  checkouts: '/api/v1/library/checkouts',
  resources: '/api/v1/library/resources',
} as const;

export function libraryRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'POST',
      url: LIBRARY_PATHS.checkouts,
      summary: 'Check out an item to a student',
      description: 'Takes one available copy; due in 14 days unless a due date is given.',
      tags,
      body: checkOutInput,
      response: { status: 201, description: 'The new loan', schema: checkoutView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => checkOut(work, body)),
  );
  const loanAction = (action: string, summary: string, fn: typeof returnItem) =>
    route(
      app,
      {
        method: 'POST',
        url: `${LIBRARY_PATHS.checkouts}/:checkoutId/${action}`,
        summary,
        tags,
        params: checkoutParams,
        response: { status: 200, description: 'The loan after the change', schema: checkoutView },
        errors,
      },
      ({ params, request }) => requestWork(request, (work) => fn(work, params.checkoutId)),
    );
  loanAction('return', 'Return a loaned (or lost and found) item', returnItem);
  loanAction('renew', 'Renew a loan for another loan period', renewLoan);
  loanAction('lost', 'Report a loaned item lost', reportLost);
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/library/overdue',
      summary: 'Loans past their due date',
      tags,
      query: overdueQuery,
      response: { status: 200, description: 'Overdue loans, oldest first', schema: overdueView },
    },
    ({ query, request }) => requestWork(request, (work) => overdueLoans(work, query)),
  );
  route(
    app,
    {
      method: 'POST',
      url: LIBRARY_PATHS.resources,
      summary: 'Add a title to the catalogue',
      tags,
      body: addResourceInput,
      response: { status: 201, description: 'The catalogue entry', schema: resourceView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => addResource(work, body)),
  );
  route(
    app,
    {
      method: 'PATCH',
      url: `${LIBRARY_PATHS.resources}/:resourceId`,
      summary: 'Change copies owned, shelf location, or withdraw a title',
      tags,
      params: resourceParams,
      body: updateResourceInput,
      response: { status: 200, description: 'The catalogue entry', schema: resourceView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => updateResource(work, params.resourceId, body)),
  );
}
