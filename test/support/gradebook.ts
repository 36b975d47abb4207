/** Test helpers for one section's gradebook: emptied (the demo seeds one, both faces), and who reads and writes it. */
import type { Principal } from '../../src/platform/auth/roles.js';
import { setCategories } from '../../src/domains/edfi/grades/categories.js';
import { createEntry } from '../../src/domains/edfi/grades/entries.js';
import { recordScores } from '../../src/domains/edfi/grades/scores.js';
import { computeGrades } from '../../src/domains/edfi/grades/grades.js';
import type { TestDatabase } from './db.js';
import type { DomainHarness } from './domain.js';

export async function clearSectionGradebook(database: TestDatabase, tenantId: string, sectionId: string) {
  const section = `SELECT sectionidentifier, localcoursecode, schoolid, schoolyear FROM edfi.section
                    WHERE tenant_id = $1 AND id = $2::uuid`;
  await database.query(
    `DELETE FROM oneroster.results WHERE tenant_id = $1 AND line_item_sourced_id IN (
       SELECT sourced_id FROM oneroster.line_items WHERE tenant_id = $1 AND class_sourced_id = $2)`,
    [tenantId, sectionId],
  );
  await database.query(`DELETE FROM oneroster.line_items WHERE tenant_id = $1 AND class_sourced_id = $2`, [
    tenantId,
    sectionId,
  ]);
  await database.query(
    `DELETE FROM edfi.studentgradebookentry r USING edfi.gradebookentry g
      WHERE r.tenant_id = g.tenant_id AND r.gradebookentryidentifier = g.gradebookentryidentifier
        AND r.namespace = g.namespace
        AND g.tenant_id = $1 AND (g.sectionidentifier, g.localcoursecode, g.schoolid, g.schoolyear) IN (${section})`,
    [tenantId, sectionId],
  );
  for (const table of ['gradebookentry', 'grade']) {
    await database.query(
      `DELETE FROM edfi.${table} WHERE tenant_id = $1
          AND (sectionidentifier, localcoursecode, schoolid, schoolyear) IN (${section})`,
      [tenantId, sectionId],
    );
  }
}

/**
 * The section's teacher and a grade-sync client of its school (Ed-Fi writes, OneRoster gradebook reads), the
 * section's gradebook emptied, and its roster: the set-up of tests reading one section's grades through both APIs.
 */
export async function gradebookSection(
  h: DomainHarness,
  section: { id: string; sectionidentifier: string; schoolid: number; staffusi: number },
): Promise<{ teacher: Principal; client: Principal; roster: { usi: number; uniqueId: string; id: string }[] }> {
  const tenant = h.demo.districtTenantId;
  const teacher = h.principal(['teacher'], {
    schoolIds: [section.schoolid],
    person: { edfiStaffUSI: section.staffusi },
  });
  const client: Principal = {
    ...h.principal(['api_client']),
    kind: 'client',
    schoolIds: [section.schoolid],
    scopes: ['https://schola.dev/scope/edfi', 'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly'],
  };
  await clearSectionGradebook(h.database, tenant, section.id);
  const roster = await h.database.query<{ usi: number; uniqueId: string; id: string }>(
    `SELECT DISTINCT a.studentusi AS usi, s.studentuniqueid AS "uniqueId", s.id::text AS id
       FROM edfi.studentsectionassociation a JOIN edfi.student s ON s.tenant_id = a.tenant_id
        AND s.studentusi = a.studentusi
      WHERE a.tenant_id = $1 AND a.sectionidentifier = $2 ORDER BY 1`,
    [tenant, section.sectionidentifier],
  );
  return { teacher, client, roster };
}

/**
 * One test worth 100 points in the first quarter (dated on its first day, whatever the demo's school year),
 * student i scoring 95 − 10·i (A, B, C, …, floored at 0), then the first-quarter and final grades computed.
 */
export async function gradeOneTest(
  h: DomainHarness,
  section: { id: string; schoolid: number },
  teacher: Principal,
  roster: readonly { usi: number }[],
): Promise<void> {
  const Q1 = 'First Quarter';
  const [quarter] = await h.database.query<{ begin: string }>(
    `SELECT to_char(g.begindate, 'YYYY-MM-DD') AS begin FROM edfi.gradingperiod g
       JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
      WHERE g.tenant_id = $1 AND g.schoolid = $2 AND d.codevalue = $3 ORDER BY g.schoolyear DESC LIMIT 1`,
    [h.demo.districtTenantId, section.schoolid, Q1],
  );
  const [cat] = (
    await h.work(teacher, (w) => setCategories(w, section.id, { categories: [{ name: 'Tests', weightPercent: 100 }] }))
  ).categories;
  const entry = await h.work(teacher, (w) =>
    createEntry(w, section.id, {
      title: 'Unit test',
      categoryId: cat!.id,
      gradingPeriod: Q1,
      dateAssigned: quarter!.begin,
      maxPoints: 100,
    }),
  );
  await h.work(teacher, (w) =>
    recordScores(w, section.id, entry.id, {
      scores: roster.map((s, i) => ({ studentUsi: s.usi, points: Math.max(0, 95 - 10 * i) })),
    }),
  );
  await h.work(teacher, (w) => computeGrades(w, section.id, Q1));
  await h.work(teacher, (w) => computeGrades(w, section.id, 'final'));
}

/** The demo's first section with a teacher (by section identifier). */
export async function firstTaughtSection(h: DomainHarness) {
  const [section] = await h.database.query<{
    id: string;
    sectionidentifier: string;
    schoolid: number;
    staffusi: number;
  }>(
    `SELECT s.id, s.sectionidentifier, s.schoolid, st.staffusi FROM edfi.section s
       JOIN edfi.staffsectionassociation st ON st.tenant_id = s.tenant_id AND st.sectionidentifier = s.sectionidentifier
        AND st.localcoursecode = s.localcoursecode AND st.schoolid = s.schoolid AND st.schoolyear = s.schoolyear
      WHERE s.tenant_id = $1 ORDER BY s.sectionidentifier LIMIT 1`,
    [h.demo.districtTenantId],
  );
  return section!;
}

/**
 * The demo's first section with a teacher, set up as `gradebookSection` does and with `gradeOneTest`'s test scored
 * and its first-quarter and final grades computed.
 */
export async function gradedSection(h: DomainHarness) {
  const section = await firstTaughtSection(h);
  const who = await gradebookSection(h, section);
  await gradeOneTest(h, section, who.teacher, who.roster);
  return { section, ...who };
}
