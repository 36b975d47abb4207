/**
 * The nurse's home: the immunization compliance list — the school's students short of a required
 * vaccine's doses, what each has and needs — searched and paged on the server; each row records the
 * next dose (RecordImmunization).
 */
import { Alert, Badge, Button, Group, Stack } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { Page } from '../../components/Page';
import { RecordImmunization, type Recorded } from './RecordImmunization';
import { SearchedList } from './SearchedList';
import { studentColumn, useSearchPage } from './search';

const PATH = '/api/v1/health/nurse/immunization-compliance';
type Row = paths[typeof PATH]['get']['responses'][200]['content']['application/json']['data'][number];

export function Immunizations() {
  const { t } = useTranslation();
  const search = useSearchPage();
  const [recording, setRecording] = useState<Row | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const list = useQuery({
    queryKey: ['health', 'compliance', search.query],
    queryFn: () => unwrap(api.GET(PATH, { params: { query: search.query } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      studentColumn<Row>(t),
      {
        id: 'missing',
        header: () => t('health.missing'),
        cell: ({ row }) => (
          <Group gap={4}>
            {row.original.missing.map((m) => (
              // None given: filled red; a series not finished: outlined (contrast ≥ 4.5 either way).
              <Badge
                key={m.vaccine}
                color={m.recorded === 0 ? 'red.9' : 'dark'}
                variant={m.recorded === 0 ? 'filled' : 'outline'}
              >
                {t('health.doses', m)}
              </Badge>
            ))}
          </Group>
        ),
      },
      {
        id: 'record',
        header: () => t('health.action'),
        cell: ({ row }) => (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => setRecording(row.original)}
            aria-label={t('health.recordFor', { name: row.original.studentName })}
          >
            {t('health.record')}
          </Button>
        ),
      },
    ],
    [t],
  );
  const total = list.data?.page.total;
  return (
    <Page title={t('health.complianceTitle')}>
      <Stack>
        {recorded ? (
          <Alert color="teal" role="status" data-testid="recorded" withCloseButton onClose={() => setRecorded(null)}>
            {t('health.recorded', { ...recorded })}
          </Alert>
        ) : null}
        <SearchedList
          label={t('health.complianceTitle')}
          search={search}
          error={list.error}
          rows={list.data?.data}
          total={total}
          columns={columns}
        />
      </Stack>
      {recording ? (
        <RecordImmunization
          student={recording}
          onClose={() => setRecording(null)}
          onRecorded={(done) => {
            setRecording(null);
            setRecorded(done);
          }}
        />
      ) : null}
    </Page>
  );
}
