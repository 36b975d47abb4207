/** The finance team's trial balance: debits and credits per account for a period, and whether they balance. */
import { Badge, Group, Loader, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMoney } from '../../lib/format';

/** The ledger is kept in the school's currency (a Brazilian chart of accounts). */
export const BOOKS_CURRENCY = 'BRL';

const today = () => new Date().toISOString().slice(0, 10);

export function TrialBalance() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => `${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const query = useQuery({
    queryKey: ['fin-trial-balance', from, to],
    enabled: valid,
    queryFn: () => unwrap(api.GET('/api/v1/finance/ledger/reports/trial-balance', { params: { query: { from, to } } })),
  });
  const money = (cents: number) => (cents ? formatMoney(cents, BOOKS_CURRENCY) : '—');
  const data = query.data;
  return (
    <Page title={t('fin.trialBalanceTitle')}>
      <Group align="end">
        <TextInput type="date" label={t('fin.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('fin.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <ErrorAlert error={query.error} />
      {query.isFetching && !data ? <Loader aria-label={t('app.loading')} /> : null}
      {data ? (
        <>
          <Group>
            <Badge color={data.balanced ? 'teal.9' : 'red.9'} variant="filled" role="status">
              {data.balanced ? t('fin.balanced') : t('fin.unbalanced')}
            </Badge>
          </Group>
          {data.accounts.length === 0 ? <Text>{t('fin.noMovements')}</Text> : null}
          <Table striped aria-label={t('fin.trialBalanceTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fin.code')}</Table.Th>
                <Table.Th>{t('fin.account')}</Table.Th>
                <Table.Th ta="right">{t('fin.debit')}</Table.Th>
                <Table.Th ta="right">{t('fin.credit')}</Table.Th>
                <Table.Th ta="right">{t('fin.balance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.accounts.map((a) => (
                <Table.Tr key={a.accountId}>
                  <Table.Td>{a.code}</Table.Td>
                  <Table.Td>{a.name ?? '—'}</Table.Td>
                  <Table.Td ta="right">{money(a.debitCents)}</Table.Td>
                  <Table.Td ta="right">{money(a.creditCents)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.balanceCents, BOOKS_CURRENCY)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr data-testid="trial-balance-totals">
                <Table.Th colSpan={2}>{t('fin.totals')}</Table.Th>
                <Table.Th ta="right">{formatMoney(data.totalDebitCents, BOOKS_CURRENCY)}</Table.Th>
                <Table.Th ta="right">{formatMoney(data.totalCreditCents, BOOKS_CURRENCY)}</Table.Th>
                <Table.Th ta="right">{data.balanced ? t('fin.balanced') : t('fin.unbalanced')}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </>
      ) : null}
    </Page>
  );
}
