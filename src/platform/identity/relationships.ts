/** Which students an account is linked to (a parent's children, a student's own record): identity's fact. */
import { sql } from 'drizzle-orm';
import type { RelationshipSets } from '../auth/relationships.js';

export const accountRelationshipSets: Pick<RelationshipSets, 'studentsOfAccount'> = {
  studentsOfAccount: (accountId, relations) =>
    sql`SELECT a.student_usi FROM identity.account_students a
         WHERE a.account_id = ${accountId}::uuid AND a.relation IN (${sql.join(
           relations.map((r) => sql`${r}`),
           sql`, `,
         )})`,
};
