/**
 * Run retention now (district administrator): a confirmation (rows go for good), then the run as a
 * background job followed by its progress (policies done of all), then its report: per table the rows
 * deleted or anonymised and those a legal hold kept. The daily run does the same at 02:15 UTC.
 */
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionReport } from '../../../../src/domains/compliance/schemas';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress, type JobStatus } from '../../components/JobProgress';
import { formatNumber } from '../../lib/format';
import { RetentionReportTables } from './RetentionReport';

const RUNS = '/api/v1/compliance/retention/runs';

function Confirm({ onConfirm, onClose }: { onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('compliance.runConfirmTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{t('compliance.runConfirmText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red.8" onClick={onConfirm}>
            {t('compliance.runNow')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function RetentionRun({ onFinished }: { onFinished?: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<JobStatus>();
  const start = useMutation({
    mutationFn: () => unwrap(api.POST(RUNS)),
    onMutate: () => setDone(undefined),
  });
  const jobId = start.data?.jobId;
  const report = done?.status === 'completed' ? (done.report as RetentionReport | null) : null;
  const removed = report?.policies.reduce((n, p) => n + p.rows, 0) ?? 0;
  const held = report?.policies.reduce((n, p) => n + p.held, 0) ?? 0;
  return (
    <Card withBorder radius="md">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('compliance.runTitle')}
          </Title>
          <Button color="red.8" onClick={() => setConfirming(true)} loading={start.isPending} data-testid="run-now">
            {t('compliance.runNow')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('compliance.runHint')}
        </Text>
        <ErrorAlert error={start.error} />
        {jobId ? (
          <JobProgress
            key={jobId}
            url={`${RUNS}/${jobId}`}
            label={t('compliance.runProgress')}
            onDone={(job) => {
              setDone(job);
              onFinished?.();
            }}
          />
        ) : null}
        {report ? (
          <Stack gap="xs" data-testid="run-report">
            <Text size="sm" role="status">
              {t('compliance.runDone', { rows: formatNumber(removed), held: formatNumber(held) })}
            </Text>
            <RetentionReportTables
              report={report}
              label={t('compliance.runTitle')}
              rowsLabel={t('compliance.removed')}
              testPrefix="run"
            />
          </Stack>
        ) : null}
      </Stack>
      {confirming ? (
        <Confirm
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            start.mutate();
          }}
        />
      ) : null}
    </Card>
  );
}
