/** Today's medications at the nurse's school: who takes what and when (by dose time), searched and paged. */
import { Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { SearchedList } from './SearchedList';
import { studentColumn, useSearchPage } from './search';

const PATH = '/api/v1/health/nurse/medications-today';
type Row = paths[typeof PATH]['get']['responses'][200]['content']['application/json']['data'][number];

export function Medications() {
  const { t } = useTranslation();
  const search = useSearchPage();
  const list = useQuery({
    queryKey: ['health', 'medications', search.query],
    queryFn: () => unwrap(api.GET(PATH, { params: { query: search.query } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      { id: 'time', header: () => t('health.time'), cell: ({ row }) => row.original.time ?? t('health.asNeeded') },
      studentColumn<Row>(t),
      {
        id: 'medication',
        header: () => t('health.medication'),
        cell: ({ row }) => [row.original.medicationName, row.original.dosage].filter(Boolean).join(' · '),
      },
      {
        id: 'instructions',
        header: () => t('health.instructions'),
        cell: ({ row }) => row.original.instructions ?? '',
      },
    ],
    [t],
  );
  const total = list.data?.page.total;
  return (
    <Page title={t('health.medicationsTitle')}>
      <Stack>
        {list.data ? <Text c="dimmed">{formatDate(list.data.date)}</Text> : null}
        <SearchedList
          label={t('health.medicationsTitle')}
          search={search}
          error={list.error}
          rows={list.data?.data}
          total={total}
          columns={columns}
        />
      </Stack>
    </Page>
  );
}
