/** The secretary's invoices: every invoice with its balance, filtered by status; each opens its detail. */
import { Button, Group, Loader, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatMoney } from '../../lib/format';
import { InvoiceStatus } from './StatusBadge';

type Status = 'pending' | 'paid' | 'overdue';

export function Invoices() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const query = useQuery({
    queryKey: ['billing-invoices', status],
    queryFn: () =>
      unwrap(api.GET('/api/v1/billing/invoices', { params: { query: status === 'all' ? {} : { status } } })),
  });
  return (
    <Page title={t('billing.invoicesTitle')}>
      <Group>
        <Text size="sm" fw={600}>
          {t('billing.statusFilter')}
        </Text>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as Status | 'all')}
          data={[
            { value: 'all', label: t('billing.all') },
            { value: 'pending', label: t('billing.status.pending') },
            { value: 'overdue', label: t('billing.status.overdue') },
            { value: 'paid', label: t('billing.status.paid') },
          ]}
        />
      </Group>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && query.data.invoices.length === 0 ? <Text>{t('common.none')}</Text> : null}
      {query.data && query.data.invoices.length > 0 ? (
        <Table striped aria-label={t('billing.invoicesTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.student')}</Table.Th>
              <Table.Th>{t('billing.payer')}</Table.Th>
              <Table.Th>{t('billing.dueDate')}</Table.Th>
              <Table.Th>{t('billing.total')}</Table.Th>
              <Table.Th>{t('billing.balance')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.invoices.map((inv) => (
              <Table.Tr key={inv.id}>
                <Table.Td>{inv.studentName ?? '—'}</Table.Td>
                <Table.Td>{inv.payerName ?? '—'}</Table.Td>
                <Table.Td>{inv.dueDate ? formatDate(inv.dueDate) : '—'}</Table.Td>
                <Table.Td>{formatMoney(inv.netCents, 'BRL')}</Table.Td>
                <Table.Td>{formatMoney(inv.balanceCents, 'BRL')}</Table.Td>
                <Table.Td>
                  <InvoiceStatus status={inv.status} />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" component={Link} to={`/billing/invoices/${inv.id}`}>
                    {t('billing.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Page>
  );
}
