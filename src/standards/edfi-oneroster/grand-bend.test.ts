/**
 * Grand Bend (Ed-Fi 5.2 sample district) loaded through the XML interchange loader, then projected:
 * OneRoster counts match the Ed-Fi counts, the OneRoster REST API serves them, and a second projection
 * changes nothing.
 */
import { GRAND_BEND_SAMPLE } from '../edfi/interchange/sample.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import type { Principal } from '../../platform/auth/roles.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { buildApp } from '../../platform/http/app.js';
import { createLogger } from '../../platform/log/logger.js';
import { loadInterchange } from '../edfi/interchange/load.js';
import { oneRosterRoutes } from '../oneroster/plugin.js';
import { changedRows } from './projection.js';
import { projectionText, projectTenant } from './run.js';

const FIXTURE = GRAND_BEND_SAMPLE;
const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

let database: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = randomUUID();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, 'grand-bend', 'Grand Bend ISD', 'district')`,
    [tenantId],
  );
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  await loadInterchange(database, tenantId, [FIXTURE]);
});
afterAll(async () => {
  await database?.dispose();
});

async function count(sql: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [tenantId]);
  return row!.n;
}

describe('Grand Bend: Ed-Fi interchange → OneRoster', () => {
  it('projects the loaded district: orgs, users, classes, enrollments, lineItems and results match the Ed-Fi counts', async () => {
    const report = await projectTenant(database, tenantId);
    console.log(projectionText(report));
    const edfi = {
      orgs:
        (await count('edfi.localeducationagency WHERE tenant_id = $1')) +
        (await count('edfi.school WHERE tenant_id = $1')),
      users: (await count('edfi.student WHERE tenant_id = $1')) + (await count('edfi.staff WHERE tenant_id = $1')),
      classes: await count('edfi.section WHERE tenant_id = $1'),
      enrollments:
        (await count('edfi.studentsectionassociation WHERE tenant_id = $1')) +
        (await count('edfi.staffsectionassociation WHERE tenant_id = $1')),
      lineItems: await count('edfi.gradebookentry WHERE tenant_id = $1'),
      results: await count('edfi.studentgradebookentry WHERE tenant_id = $1'),
    };
    const active = (table: string) => count(`oneroster.${table} WHERE tenant_id = $1 AND status = 'active'`);
    const oneroster = {
      orgs: await active('orgs'),
      users: await active('users'),
      classes: await active('classes'),
      enrollments: await active('enrollments'),
      lineItems: await active('line_items'),
      results: await active('results'),
    };
    console.log(`Grand Bend Ed-Fi ${JSON.stringify(edfi)} → OneRoster ${JSON.stringify(oneroster)}`);
    expect(oneroster).toEqual(edfi);
    expect(edfi.orgs).toBe(4);
    expect(edfi.users).toBeGreaterThanOrEqual(960);
    // The fixture subset has no StudentEnrollment interchange: students carry no school association, so
    // each is a student of the district (one primary role at the LEA org); teachers get theirs from section
    // assignments.
    expect(await count(`oneroster.roles WHERE tenant_id = $1 AND role = 'teacher'`)).toBe(
      await count('(SELECT DISTINCT staffusi, schoolid FROM edfi.staffsectionassociation WHERE tenant_id = $1) x'),
    );
    const students = await count('edfi.student WHERE tenant_id = $1');
    expect(
      await count(
        `oneroster.roles r JOIN oneroster.orgs o ON o.tenant_id = r.tenant_id AND o.sourced_id = ` +
          `r.org_sourced_id
      WHERE r.tenant_id = $1 AND r.role = 'student' AND r.role_type = 'primary' AND o.type = 'district'`,
      ),
    ).toBe(students);
    // OneRoster 1.2 requires a lineItem's category: Grand Bend's entries have none of Schola's, so each is filed
    // under its class's category of its entry type; every line item names an active category of its own class.
    expect(
      await count(`oneroster.line_items li WHERE li.tenant_id = $1 AND li.status = 'active' AND NOT EXISTS (
        SELECT 1 FROM oneroster.categories k WHERE k.tenant_id = li.tenant_id AND k.status = 'active'
           AND k.sourced_id = li.category_sourced_id AND k.class_sourced_id = li.class_sourced_id)`),
    ).toBe(0);
    expect(await count(`oneroster.categories WHERE tenant_id = $1 AND status = 'active'`)).toBeGreaterThan(0);
  });

  it('projects sessions by their term descriptor under the school year, and grading periods under their session', async () => {
    const sessions = await database.query<{ title: string; type: string; parent: string; school_year: string }>(
      `SELECT s.title, s.type, p.title AS parent, s.school_year FROM oneroster.academic_sessions s
         LEFT JOIN oneroster.academic_sessions p ON p.tenant_id = s.tenant_id AND p.sourced_id = s.parent_sourced_id
        WHERE s.tenant_id = $1 AND s.status = 'active' ORDER BY s.type, s.start_date, s.title`,
      [tenantId],
    );
    const byType = (type: string) => sessions.filter((x) => x.type === type);
    expect(byType('schoolYear')).toEqual([
      { title: '2021-2022 School Year', type: 'schoolYear', parent: null, school_year: '2022' },
    ]);
    // Six Ed-Fi sessions (Fall/Spring Semester at three schools) → semesters under the school year.
    expect(byType('semester')).toHaveLength(await count('edfi.session WHERE tenant_id = $1'));
    expect(new Set(byType('semester').map((x) => x.parent))).toEqual(new Set(['2021-2022 School Year']));
    // 18 grading periods, each under the semester of its school that contains it.
    expect(byType('gradingPeriod')).toHaveLength(await count('edfi.gradingperiod WHERE tenant_id = $1'));
    expect(byType('gradingPeriod')).toHaveLength(18);
    const parents = (title: string) =>
      new Set(
        byType('gradingPeriod')
          .filter((x) => x.title.startsWith(title))
          .map((x) => x.parent),
      );
    expect(parents('First Six Weeks')).toEqual(new Set(['2021-2022 Fall Semester']));
    expect(parents('Third Six Weeks')).toEqual(new Set(['2021-2022 Fall Semester']));
    expect(parents('Fourth Six Weeks')).toEqual(new Set(['2021-2022 Spring Semester']));
    const sameSchool = await count(`oneroster.academic_sessions g
      JOIN edfi.gradingperiod e ON e.tenant_id = g.tenant_id AND e.id::text = g.sourced_id
      JOIN edfi.session p ON p.tenant_id = g.tenant_id AND p.id::text = g.parent_sourced_id AND p.schoolid = e.schoolid
      WHERE g.tenant_id = $1 AND g.type = 'gradingPeriod'`);
    expect(sameSchool).toBe(18);
  });

  it('serves the projected district through the OneRoster REST API, and a second projection changes nothing', async () => {
    const principal: Principal = {
      kind: 'client',
      tenantId,
      actorId: 'lms',
      roles: ['api_client'],
      scopes: [`${OR}roster.readonly`],
    };
    const app = await buildApp({
      database,
      logger: createLogger('silent'),
      plugins: [(a) => void a.addHook('onRequest', async (r) => void (r.principal = principal)), oneRosterRoutes()],
    });
    try {
      const schools = await app.inject({ method: 'GET', url: '/ims/oneroster/rostering/v1p2/schools' });
      expect(schools.statusCode).toBe(200);
      expect(schools.headers['x-total-count']).toBe('3');
      const users = await app.inject({ method: 'GET', url: '/ims/oneroster/rostering/v1p2/users?limit=1' });
      expect(Number(users.headers['x-total-count'])).toBe(
        (await count('edfi.student WHERE tenant_id = $1')) + (await count('edfi.staff WHERE tenant_id = $1')),
      );
      const teachers = await app.inject({ method: 'GET', url: '/ims/oneroster/rostering/v1p2/teachers?limit=1' });
      expect(Number(teachers.headers['x-total-count'])).toBe(
        await count('(SELECT DISTINCT staffusi FROM edfi.staffsectionassociation WHERE tenant_id = $1) x'),
      );
      const classes = await app.inject({ method: 'GET', url: '/ims/oneroster/rostering/v1p2/classes?limit=1' });
      expect(Number(classes.headers['x-total-count'])).toBe(await count('edfi.section WHERE tenant_id = $1'));
      // /terms serves the semesters; a class's term lists its grading periods.
      const terms = await app.inject({ method: 'GET', url: '/ims/oneroster/rostering/v1p2/terms' });
      expect(terms.json().academicSessions).toHaveLength(6);
      const term = classes.json().classes[0].terms[0].sourcedId as string;
      expect(terms.json().academicSessions.map((t: { sourcedId: string }) => t.sourcedId)).toContain(term);
      const gps = await app.inject({
        method: 'GET',
        url: `/ims/oneroster/rostering/v1p2/terms/${term}/gradingPeriods`,
      });
      expect(gps.json().academicSessions.map((g: { type: string }) => g.type)).toEqual([
        'gradingPeriod',
        'gradingPeriod',
        'gradingPeriod',
      ]);
      expect((await app.inject({ url: '/ims/oneroster/rostering/v1p2/gradingPeriods' })).headers['x-total-count']).toBe(
        '18',
      );
    } finally {
      await app.close();
    }
    const again = await projectTenant(database, tenantId);
    expect(changedRows(again)).toBe(0);
  });
});
