/**
 * The Ed-Fi domain's public entry: the K-12 record (Ed-Fi 5.2 tables) as other domains may use it.
 * The standards bindings (src/standards/edfi) serve the same tables over the Ed-Fi API.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/transaction.js';
import { student } from './tables.js';

/** The student's birth date (YYYY-MM-DD), null when not recorded, undefined when no such student. */
export async function studentBirthDate(tx: Tx, studentUniqueId: string): Promise<string | null | undefined> {
  const [row] = await tx
    .select({ birthDate: student.birthDate })
    .from(student)
    .where(eq(student.studentUniqueId, studentUniqueId));
  return row ? row.birthDate : undefined;
}

/** The student's studentUniqueId by their USI; undefined when no such student. */
export async function studentUniqueIdOf(tx: Tx, studentUsi: number): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: student.studentUniqueId })
    .from(student)
    .where(eq(student.studentUSI, studentUsi));
  return row?.id;
}

export { k12RelationshipSets } from './relationships.js';
