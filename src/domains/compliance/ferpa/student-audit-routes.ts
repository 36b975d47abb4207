/** The audit trail of one student's records over HTTP (the audit page's search by student). */
import type { FastifyInstance } from 'fastify';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
import { studentAuditParams, studentAuditQuery, studentAuditView } from '../schemas.js';
import { studentAuditTrail } from './student-audit.js';

export const STUDENT_AUDIT_PATH = '/api/v1/compliance/students/:studentUsi/audit-trail';

export function studentAuditRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: STUDENT_AUDIT_PATH,
      summary: "The audit trail of one student's records, newest first",
      description:
        'Who read or changed the student’s records — the Ed-Fi student, its OneRoster user and every row ' +
        'that holds the student in any domain — when, in which role and on which basis.',
      tags: ['compliance'],
      params: studentAuditParams,
      query: studentAuditQuery,
      response: { status: 200, description: 'One page of audit rows', schema: studentAuditView },
    },
    ({ params, query, request }) => requestWork(request, (work) => studentAuditTrail(work, params.studentUsi, query)),
  );
}
