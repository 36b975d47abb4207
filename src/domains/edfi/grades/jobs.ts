/**
 * A whole school's report cards for a grading period as one background job (`edfi.report-cards`):
 * the row in operational.background_jobs is what users poll (progress: students done of total); the
 * PDF (one page per student) is written beside the job's upload, in the upload directory, as
 * `report-cards-<jobId>.pdf`, and served by GET …/report-card-jobs/{jobId}/pdf. Each student's Ed-Fi
 * ReportCard row is stored in the same unit of work as the rendering.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JobDefinition } from '../../../platform/jobs/runner.js';
import { createAccessControl } from '../../../platform/auth/access.js';
import { runWork } from '../../../platform/service/work.js';
import { reportCard } from '../tables.js';
import { drawReportCard, renderPdf, type ReportCardData } from './pdf.js';
import { periodRef, reportCardData, schoolStudents, storeReportCard } from './report-cards.js';

export const REPORT_CARD_JOB = 'edfi.report-cards';

export interface ReportCardProgress {
  done: number;
  total: number;
}

/** Where a finished job's PDF is (the upload directory is shared by the instances of a database). */
export const reportCardFile = (uploadDir: string, jobId: string) => path.join(uploadDir, `report-cards-${jobId}.pdf`);

export const reportCardsJob: JobDefinition<ReportCardProgress> = {
  name: REPORT_CARD_JOB,
  interruptedMessage: 'the server stopped while the report cards were being made: start the job again',
  async run(job) {
    const schoolId = Number(job.parameters.schoolId);
    const gradingPeriod = String(job.parameters.gradingPeriod);
    const env = { database: job.database, access: createAccessControl() };
    const done = await runWork(env, job.principal, {}, async (work) => {
      await work.authorize(reportCard, 'read', { schoolId });
      const period = await periodRef(work, schoolId, gradingPeriod);
      const students = await schoolStudents(work, period);
      const cards: ReportCardData[] = [];
      job.setProgress({ done: 0, total: students.length });
      for (const [i, usi] of students.entries()) {
        const data = await reportCardData(work, usi, period);
        await storeReportCard(work, usi, period, data);
        cards.push(data);
        job.setProgress({ done: i + 1, total: students.length });
      }
      await work.audit({
        table: reportCard,
        recordId: `${schoolId}:${period.code}`,
        operation: 'UPDATE',
        newValues: { reportCards: cards.length, gradingPeriod: period.code },
      });
      const pdf = await renderPdf(`Report cards ${period.code}`, (doc, page) => {
        for (const card of cards) {
          page(false);
          drawReportCard(doc, card);
        }
      });
      const file = reportCardFile(path.dirname(job.uploadPath), job.id);
      await fs.promises.writeFile(file, pdf);
      return { pages: cards.length, file };
    });
    return { status: 'completed', result: { progress: job.progress ?? null, ...done } };
  },
};
