/** The directory's HTTP face: thin read routes over service.ts, dashboards.ts and search.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { serviceRoutes } from '../../platform/service/routes.js';
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
  const serve = serviceRoutes(app, { tags });
  serve({
    method: 'GET',
    url: `${BASE}/overview`,
    summary: 'Counts of schools, students, staff and sections within reach; the latest imports and loads',
    response: { status: 200, description: 'The overview', schema: overviewView },
    run: (work) => overview(work),
  });
  serve({
    method: 'GET',
    url: `${BASE}/my-sections`,
    summary: "The signed-in teacher's sections",
    response: { status: 200, description: 'Sections', schema: sectionList },
    run: async (work) => ({ sections: await directory.mySections(work) }),
  });
  serve({
    method: 'GET',
    url: `${BASE}/my-classes`,
    summary: "The signed-in student's classes",
    response: { status: 200, description: 'Sections', schema: sectionList },
    run: async (work) => ({ sections: await directory.myClasses(work) }),
  });
  serve({
    method: 'GET',
    url: `${BASE}/my-children`,
    summary: "The signed-in parent's children, with their schools and sections",
    response: { status: 200, description: 'Children', schema: childrenList },
    run: async (work) => ({ children: await directory.myChildren(work) }),
  });
  serve({
    method: 'GET',
    url: `${BASE}/sections/:sectionId/roster`,
    summary: "A section and its students (name, grade), when within the caller's reach",
    params: sectionParams,
    response: { status: 200, description: 'The roster', schema: sectionRoster },
    errors: ['not_found'],
    run: (work, { params }) => directory.sectionRoster(work, params.sectionId),
  });
  serve({
    method: 'GET',
    url: `${BASE}/students/:studentUsi`,
    summary: "A student's profile: school, grade and sections",
    params: studentParams,
    response: { status: 200, description: 'The profile', schema: studentProfile },
    errors: ['not_found'],
    run: (work, { params }) => directory.studentProfile(work, params.studentUsi),
  });
  serve({
    method: 'GET',
    url: `${BASE}/front-desk`,
    summary: "A language school's front desk: next class sessions, overdue invoices, new leads",
    response: { status: 200, description: 'The front desk', schema: frontDeskView },
    run: (work) => frontDesk(work),
  });
  serve({
    method: 'GET',
    url: `${BASE}/search`,
    summary: 'Students, staff and sections whose names contain the words typed (within reach)',
    query: searchQuery,
    response: { status: 200, description: 'Up to 8 of each', schema: searchResult },
    run: (work, { query }) => search(work, query),
  });
}
