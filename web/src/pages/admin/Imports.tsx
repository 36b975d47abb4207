/**
 * OneRoster CSV import (upload a zip → progress from the job endpoint → validation report, which can
 * be downloaded), OneRoster export (the tenant as a CSV package) and the Ed-Fi interchange load.
 */
import { Anchor, Button, Card, Group, Input, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress, type JobStatus } from '../../components/JobProgress';
import { Page } from '../../components/Page';

interface Issue {
  file: string;
  line: number;
  column?: string;
  severity: string;
  reason: string;
}

function downloadJson(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

function ReportView({ job, name }: { job: JobStatus; name: string }) {
  const { t } = useTranslation();
  const report = ((job.result as { report?: unknown } | undefined)?.report ?? job.report) as
    { issues?: Issue[]; files?: { file: string; rows: number; inserted: number; updated: number }[] } | undefined;
  if (!report) return null;
  const issues = report.issues ?? [];
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('imports.report')} — {t('imports.issues', { count: issues.length })}
        </Title>
        <Button variant="default" size="xs" onClick={() => downloadJson(name, report)}>
          {t('imports.downloadReport')}
        </Button>
      </Group>
      {issues.length > 0 ? (
        <Table striped aria-label={t('imports.report')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.file_')}</Table.Th>
              <Table.Th>{t('imports.line')}</Table.Th>
              <Table.Th>{t('imports.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, 200).map((issue, i) => (
              <Table.Tr key={i}>
                <Table.Td>{issue.file}</Table.Td>
                <Table.Td>{issue.line}</Table.Td>
                <Table.Td>
                  {issue.column ? `${issue.column}: ` : ''}
                  {issue.reason}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

function UploadJob(props: {
  title: string;
  hint: string;
  accept: string;
  endpoint: string;
  contentType: (file: File) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const inputId = useId();
  const [done, setDone] = useState<JobStatus>();
  const start = useMutation({
    mutationFn: (f: File) => upload(props.endpoint, f, props.contentType(f)),
    onMutate: () => setDone(undefined),
  });
  const jobId = start.data?.jobId;
  return (
    <Card withBorder radius="md" data-testid={props.testId}>
      <Stack>
        <Title order={2} size="h4">
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.hint}
        </Text>
        <Group align="flex-end">
          <Input.Wrapper label={t('imports.file')} labelElement="label" id={inputId} w={320}>
            <input
              id={inputId}
              type="file"
              accept={props.accept}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              style={{ display: 'block', paddingTop: 6 }}
            />
          </Input.Wrapper>
          <Button disabled={!file} loading={start.isPending} onClick={() => file && start.mutate(file)}>
            {t('imports.start')}
          </Button>
        </Group>
        <ErrorAlert error={start.error} />
        {jobId ? (
          <JobProgress key={jobId} url={`${props.endpoint}/${jobId}`} label={t('imports.progress')} onDone={setDone} />
        ) : null}
        {done ? <ReportView job={done} name={`${props.testId}-${done.jobId}.json`} /> : null}
      </Stack>
    </Card>
  );
}

export function Imports() {
  const { t } = useTranslation();
  return (
    <Page title={t('imports.title')}>
      <UploadJob
        testId="oneroster-import"
        title={t('imports.oneroster')}
        hint={t('imports.onerosterHint')}
        accept=".zip,application/zip"
        endpoint="/admin/oneroster/imports"
        contentType={() => 'application/zip'}
      />
      <Card withBorder radius="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('imports.export')}
          </Title>
          <Group>
            <Button component="a" href="/admin/oneroster/export" variant="light">
              {t('common.download')} (OneRoster 1.2 CSV, zip)
            </Button>
          </Group>
          <Text size="sm">
            {t('imports.exportHint')}{' '}
            <Anchor href="/ims/oneroster/rostering/v1p2/orgs">/ims/oneroster/rostering/v1p2</Anchor>
          </Text>
        </Stack>
      </Card>
      <UploadJob
        testId="edfi-load"
        title={t('imports.edfi')}
        hint={t('imports.edfiHint')}
        accept=".zip,.xml,application/zip,application/xml"
        endpoint="/admin/edfi/loads"
        contentType={(f) => (f.name.toLowerCase().endsWith('.xml') ? 'application/xml' : 'application/zip')}
      />
    </Page>
  );
}
