/**
 * The 1.2 files stored since the link tables exist (learning objectives, score scales, resource
 * assignments) and the gradebook columns that left metadata: good rows stored in their columns, bad
 * references reported with file, line and column, bulk marking missing rows tobedeleted, delta rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { importPackage } from './import.js';
import { reportText } from './report.js';
import { createTenant, LINK_FILES, linkedPackage, manifest, zipOf } from '../../../../test/support/oneroster-csv.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

const q = <R = Record<string, unknown>>(text: string, params: unknown[] = []) => database.query<R>(text, params);
const LINK_TABLES: Record<(typeof LINK_FILES)[number], string> = {
  lineItemLearningObjectiveIds: 'line_item_learning_objectives',
  lineItemScoreScales: 'line_item_score_scales',
  resultLearningObjectiveIds: 'result_learning_objectives',
  resultScoreScales: 'result_score_scales',
  classResources: 'class_resources',
  courseResources: 'course_resources',
  userResources: 'user_resources',
};
/** Rows of a table without tenant and timestamp, by sourcedId. */
const rowsOf = async (table: string, tenantId: string) =>
  (
    await q<{ j: Record<string, unknown> }>(
      `SELECT to_jsonb(t) - 'tenant_id' - 'date_last_modified' AS j FROM oneroster.${table} t WHERE tenant_id = $1 ` +
        `ORDER BY sourced_id`,
      [tenantId],
    )
  ).map((r) => r.j);
const statusOf = async (table: string, tenantId: string) =>
  Object.fromEntries((await rowsOf(table, tenantId)).map((r) => [r.sourced_id, r.status]));

