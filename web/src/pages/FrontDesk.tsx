/** The language-school secretary's home: the next classes, overdue invoices, new leads. */
import { Badge, Card, Loader, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { formatDate, formatMoney } from '../lib/format';

export function FrontDesk() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['front-desk'], queryFn: () => unwrap(api.GET('/api/v1/directory/front-desk')) });
  const data = query.data;
  const currency = data?.organization?.currency ?? 'USD';
  return (
    <Page
      title={data?.organization?.name ? `${t('frontDesk.title')} · ${data.organization.name}` : t('frontDesk.title')}
    >
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {data ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('frontDesk.nextClasses')}
            </Title>
            <Table aria-label={t('frontDesk.nextClasses')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('frontDesk.date')}</Table.Th>
                  <Table.Th>{t('frontDesk.time')}</Table.Th>
                  <Table.Th>{t('common.name')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.nextSessions.map((s) => (
                  <Table.Tr key={s.sessionId}>
                    <Table.Td>{formatDate(s.date)}</Table.Td>
                    <Table.Td>
                      {s.startTime?.slice(0, 5)}–{s.endTime?.slice(0, 5)}
                    </Table.Td>
                    <Table.Td>{s.className}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {data.nextSessions.length === 0 ? <Text c="dimmed">{t('common.none')}</Text> : null}
          </Card>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb={4}>
              {t('frontDesk.overdue')}
            </Title>
            <Text size="sm" mb="sm" data-testid="overdue-total">
              {t('frontDesk.overdueTotal', {
                count: data.overdueInvoices.count,
                total: formatMoney(data.overdueInvoices.totalCents, currency),
              })}
            </Text>
            <Table aria-label={t('frontDesk.overdue')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('frontDesk.payer')}</Table.Th>
                  <Table.Th>{t('frontDesk.due')}</Table.Th>
                  <Table.Th ta="right">{t('frontDesk.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.overdueInvoices.items.map((i) => (
                  <Table.Tr key={i.invoiceId}>
                    <Table.Td>{i.payerName}</Table.Td>
                    <Table.Td>{i.dueDate ? formatDate(i.dueDate) : '—'}</Table.Td>
                    <Table.Td ta="right">{formatMoney(i.amountCents, currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('frontDesk.newLeads')}
            </Title>
            <Table aria-label={t('frontDesk.newLeads')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('frontDesk.interest')}</Table.Th>
                  <Table.Th>{t('frontDesk.source')}</Table.Th>
                  <Table.Th>{t('common.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.newLeads.map((l) => (
                  <Table.Tr key={l.leadId}>
                    <Table.Td>{l.name}</Table.Td>
                    <Table.Td>{l.interest ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                        {l.source?.replace('_', ' ') ?? '—'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{l.createdAt ? formatDate(l.createdAt) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </SimpleGrid>
      ) : null}
    </Page>
  );
}
