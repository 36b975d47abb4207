/**
 * Retention run now, from the web: an administrator starts a background job (a row in
 * operational.background_jobs, so it can be polled) that runs what the daily task runs — runRetention
 * — for their tenant only: the same policies, batches, legal holds and one audit row per batch (as
 * the retention system, naming who asked and the job). Audit-log partitions are shared by every
 * tenant, so only the daily run drops them; this run lists them as a dry run would.
 *
 * Two runs at once (two administrators, or this and the daily task) never dispose a row twice: each
 * batch takes its rows FOR UPDATE SKIP LOCKED (engine.ts), so the reports add up to the rows that went.
 */
import type { JobDefinition } from '../../../platform/jobs/runner.js';
import type { WorkEnvironment } from '../../../platform/service/work.js';
import type { RetentionProgress } from './engine.js';
import { runRetention } from './run.js';

export const RETENTION_RUN_JOB = 'compliance.retention-run';

export function retentionRunJob(env: WorkEnvironment): JobDefinition<RetentionProgress> {
  return {
    name: RETENTION_RUN_JOB,
    interruptedMessage:
      'The retention run was interrupted by a restart; batches already done stay done (see the audit trail). ' +
      'Start it again to finish.',
    async run(job) {
      const reports = await runRetention(env, {
        tenantId: job.tenantId,
        requestedBy: { actorId: job.principal.actorId, jobId: job.id },
        onProgress: (progress) => job.setProgress(progress),
      });
      // A policy that failed is in the report with its error; the others did their work: completed.
      return { status: 'completed', result: { progress: job.progress ?? null, report: reports.get(job.tenantId)! } };
    },
  };
}
