/** The demo district's teachers: a few per school (one per three sections), each assigned to their school. */
import * as edfi from '../domains/edfi/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import type { DescriptorIds } from './descriptors.js';
import { range, type DemoSchool } from './k12-schools.js';
import { US_FIRST_NAMES, US_LAST_NAMES } from './names.js';
import type { Random } from './random.js';

export interface DemoTeacher {
  uniqueId: string;
  first: string;
  last: string;
  schoolId: number;
}

export interface DemoTeachers {
  teacherRows: DemoTeacher[];
  teachersPerSchool: number;
  staffUsiById: Map<string, number>;
}

export async function seedTeachers(
  tx: Tx,
  tenantId: string,
  d: DescriptorIds,
  rng: Random,
  schools: DemoSchool[],
  sectionsPerSchool: number,
  year: number,
): Promise<DemoTeachers> {
  const teachersPerSchool = Math.max(1, Math.ceil(sectionsPerSchool / 3));
  const teacherRows = schools.flatMap((s, si) =>
    range(1, teachersPerSchool).map((n) => {
      const first = rng.pick(US_FIRST_NAMES);
      const last = rng.pick(US_LAST_NAMES);
      return {
        uniqueId: `T${String(si + 1).padStart(2, '0')}${String(n).padStart(4, '0')}`,
        first,
        last,
        schoolId: s.schoolId,
      };
    }),
  );
  const staffInserted = await tx
    .insert(edfi.staff)
    .values(
      teacherRows.map((t) => ({
        tenantId,
        staffUniqueId: t.uniqueId,
        firstName: t.first,
        lastSurname: t.last,
        personalTitlePrefix: rng.pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.']),
        loginId: `${t.first}.${t.last}`.toLowerCase(),
        yearsOfPriorTeachingExperience: rng.int(0, 25),
      })),
    )
    .returning({ staffUSI: edfi.staff.staffUSI, uniqueId: edfi.staff.staffUniqueId });
  const staffUsiById = new Map(staffInserted.map((r) => [r.uniqueId, r.staffUSI]));
  await insertAll(
    tx,
    edfi.staffSchoolAssociation,
    teacherRows.map((t) => ({
      tenantId,
      staffUSI: staffUsiById.get(t.uniqueId)!,
      schoolId: t.schoolId,
      programAssignmentDescriptorId: d.ProgramAssignmentDescriptor['Regular Education'],
      schoolYear: year,
    })),
  );
  return { teacherRows, teachersPerSchool, staffUsiById };
}
