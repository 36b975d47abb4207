/**
 * The background-job record users poll (operational.background_jobs, seed 000): one row per job
 * queued through the runner (runner.ts), its parameters, status, result and error.
 */
import { sql } from 'drizzle-orm';
import { index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { operationalSchema } from '../db/pg-schemas.js';
import { bare, checkSql, createdAt, tenantKey, tenantKeys, updatedAt } from '../db/schema-kit.js';

/** A queued/running/finished background job. */
// seed: 000_c57cf13880429c4c.txt §operational.background_jobs
export const backgroundJobs = operationalSchema.table(
  'background_jobs',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    errorMessage: text('error_message'),
    jobType: text('job_type'),
    parameters: text('parameters'),
    result: text('result'),
    retryCount: integer('retry_count'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    status: text('status'),
  },
  (t) => [
    ...tenantKeys('background_jobs', t.tenantId, t.id),
    checkSql('background_jobs_retry_count_check', sql`${bare(t.retryCount)} >= 0`),
    // Workers pick due jobs by state.
    index('background_jobs_status_scheduled_idx').on(t.tenantId, t.status, t.scheduledAt),
  ],
);
