/** The journal: entries newest first (number, date, description, status); each opens its detail. */
import { Anchor, Badge, Group, Loader, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatMoney } from '../../lib/format';
import { BOOKS_CURRENCY } from './TrialBalance';

const STATUSES = ['all', 'posted', 'reversed', 'draft'] as const;

export function EntryStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="dark" variant={status === 'posted' ? 'filled' : 'default'}>
      {t(`fin.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function Journal() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('all');
  const query = useQuery({
    queryKey: ['fin-journal', status],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/finance/ledger/entries', {
          params: { query: status === 'all' ? { limit: 200 } : { status, limit: 200 } },
        }),
      ),
  });
  return (
    <Page title={t('fin.journalTitle')}>
      <Group>
        <Text size="sm" fw={600}>
          {t('fin.statusFilter')}
        </Text>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as (typeof STATUSES)[number])}
          data={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('fin.all') : t(`fin.status.${s}`) }))}
        />
      </Group>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && query.data.items.length === 0 ? <Text>{t('common.none')}</Text> : null}
      {query.data && query.data.items.length > 0 ? (
        <Table striped aria-label={t('fin.journalTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fin.number')}</Table.Th>
              <Table.Th>{t('fin.date')}</Table.Th>
              <Table.Th>{t('fin.description')}</Table.Th>
              <Table.Th ta="right">{t('fin.amount')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/finance/journal/${e.id}`}>
                    {e.entryNumber != null ? `#${e.entryNumber}` : t('fin.status.draft')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{e.entryDate ? formatDate(e.entryDate) : '—'}</Table.Td>
                <Table.Td>{e.description ?? '—'}</Table.Td>
                <Table.Td ta="right">{formatMoney(e.totalCents, BOOKS_CURRENCY)}</Table.Td>
                <Table.Td>
                  <EntryStatus status={e.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Page>
  );
}