describe('1.2 link files and gradebook columns', () => {
  it('stores every link file in its table and the new gradebook columns in theirs (not in metadata)', async () => {
    const tenantId = await createTenant(database, 'links-good');
    const report = await importPackage(database, tenantId, zipOf(linkedPackage()));
    expect(report.ok, reportText(report)).toBe(true);
    for (const file of [...LINK_FILES, 'scoreScales', 'resources'])
      expect(
        report.files.find((f) => f.file === file),
        file,
      ).toMatchObject({ stored: true, rows: 2, inserted: 2, badRows: 0 });
    expect(reportText(report)).not.toContain('not stored');

    const [category] = await q(
      `SELECT weight::text AS weight, metadata FROM oneroster.categories WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(category).toEqual({ weight: '0.4000', metadata: null });
    const [lineItem] = await q(`SELECT school_sourced_id, metadata FROM oneroster.line_items WHERE tenant_id = $1`, [
      tenantId,
    ]);
    expect(lineItem).toEqual({ school_sourced_id: 's1', metadata: null });
    const results = await q(
      `SELECT sourced_id, text_score, in_progress, incomplete, late, missing, metadata FROM oneroster.results WHERE ` +
        `tenant_id = $1 ORDER BY 1`,
      [tenantId],
    );
    expect(results).toEqual([
      {
        sourced_id: 'res1',
        text_score: 'B+',
        in_progress: false,
        incomplete: false,
        late: true,
        missing: false,
        metadata: null,
      },
      {
        sourced_id: 'res2',
        text_score: null,
        in_progress: null,
        incomplete: null,
        late: null,
        missing: null,
        metadata: null,
      },
    ]);
    const scales = await q(
      `SELECT sourced_id, type, org_sourced_id, course_sourced_id, class_sourced_id, scale_values, metadata FROM ` +
        `oneroster.score_scales WHERE tenant_id = $1 ORDER BY 1`,
      [tenantId],
    );
    expect(scales[0]).toEqual({
      sourced_id: 'ss1',
      type: 'letter',
      org_sourced_id: 'd1',
      course_sourced_id: 'c1',
      class_sourced_id: 'k1',
      scale_values: [
        { itemValueLHS: 'A', itemValueRHS: '90-100' },
        { itemValueLHS: 'B', itemValueRHS: '80-89' },
      ],
      metadata: null,
    });
    expect(await rowsOf('resources', tenantId)).toEqual([
      {
        sourced_id: 'rs1',
        status: 'active',
        title: 'Algebra e-book',
        vendor_resource_id: 'VR-1',
        vendor_id: 'vendor-1',
        application_id: 'app-1',
        roles: ['student', 'teacher'],
        importance: 'primary',
        metadata: null,
      },
      {
        sourced_id: 'rs2',
        status: 'active',
        title: 'Videos',
        vendor_resource_id: 'VR-2',
        vendor_id: null,
        application_id: null,
        roles: null,
        importance: 'secondary',
        metadata: null,
      },
    ]);

    const active = { status: 'active', metadata: null };
    expect(await rowsOf('line_item_learning_objectives', tenantId)).toEqual([
      {
        ...active,
        sourced_id: 'lilo1',
        line_item_sourced_id: 'li1',
        source: 'CASE',
        learning_objective_id: '6b0c1f9e-0001',
      },
      { ...active, sourced_id: 'lilo2', line_item_sourced_id: 'li1', source: 'Unknown', learning_objective_id: 'LO-2' },
    ]);
    expect(await rowsOf('line_item_score_scales', tenantId)).toEqual([
      { ...active, sourced_id: 'liss1', title: 'Letter', line_item_sourced_id: 'li1', score_scale_sourced_id: 'ss1' },
      { ...active, sourced_id: 'liss2', title: null, line_item_sourced_id: 'li1', score_scale_sourced_id: 'ss2' },
    ]);
    expect(await rowsOf('result_learning_objectives', tenantId)).toEqual([
      {
        ...active,
        sourced_id: 'rlo1',
        result_sourced_id: 'res1',
        source: 'CASE',
        learning_objective_id: '6b0c1f9e-0001',
        score: 3.5,
        text_score: 'Proficient',
      },
      {
        ...active,
        sourced_id: 'rlo2',
        result_sourced_id: 'res2',
        source: 'Unknown',
        learning_objective_id: 'LO-2',
        score: null,
        text_score: null,
      },
    ]);
    expect(await rowsOf('result_score_scales', tenantId)).toEqual([
      { ...active, sourced_id: 'rss1', title: 'Letter', result_sourced_id: 'res1', score_scale_sourced_id: 'ss1' },
      { ...active, sourced_id: 'rss2', title: null, result_sourced_id: 'res2', score_scale_sourced_id: 'ss2' },
    ]);
    expect(await rowsOf('class_resources', tenantId)).toEqual([
      { ...active, sourced_id: 'cr1', title: 'E-book', class_sourced_id: 'k1', resource_sourced_id: 'rs1' },
      { ...active, sourced_id: 'cr2', title: null, class_sourced_id: 'k2', resource_sourced_id: 'rs2' },
    ]);
    expect(await rowsOf('course_resources', tenantId)).toEqual([
      { ...active, sourced_id: 'kr1', title: 'Videos', course_sourced_id: 'c1', resource_sourced_id: 'rs2' },
      { ...active, sourced_id: 'kr2', title: null, course_sourced_id: 'c1', resource_sourced_id: 'rs1' },
    ]);
    expect(await rowsOf('user_resources', tenantId)).toEqual([
      {
        ...active,
        sourced_id: 'ur1',
        user_sourced_id: 'u2',
        org_sourced_id: 's1',
        class_sourced_id: 'k1',
        resource_sourced_id: 'rs1',
      },
      {
        ...active,
        sourced_id: 'ur2',
        user_sourced_id: 'u3',
        org_sourced_id: null,
        class_sourced_id: null,
        resource_sourced_id: 'rs2',
      },
    ]);
    const audited = await q<{ table_name: string }>(
      `SELECT table_name FROM compliance.audit_logs WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(audited.map((a) => a.table_name)).toEqual(
      expect.arrayContaining(Object.values(LINK_TABLES).map((t) => `oneroster.${t}`)),
    );
  });

  it("reports bad references, a class that is not the line item's, and out-of-range numbers with file, line and column; applies nothing", async () => {
    const tenantId = await createTenant(database, 'links-bad');
    const files = linkedPackage();
    files.categories += '\ncat2,,,Huge,12345678';
    files.lineItems += '\nli2,,,Quiz 2,,,,k1,,,,,s404';
    files.results += '\nres3,,,li1,u4,submitted,,,,,k2,,,,';
    files.scoreScales += '\nss3,,,Bad,,d1,c404,,{A:1}';
    files.resources += '\nrs3,,,,No vendor id,,,,';
    files.lineItemLearningObjectiveIds += '\nlilo3,,,li404,CASE,X';
    files.lineItemScoreScales += '\nliss3,,,,li1,ss404';
    files.resultLearningObjectiveIds += '\nrlo3,,,res404,CASE,X,1,';
    files.resultScoreScales += '\nrss3,,,,res1,ss404';
    files.classResources += '\ncr3,,,,k404,rs1';
    files.courseResources += '\nkr3,,,,c1,rs404';
    files.userResources += '\nur3,,,u2,s404,k1,rs1';
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(report.applied).toBe(false);
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.file}:${i.line}:${i.column}`).sort()).toEqual(
      [
        'categories:3:weight',
        'lineItems:3:schoolSourcedId',
        'results:4:classSourcedId',
        'scoreScales:4:courseSourcedId',
        'resources:4:vendorResourceId',
        'lineItemLearningObjectiveIds:4:lineItemSourcedId',
        'lineItemScoreScales:4:scoreScaleSourcedId',
        'resultLearningObjectiveIds:4:resultSourcedId',
        'resultScoreScales:4:scoreScaleSourcedId',
        'classResources:4:classSourcedId',
        'courseResources:4:resourceSourcedId',
        'userResources:4:orgSourcedId',
      ].sort(),
    );
    const reason = (file: string) => errors.find((i) => i.file === file)!.reason;
    expect(reason('categories')).toBe('must be less than 1000000 in absolute value');
    expect(reason('results')).toBe('is "k2", but the line item\'s class is "k1"');
    expect(reason('lineItemScoreScales')).toBe(
      'references scoreScales "ss404", which is neither in the package nor in Schola',
    );
    expect(reason('courseResources')).toBe(
      'references resources "rs404", which is neither in the package nor in Schola',
    );
    expect(reason('userResources')).toBe('references orgs "s404", which is neither in the package nor in Schola');
    for (const table of Object.values(LINK_TABLES)) expect(await rowsOf(table, tenantId), table).toEqual([]);

    const partial = await importPackage(database, tenantId, zipOf(files), { partial: true });
    expect(partial.applied).toBe(true);
    for (const file of LINK_FILES)
      expect(
        partial.files.find((f) => f.file === file),
        file,
      ).toMatchObject({ rows: 3, badRows: 1, inserted: 2 });
  });

  it('bulk: link rows missing from the next package become tobedeleted, and come back when listed again', async () => {
    const tenantId = await createTenant(database, 'links-bulk');
    expect((await importPackage(database, tenantId, zipOf(linkedPackage()))).ok).toBe(true);
    const files = linkedPackage();
    for (const file of LINK_FILES) files[file] = files[file]!.split('\n').slice(0, 2).join('\n');
    files.resources = files.resources!.split('\n').slice(0, 2).join('\n');
    files.scoreScales = files.scoreScales!.split('\n').slice(0, 2).join('\n');
    // The link kept must not point at the resource this package withdraws.
    files.courseResources = files.courseResources!.replace('kr1,,,Videos,c1,rs2', 'kr1,,,Videos,c1,rs1');
    const second = await importPackage(database, tenantId, zipOf(files));
    expect(second.ok, reportText(second)).toBe(true);
    for (const file of [...LINK_FILES, 'resources', 'scoreScales'])
      expect(
        second.files.find((f) => f.file === file),
        file,
      ).toMatchObject({ markedToBeDeleted: 1 });
    expect(await statusOf('class_resources', tenantId)).toEqual({ cr1: 'active', cr2: 'tobedeleted' });
    expect(await statusOf('user_resources', tenantId)).toEqual({ ur1: 'active', ur2: 'tobedeleted' });
    expect(await statusOf('result_learning_objectives', tenantId)).toEqual({ rlo1: 'active', rlo2: 'tobedeleted' });
    expect(await statusOf('resources', tenantId)).toEqual({ rs1: 'active', rs2: 'tobedeleted' });
    const again = await importPackage(database, tenantId, zipOf(linkedPackage()));
    expect(again.ok, reportText(again)).toBe(true);
    for (const table of Object.values(LINK_TABLES))
      expect(Object.values(await statusOf(table, tenantId)), table).toEqual(['active', 'active']);
  });

  it('delta: a link row marked tobedeleted is applied, a new one added, the rest left alone', async () => {
    const tenantId = await createTenant(database, 'links-delta');
    expect((await importPackage(database, tenantId, zipOf(linkedPackage()))).ok).toBe(true);
    const delta = {
      manifest: manifest({ classResources: 'delta', userResources: 'delta' }),
      classResources: [
        'sourcedId,status,dateLastModified,title,classSourcedId,resourceSourcedId',
        'cr1,tobedeleted,2027-01-05T10:00:00Z,,,',
        'cr3,active,2027-01-05T10:00:00Z,Lab,k2,rs1',
      ].join('\n'),
      userResources: [
        'sourcedId,status,dateLastModified,userSourcedId,orgSourcedId,classSourcedId,resourceSourcedId',
        'ur3,active,2027-01-05T10:00:00Z,u9,,,rs1',
      ].join('\n'),
    };
    const report = await importPackage(database, tenantId, zipOf(delta), { partial: true });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}:${i.line}:${i.column}`)).toEqual([
      'userResources:2:userSourcedId',
    ]);
    expect(await statusOf('class_resources', tenantId)).toEqual({ cr1: 'tobedeleted', cr2: 'active', cr3: 'active' });
    expect(await statusOf('user_resources', tenantId)).toEqual({ ur1: 'active', ur2: 'active' });
  });
});
