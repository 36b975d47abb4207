/**
 * Payroll: each teacher's payroll — gross, INSS and IRRF apart, other deductions, additions, net — with its
 * status; approve one awaiting approval, record a payment. The teacher's name opens the calculation.
 */
import { Anchor, Badge, Button, Group, Loader, NumberInput, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatMoney } from '../../lib/format';
import { PAYABLE, PayrollOutcome, usePayrollActions } from './PayrollActions';
import { BOOKS_CURRENCY } from './TrialBalance';

export function Payroll() {
  const { t } = useTranslation();
  const [paying, setPaying] = useState<{ id: string; amount: number | string } | null>(null);
  const query = useQuery({
    queryKey: ['fin-payroll'],
    queryFn: () => unwrap(api.GET('/api/v1/finance/payroll', { params: { query: {} } })),
  });
  const actions = usePayrollActions({ onPaid: () => setPaying(null) });
  const { approve, pay } = actions;
  const money = (cents: number) => formatMoney(cents, BOOKS_CURRENCY);
  return (
    <Page title={t('fin.payrollTitle')}>
      <ErrorAlert error={query.error} />
      <PayrollOutcome {...actions} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && query.data.items.length === 0 ? <Text>{t('common.none')}</Text> : null}
      {query.data && query.data.items.length > 0 ? (
        <TableScroll label={t('fin.payrollTitle')} minWidth={960}>
          <Table striped aria-label={t('fin.payrollTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fin.employee')}</Table.Th>
                <Table.Th>{t('fin.period')}</Table.Th>
                <Table.Th ta="right">{t('fin.gross')}</Table.Th>
                <Table.Th ta="right">{t('fin.inss')}</Table.Th>
                <Table.Th ta="right">{t('fin.irrf')}</Table.Th>
                <Table.Th ta="right">{t('fin.otherDeductions')}</Table.Th>
                <Table.Th ta="right">{t('fin.additions')}</Table.Th>
                <Table.Th ta="right">{t('fin.net')}</Table.Th>
                <Table.Th ta="right">{t('fin.paid')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/finance/payroll/${p.id}`}>
                      {p.employeeName ?? '—'}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {p.periodStart && p.periodEnd ? `${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}` : '—'}
                  </Table.Td>
                  <Table.Td ta="right">{money(p.grossAmountCents)}</Table.Td>
                  <Table.Td ta="right">{money(p.inssCents)}</Table.Td>
                  <Table.Td ta="right">{money(p.irrfCents)}</Table.Td>
                  <Table.Td ta="right">{money(p.otherDeductionsCents)}</Table.Td>
                  <Table.Td ta="right">{money(p.totalAdditionsCents)}</Table.Td>
                  <Table.Td ta="right">{money(p.netAmountCents)}</Table.Td>
                  <Table.Td ta="right">{money(p.paidAmountCents)}</Table.Td>
                  <Table.Td>
                    <Badge color="dark" variant={p.status === 'paid' ? 'filled' : 'default'}>
                      {t(`fin.payrollStatus.${p.status}`, { defaultValue: p.status })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {p.status === 'pending_approval' || p.status === 'draft' ? (
                      <Button
                        size="xs"
                        onClick={() => approve.mutate(p.id)}
                        loading={approve.isPending && approve.variables === p.id}
                        aria-label={t('fin.approveFor', { name: p.employeeName ?? '' })}
                      >
                        {t('fin.approve')}
                      </Button>
                    ) : null}
                    {PAYABLE.has(p.status) && paying?.id !== p.id ? (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setPaying({ id: p.id, amount: (p.netAmountCents - p.paidAmountCents) / 100 })}
                      >
                        {t('fin.recordPayment')}
                      </Button>
                    ) : null}
                    {paying?.id === p.id ? (
                      <Group gap="xs" align="end">
                        <NumberInput
                          size="xs"
                          label={t('fin.amountToPay')}
                          value={paying.amount}
                          onChange={(v) => setPaying({ id: p.id, amount: v })}
                          decimalScale={2}
                          min={0}
                          w={140}
                        />
                        <Button
                          size="xs"
                          loading={pay.isPending}
                          onClick={() =>
                            pay.mutate({ payrollId: p.id, cents: Math.round(Number(paying.amount) * 100) })
                          }
                        >
                          {t('fin.confirmPayment')}
                        </Button>
                        <Button size="xs" variant="subtle" onClick={() => setPaying(null)}>
                          {t('common.cancel')}
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      ) : null}
    </Page>
  );
}
