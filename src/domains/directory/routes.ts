/** The directory's HTTP face: thin read routes over service.ts, dashboards.ts and search.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { route } from '../../platform/service/routes.js';
import { requestWork } from '../../platform/service/work.js';
import {
  childrenList,
  frontDeskView,
  overviewView,
  searchQuery,
  searchResult,
  sectionList,
  sectionParams,
  sectionRoster,
  studentParams,
  studentProfile,
} from './schemas.js';
import { frontDesk, overview } from './dashboards.js';
import { search } from './search.js';
import * as directory from './service.js';

const tags = ['directory'];
const BASE = '/api/v1/directory';

export function directoryRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/overview`,
      summary: 'Counts of schools, students, staff and sections within reach; the latest imports and loads',
      tags,
      response: { status: 200, description: 'The overview', schema: overviewView },
    },
    ({ request }) => requestWork(request, (work) => overview(work)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/my-sections`,
      summary: "The signed-in teacher's sections",
      tags,
      response: { status: 200, description: 'Sections', schema: sectionList },
    },
    ({ request }) => requestWork(request, async (work) => ({ sections: await directory.mySections(work) })),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/my-classes`,
      summary: "The signed-in student's classes",
      tags,
      response: { status: 200, description: 'Sections', schema: sectionList },
    },
    ({ request }) => requestWork(request, async (work) => ({ sections: await directory.myClasses(work) })),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/my-children`,
      summary: "The signed-in parent's children, with their schools and sections",
      tags,
      response: { status: 200, description: 'Children', schema: childrenList },
    },
    ({ request }) => requestWork(request, async (work) => ({ children: await directory.myChildren(work) })),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/sections/:sectionId/roster`,
      summary: "A section and its students (name, grade), when within the caller's reach",
      tags,
      params: sectionParams,
      response: { status: 200, description: 'The roster', schema: sectionRoster },
      errors: ['not_found'],
    },
    ({ params, request }) => requestWork(request, (work) => directory.sectionRoster(work, params.sectionId)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/students/:studentUsi`,
      summary: "A student's profile: school, grade and sections",
      tags,
      params: studentParams,
      response: { status: 200, description: 'The profile', schema: studentProfile },
      errors: ['not_found'],
    },
    ({ params, request }) => requestWork(request, (work) => directory.studentProfile(work, params.studentUsi)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/front-desk`,
      summary: "A language school's front desk: next class sessions, overdue invoices, new leads",
      tags,
      response: { status: 200, description: 'The front desk', schema: frontDeskView },
    },
    ({ request }) => requestWork(request, (work) => frontDesk(work)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${BASE}/search`,
      summary: 'Students, staff and sections whose names contain the words typed (within reach)',
      tags,
      query: searchQuery,
      response: { status: 200, description: 'Up to 8 of each', schema: searchResult },
    },
    ({ query, request }) => requestWork(request, (work) => search(work, query)),
  );
}
