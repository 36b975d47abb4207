/**
 * A background job as a person follows it: a progress bar fed by the job endpoint (polled every
 * second while pending or running), then its outcome and report.
 */
import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

export interface JobStatus {
  jobId: string;
  status: 'pending' | 'running' | 'completed' | 'failed';
  progress?: Record<string, unknown> | null;
  error?: string | null;
  [extra: string]: unknown;
}

/** A 0–100 figure from whatever counters a job reports (done/total, rows/totalRows, percent). */
export function percentOf(job: JobStatus | undefined): number {
  if (!job) return 0;
  if (job.status === 'completed' || job.status === 'failed') return 100;
  const p = job.progress ?? {};
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  if (num('percent') !== undefined) return Math.max(0, Math.min(100, num('percent')!));
  const done = num('done') ?? num('processed') ?? num('rowsDone') ?? num('filesDone') ?? num('tablesDone');
  const total = num('total') ?? num('rowsTotal') ?? num('filesTotal') ?? num('tablesTotal');
  if (done !== undefined && total) return Math.round((100 * done) / total);
  return job.status === 'running' ? 50 : 5;
}

export function JobProgress({ url, label, onDone }: { url: string; label: string; onDone?: (job: JobStatus) => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['job', url],
    queryFn: async () => {
      const job = await getJson<JobStatus>(url);
      if (job.status === 'completed' || job.status === 'failed') onDone?.(job);
      return job;
    },
    refetchInterval: (q) => (q.state.data && ['completed', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
  const job = query.data;
  const percent = percentOf(job);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={500}>{label}</Text>
        <Text size="sm" data-testid="job-status">
          {job ? t(`imports.status_${job.status}`) : t('app.loading')}
        </Text>
      </Group>
      <Progress
        value={percent}
        color={job?.status === 'failed' ? 'red' : job?.status === 'completed' ? 'teal' : 'blue'}
        animated={job?.status === 'running'}
        aria-label={label}
      />
      {job?.status === 'failed' && job.error ? (
        <Alert color="red" role="alert">
          {job.error}
        </Alert>
      ) : null}
      <ErrorAlert error={query.error} />
    </Stack>
  );
}
