/**
 * Teachers' payouts (one per payroll, kept by the payroll service): filtered by status and month, with the
 * totals per status. Approving or paying a payout approves or pays its payroll (the payroll service's own
 * endpoints, so the books post and the payout follows).
 */
import { Anchor, Badge, Button, Group, Loader, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatMoney } from '../../lib/format';
import { PAYABLE, PayrollOutcome, usePayrollActions } from './PayrollActions';
import { BOOKS_CURRENCY } from './TrialBalance';

const STATUSES = ['all', 'pending', 'approved', 'paid'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function Payouts() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('all');
  const [month, setMonth] = useState('');
  const monthOk = month === '' || MONTH.test(month);
  const query = useQuery({
    queryKey: ['fin-payouts', status, monthOk ? month : ''],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/finance/payouts', {
          params: {
            query: {
              ...(status === 'all' ? {} : { status }),
              ...(month && monthOk ? { month } : {}),
            },
          },
        }),
      ),
  });
  const actions = usePayrollActions();
  const { approve, pay } = actions;
  const money = (cents: number) => formatMoney(cents, BOOKS_CURRENCY);
  const totals = query.data?.totals;
  return (
    <Page title={t('fin.payoutsTitle')}>
      <Group align="end">
        <div>
          <Text size="sm" fw={600} id="payout-status-label">
            {t('fin.statusFilter')}
          </Text>
          <SegmentedControl
            aria-labelledby="payout-status-label"
            value={status}
            onChange={(v) => setStatus(v as (typeof STATUSES)[number])}
            data={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('fin.all') : t(`fin.payoutStatus.${s}`) }))}
          />
        </div>
        <TextInput
          type="month"
          label={t('fin.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          error={monthOk ? undefined : t('fin.monthInvalid')}
          w={180}
        />
      </Group>
      <ErrorAlert error={query.error} />
      <PayrollOutcome {...actions} />
      {totals ? (
        <Group gap="xl" data-testid="payout-totals">
          <Text>{t('fin.totalPending', { amount: money(totals.pendingCents) })}</Text>
          <Text>{t('fin.totalApproved', { amount: money(totals.approvedCents) })}</Text>
          <Text>{t('fin.totalPaid', { amount: money(totals.paidCents) })}</Text>
        </Group>
      ) : null}
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && query.data.items.length === 0 ? <Text>{t('common.none')}</Text> : null}
      {query.data && query.data.items.length > 0 ? (
        <Table striped aria-label={t('fin.payoutsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fin.employee')}</Table.Th>
              <Table.Th>{t('fin.period')}</Table.Th>
              <Table.Th ta="right">{t('fin.amount')}</Table.Th>
              <Table.Th ta="right">{t('fin.stillDue')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th>{t('fin.payroll')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.teacherName ?? '—'}</Table.Td>
                <Table.Td>
                  {o.periodStart && o.periodEnd ? `${formatDate(o.periodStart)} – ${formatDate(o.periodEnd)}` : '—'}
                </Table.Td>
                <Table.Td ta="right">{money(o.amountCents)}</Table.Td>
                <Table.Td ta="right">{money(o.dueCents)}</Table.Td>
                {/* Room for the whole status: on a tablet the badge was cut to "PEN…". */}
                <Table.Td miw={110}>
                  <Badge color="dark" variant={o.status === 'paid' ? 'filled' : 'default'}>
                    {t(`fin.payoutStatus.${o.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {o.payrollId ? (
                    <Anchor component={Link} to={`/finance/payroll/${o.payrollId}`}>
                      {t(`fin.payrollStatus.${o.payrollStatus ?? 'draft'}`, { defaultValue: o.payrollStatus ?? '' })}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {o.payrollId && (o.payrollStatus === 'pending_approval' || o.payrollStatus === 'draft') ? (
                    <Button
                      size="xs"
                      onClick={() => approve.mutate(o.payrollId!)}
                      loading={approve.isPending && approve.variables === o.payrollId}
                      aria-label={t('fin.approveFor', { name: o.teacherName ?? '' })}
                    >
                      {t('fin.approve')}
                    </Button>
                  ) : null}
                  {o.payrollId && PAYABLE.has(o.payrollStatus ?? '') && o.dueCents > 0 ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => pay.mutate({ payrollId: o.payrollId!, cents: o.dueCents })}
                      loading={pay.isPending && pay.variables?.payrollId === o.payrollId}
                      aria-label={t('fin.payDueFor', { name: o.teacherName ?? '', amount: money(o.dueCents) })}
                    >
                      {t('fin.payDue', { amount: money(o.dueCents) })}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Page>
  );
}
