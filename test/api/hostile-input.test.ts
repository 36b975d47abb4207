/**
 * Hostile input on every hand-written endpoint (sign-in, password reset, OAuth, access policies,
 * OneRoster, Ed-Fi, admin imports): keys named like Object.prototype members, junk types, junk
 * query parameters. Never a 5xx.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 10,
    schools: 1,
    sectionsPerSchool: 2,
    languageSchoolStudents: 2,
  });
  app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
  const signIn = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: {
      tenant: 'demo-district',
      email: demo.credentials.accounts[0]!.email,
      password: demo.credentials.password,
    },
  });
  token = signIn.json().sessionToken;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const PROTO_KEYS = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const BODIES: unknown[] = [
  ...PROTO_KEYS.map((k) => ({ [k]: 1 })),
  ...PROTO_KEYS.map((k) => ({ tenant: 'demo-district', email: 'a@b.c', password: 'x', [k]: 'y' })),
  [],
  'text',
  42,
  null,
  { grant_type: 'client_credentials', client_id: { toString: 1 }, client_secret: ['x'] },
];
const POSTS = [
  '/auth/sign-in',
  '/auth/sign-out',
  '/auth/password-reset/request',
  '/auth/password-reset',
  '/oauth/token',
  '/oauth/revoke',
  '/api/v1/access-policies',
  '/data/v3/ed-fi/students',
  '/ims/oneroster/gradebook/v1p2/classes/x/lineItems',
  '/ims/oneroster/gradebook/v1p2/schools/x/lineItems',
  '/ims/oneroster/gradebook/v1p2/classes/x/academicSessions/y/results',
  '/data/v3/ed-fi/schools',
  '/data/v3/ed-fi/studentAssessments',
  '/data/v3/ed-fi/gradeLevelDescriptors',
  '/admin/edfi/loads',
  '/admin/oneroster/imports',
];
const GETS = [
  '/api/v1/access-policies',
  '/ims/oneroster/rostering/v1p2/users',
  '/ims/oneroster/gradebook/v1p2/results',
  '/data/v3/ed-fi/students',
  '/api/v1/edfi/student',
  '/ims/oneroster/resources/v1p2/resources',
  '/ims/oneroster/gradebook/v1p2/assessmentResults',
  '/data/v3/ed-fi/gradeLevelDescriptors/deletes',
  '/data/v3/ed-fi/cohorts',
];

describe('hostile input on hand-written endpoints', () => {
  it('never answers 5xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const auth of [{}, { authorization: `Bearer ${token}` }]) {
      for (const url of POSTS) {
        for (const body of BODIES) {
          const response = await app.inject({
            method: 'POST',
            url,
            headers: { ...auth, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          requests++;
          if (response.statusCode >= 500) failures.push(`POST ${url} ${JSON.stringify(body)} → ${response.statusCode}`);
        }
      }
      for (const url of GETS) {
        for (const key of [...PROTO_KEYS, 'filter', 'limit', 'sort', 'fields']) {
          for (const value of ['1', "x'", '%00', 'toString', '']) {
            const response = await app.inject({
              url: `${url}?${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
              headers: auth,
            });
            requests++;
            if (response.statusCode >= 500) failures.push(`GET ${url}?${key}=${value} → ${response.statusCode}`);
          }
        }
      }
    }
    console.log(`hostile input: ${requests} requests, ${failures.length} server errors`);
    expect(failures).toEqual([]);
  }, 300_000);
});
