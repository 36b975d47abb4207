/**
 * The demo district's education organizations: the LEA and its schools, each elementary (K-5), middle
 * (6-8) or high (9-12) in turn, with the grade levels it offers. No random draws.
 */
import * as edfi from '../domains/edfi/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import { DEMO_DESCRIPTORS, type DescriptorIds } from './descriptors.js';
import { SCHOOL_NAMES } from './names.js';

export const DEMO_LEA_ID = 255901;

/** Kindergarten … Twelfth grade, indexed by grade number (0 = K). */
export const GRADE_NAMES = DEMO_DESCRIPTORS.GradeLevelDescriptor;

export interface DemoSchool {
  schoolId: number;
  name: string;
  /** The lowest and highest grade number taught (0 = K). */
  grades: [number, number];
}

export async function seedSchools(tx: Tx, tenantId: string, d: DescriptorIds, count: number): Promise<DemoSchool[]> {
  const districtName = 'Schola Demo Independent School District';
  const schools: DemoSchool[] = Array.from({ length: count }, (_, i) => ({
    schoolId: DEMO_LEA_ID * 1000 + i + 1,
    name: `${SCHOOL_NAMES[i % SCHOOL_NAMES.length]}${
      i >= SCHOOL_NAMES.length ? ` ` + `${Math.floor(i / SCHOOL_NAMES.length) + 1}` : ''
    } ${['Elementary', 'Middle', 'High'][i % 3]} School`,
    grades: [
      [0, 5],
      [6, 8],
      [9, 12],
    ][i % 3] as [number, number],
  }));
  await insertAll(tx, edfi.educationOrganization, [
    {
      tenantId,
      educationOrganizationId: DEMO_LEA_ID,
      nameOfInstitution: districtName,
      shortNameOfInstitution: 'Schola ISD',
      discriminator: 'LocalEducationAgency',
    },
    ...schools.map((s) => ({
      tenantId,
      educationOrganizationId: s.schoolId,
      nameOfInstitution: s.name,
      discriminator: 'School',
    })),
  ]);
  await insertAll(tx, edfi.localEducationAgency, [
    {
      tenantId,
      localEducationAgencyId: DEMO_LEA_ID,
      localEducationAgencyCategoryDescriptorId: d.LocalEducationAgencyCategoryDescriptor.Independent,
    },
  ]);
  await insertAll(
    tx,
    edfi.school,
    schools.map((s) => ({
      tenantId,
      schoolId: s.schoolId,
      localEducationAgencyId: DEMO_LEA_ID,
      schoolTypeDescriptorId: d.SchoolTypeDescriptor.Regular,
    })),
  );
  await insertAll(
    tx,
    edfi.schoolGradeLevel,
    schools.flatMap((s) =>
      range(s.grades[0], s.grades[1]).map((g) => ({
        tenantId,
        schoolId: s.schoolId,
        gradeLevelDescriptorId: d.GradeLevelDescriptor[GRADE_NAMES[g]!],
      })),
    ),
  );
  return schools;
}

/** from, from + 1, …, to. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
