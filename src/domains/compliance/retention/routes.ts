/**
 * Retention's HTTP face: the tenant's resolved policies, the dry run, a run now (a background job:
 * run-job.ts) and its poll, legal holds; and the daily task.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TaskDefinition } from '../../../platform/jobs/tasks.js';
import { jobStatus } from '../../../platform/jobs/status.js';
import { submitJob } from '../../../platform/jobs/submit.js';
import { route, serviceRoutes } from '../../../platform/service/routes.js';
import { requestWork, type WorkEnvironment } from '../../../platform/service/work.js';
import { COMPLIANCE_ERROR_CODES } from '../errors.js';
import {
  legalHoldInput,
  legalHoldParams,
  legalHoldReleaseInput,
  legalHoldView,
  retentionPolicyView,
  retentionReport,
  retentionRunParams,
  retentionRunStarted,
  retentionRunStatus,
  type RetentionReport,
} from '../schemas.js';
import { dataRetentionPolicies } from '../tables.js';
import { listLegalHolds, placeLegalHold, releaseLegalHold } from './holds.js';
import { resolvePolicies } from './policies.js';
import { runRetention } from './run.js';
import { RETENTION_RUN_JOB, retentionRunJob } from './run-job.js';

export const RETENTION_PATHS = {
  policies: '/api/v1/compliance/retention/policies',
  dryRun: '/api/v1/compliance/retention/dry-run',
  runs: '/api/v1/compliance/retention/runs',
  holds: '/api/v1/compliance/legal-holds',
} as const;

export const RETENTION_TASK = 'compliance.retention';

const tags = ['compliance'];
const errors = COMPLIANCE_ERROR_CODES;

/** What a route's own units of work get, for work that opens several (one per batch). */
export function environmentOf(app: FastifyInstance): WorkEnvironment {
  return { database: app.database, access: app.access, jobs: app.jobs ?? null, events: app.events };
}

/** The daily task: every tenant's policies, then the audit-log partitions past retention. */
export function retentionTask(app: FastifyInstance): TaskDefinition<Record<string, never>> {
  return {
    name: RETENTION_TASK,
    schedule: { cron: '15 2 * * *', timeZone: 'UTC' },
    retry: { limit: 2, delaySeconds: 300, backoff: true },
    expireInSeconds: 3 * 60 * 60,
    async run(_payload, context) {
      const reports = await runRetention(environmentOf(app));
      for (const [tenantId, report] of reports)
        context.log.info(
          {
            tenantId,
            removed: report.policies.reduce((n, p) => n + p.rows, 0),
            failed: report.policies.filter((p) => p.error).map((p) => p.tableName),
            partitionsDropped: report.auditPartitions.filter((p) => p.droppable).map((p) => p.partition),
          },
          'retention run',
        );
    },
  };
}

async function dryRun(request: FastifyRequest): Promise<RetentionReport> {
  // Authorized in the caller's own unit of work; the run opens its own (as the retention system).
  const tenantId = await requestWork(request, async (work) => {
    await work.authorize(dataRetentionPolicies, 'read');
    return work.tenantId;
  });
  const reports = await runRetention(environmentOf(request.server), { tenantId, dryRun: true });
  return reports.get(tenantId)!;
}

async function startRun(request: FastifyRequest): Promise<{ jobId: string }> {
  // Removing data is a write of the retention policies' owner (district administrator), not a read.
  const principal = await requestWork(request, async (work) => {
    await work.authorize(dataRetentionPolicies, 'write');
    return work.principal;
  });
  return submitJob(request.server.jobs, RETENTION_RUN_JOB, {
    principal,
    parameters: { requestedBy: principal.actorId },
  });
}

export function retentionRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  if (app.jobs) {
    app.jobs.defineTask(retentionTask(app));
    app.jobs.define(retentionRunJob(environmentOf(app)));
  }
  serve({
    method: 'GET',
    url: RETENTION_PATHS.policies,
    summary: "The tenant's retention policies as enforced",
    description:
      'Each compliance.data_retention_policies row with its effective period in days (a school-wide ' +
      'compliance.retention_policies row of the same category overrides the years) and why it cannot run, if so.',
    response: { status: 200, description: 'The policies', schema: z.array(retentionPolicyView) },
    errors: [],
    run: async (work) => {
      await work.authorize(dataRetentionPolicies, 'read');
      return (await resolvePolicies(work)).map((p) => p.view);
    },
  });
  route(
    app,
    {
      method: 'POST',
      url: RETENTION_PATHS.dryRun,
      summary: 'What retention would remove now (nothing is changed)',
      description: 'Per policy: rows due, rows kept by a legal hold, a sample of keys; and the audit-log partitions.',
      tags,
      response: { status: 200, description: 'The dry-run report', schema: retentionReport },
    },
    ({ request }) => dryRun(request),
  );
  route(
    app,
    {
      method: 'POST',
      url: RETENTION_PATHS.runs,
      summary: "Run the tenant's retention policies now (a background job)",
      description:
        'What the daily run does, for this tenant: due rows deleted or anonymised in batches, rows under legal ' +
        'hold kept, one audit row per batch. Poll the job for progress and the report.',
      tags,
      response: { status: 202, description: 'The job started', schema: retentionRunStarted },
      errors: ['unavailable'],
    },
    ({ request }) => startRun(request),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${RETENTION_PATHS.runs}/:jobId`,
      summary: 'A retention run: status, progress (policies done, rows so far), then the report',
      tags,
      params: retentionRunParams,
      response: { status: 200, description: 'The run', schema: retentionRunStatus },
    },
    async ({ params, request }) => {
      await requestWork(request, (work) => work.authorize(dataRetentionPolicies, 'read'));
      return jobStatus(request, RETENTION_RUN_JOB, params.jobId, ['report'], 'No such retention run.');
    },
  );
  serve({
    method: 'GET',
    url: RETENTION_PATHS.holds,
    summary: 'Legal holds (newest first)',
    response: { status: 200, description: 'The holds', schema: z.array(legalHoldView) },
    errors: [],
    run: (work) => listLegalHolds(work),
  });
  serve({
    method: 'POST',
    url: RETENTION_PATHS.holds,
    summary: 'Place a legal hold on a row or a whole table',
    body: legalHoldInput,
    response: { status: 201, description: 'The hold', schema: legalHoldView },
    run: (work, { body }) => placeLegalHold(work, body),
  });
  serve({
    method: 'POST',
    url: `${RETENTION_PATHS.holds}/:holdId/release`,
    summary: 'Release a legal hold, with the reason (kept in its audit trail)',
    params: legalHoldParams,
    body: legalHoldReleaseInput,
    response: { status: 200, description: 'The released hold', schema: legalHoldView },
    run: (work, { params, body }) => releaseLegalHold(work, params.holdId, body),
  });
}
