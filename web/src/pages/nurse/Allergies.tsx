/** The students' active allergies at the nurse's school, the severe first, searched and paged on the server. */
import { Badge, Stack } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { Page } from '../../components/Page';
import { SearchedList } from './SearchedList';
import { studentColumn, useSearchPage } from './search';

const PATH = '/api/v1/health/nurse/allergies';
type Row = paths[typeof PATH]['get']['responses'][200]['content']['application/json']['data'][number];
/** Severe stands out (filled red); the others stay readable (contrast ≥ 4.5). */
const SEVERITY_STYLE: Record<string, { color: string; variant: 'filled' | 'outline' | 'default' }> = {
  severe: { color: 'red.9', variant: 'filled' },
  moderate: { color: 'dark', variant: 'outline' },
  mild: { color: 'gray', variant: 'default' },
};

export function Allergies() {
  const { t } = useTranslation();
  const search = useSearchPage();
  const list = useQuery({
    queryKey: ['health', 'allergies', search.query],
    queryFn: () => unwrap(api.GET(PATH, { params: { query: search.query } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      studentColumn<Row>(t),
      { id: 'allergen', header: () => t('health.allergen'), cell: ({ row }) => row.original.allergenName },
      {
        id: 'severity',
        header: () => t('health.severity'),
        cell: ({ row }) => {
          const severity = (row.original.severity ?? '').toLowerCase();
          return severity ? (
            // max-content: a narrow column must not cut the word ("MODERA…").
            <Badge miw="max-content" {...(SEVERITY_STYLE[severity] ?? SEVERITY_STYLE.mild)}>
              {t(`health.severities.${severity}`, { defaultValue: severity })}
            </Badge>
          ) : (
            '—'
          );
        },
      },
      { id: 'reaction', header: () => t('health.reaction'), cell: ({ row }) => row.original.reaction ?? '' },
      { id: 'plan', header: () => t('health.plan'), cell: ({ row }) => row.original.treatmentPlan ?? '' },
    ],
    [t],
  );
  const total = list.data?.page.total;
  return (
    <Page title={t('health.allergiesTitle')}>
      <Stack>
        <SearchedList
          label={t('health.allergiesTitle')}
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
