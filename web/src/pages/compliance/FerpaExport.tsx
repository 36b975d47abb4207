/**
 * The FERPA inspection export: pick a student, start the export job, follow its progress (tables
 * collected of all), then download the zip (JSON and CSV per table, the access log and a README).
 */
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress, type JobStatus } from '../../components/JobProgress';
import { Page } from '../../components/Page';
import { formatNumber } from '../../lib/format';
import { StudentPicker } from './students';

const PATH = '/api/v1/compliance/ferpa-exports';

interface ExportSummary {
  tables?: unknown[];
  totalRows?: number;
}

export function FerpaExport() {
  const { t } = useTranslation();
  const [student, setStudent] = useState<string | null>(null);
  const [done, setDone] = useState<JobStatus>();
  const start = useMutation({
    mutationFn: (studentUsi: number) => unwrap(api.POST(PATH, { body: { studentUsi } })),
    onMutate: () => setDone(undefined),
  });
  const jobId = start.data?.jobId;
  const summary = (done?.summary ?? (done?.result as { summary?: unknown } | undefined)?.summary) as
    ExportSummary | undefined;
  const downloadUrl = typeof done?.downloadUrl === 'string' ? done.downloadUrl : undefined;
  return (
    <Page title={t('compliance.ferpaTitle')}>
      <Card withBorder radius="md">
        <Stack>
          <Text size="sm">{t('compliance.exportHint')}</Text>
          <Group align="flex-end">
            <StudentPicker
              label={t('compliance.student')}
              description={t('compliance.studentHint')}
              value={student}
              onChange={setStudent}
              testId="export-student"
            />
            <Button
              disabled={!student}
              loading={start.isPending}
              onClick={() => student && start.mutate(Number(student))}
            >
              {t('compliance.startExport')}
            </Button>
          </Group>
          <ErrorAlert error={start.error} />
          {jobId ? (
            <JobProgress key={jobId} url={`${PATH}/${jobId}`} label={t('compliance.exportProgress')} onDone={setDone} />
          ) : null}
          {done?.status === 'completed' && downloadUrl ? (
            <Group>
              <Button component="a" href={downloadUrl} download data-testid="download-export">
                {t('compliance.downloadZip')}
              </Button>
              {summary ? (
                <Text size="sm">
                  {t('compliance.exportDone', {
                    tables: formatNumber(summary.tables?.length ?? 0),
                    rows: formatNumber(summary.totalRows ?? 0),
                  })}
                </Text>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Card>
    </Page>
  );
}
