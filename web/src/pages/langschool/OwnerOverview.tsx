/**
 * The language-school owner's home: this month's money in (payments) and out (payroll paid), overdue
 * invoices, new leads and the month's conversion rate, and how full each class is. Read-only: it
 * combines existing reads (school-ops cash by month and classes, the CRM funnel for this month, the
 * front desk's overdue invoices); every figure is the server's, money in integer cents.
 */
import { BarChart } from '@mantine/charts';
import { Card, Loader, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatMoney, formatNumber } from '../../lib/format';
import i18n from '../../i18n';

const monthStart = () => `${new Date().toISOString().slice(0, 7)}-01`;
const today = () => new Date().toISOString().slice(0, 10);
const monthLabel = (month: string) =>
  new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
const percent = (rate: number | null | undefined) =>
  rate == null
    ? '—'
    : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder radius="md">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export function OwnerOverview() {
  const { t } = useTranslation();
  const cash = useQuery({
    queryKey: ['ls-cash-months'],
    queryFn: () => unwrap(api.GET('/api/v1/school-ops/cash-months', { params: { query: { months: 6 } } })),
  });
  const desk = useQuery({ queryKey: ['front-desk'], queryFn: () => unwrap(api.GET('/api/v1/directory/front-desk')) });
  const funnel = useQuery({
    queryKey: ['ls-funnel', monthStart()],
    queryFn: () => unwrap(api.GET('/api/v1/sales/funnel', { params: { query: { from: monthStart(), to: today() } } })),
  });
  const classes = useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
  const currency = cash.data?.currency ?? desk.data?.organization?.currency ?? 'BRL';
  const money = (cents: number) => formatMoney(cents, currency);
  const thisMonth = cash.data?.months.at(-1);
  const loading = cash.isPending || desk.isPending || funnel.isPending || classes.isPending;
  return (
    <Page title={t('office.overviewTitle')}>
      <Text size="sm">{t('office.overviewHint')}</Text>
      <ErrorAlert error={cash.error ?? desk.error ?? funnel.error ?? classes.error} />
      {loading ? <Loader aria-label={t('app.loading')} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        {thisMonth ? <Figure label={t('office.cashIn')} value={money(thisMonth.inCents)} testId="cash-in" /> : null}
        {thisMonth ? <Figure label={t('office.cashOut')} value={money(thisMonth.outCents)} testId="cash-out" /> : null}
        {desk.data ? (
          <Figure
            label={t('office.overdue')}
            value={t('office.overdueValue', {
              count: desk.data.overdueInvoices.count,
              total: money(desk.data.overdueInvoices.totalCents),
            })}
            testId="overdue"
          />
        ) : null}
        {funnel.data ? (
          <Figure label={t('office.newLeads')} value={formatNumber(funnel.data.total)} testId="new-leads" />
        ) : null}
        {funnel.data ? (
          <Figure label={t('office.conversion')} value={percent(funnel.data.conversionRate)} testId="conversion" />
        ) : null}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {cash.data ? (
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="md">
              {t('office.cashChart')}
            </Title>
            <BarChart
              h={260}
              data={cash.data.months.map((m) => ({
                month: monthLabel(m.month),
                in: m.inCents / 100,
                out: m.outCents / 100,
              }))}
              dataKey="month"
              series={[
                { name: 'in', label: t('office.in'), color: 'teal.8' },
                { name: 'out', label: t('office.out'), color: 'red.8' },
              ]}
              withLegend
              valueFormatter={(v) => money(Math.round(v * 100))}
            />
          </Card>
        ) : null}
        {classes.data ? (
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="md">
              {t('office.fillChart')}
            </Title>
            <BarChart
              h={260}
              data={classes.data
                .filter((c) => c.isActive)
                .map((c) => ({
                  class: c.name ?? c.id,
                  fill: c.maxStudents > 0 ? Math.round((c.enrolled / c.maxStudents) * 100) : 0,
                }))}
              dataKey="class"
              series={[{ name: 'fill', label: t('office.fill'), color: 'indigo.7' }]}
              yAxisProps={{ domain: [0, 100] }}
              valueFormatter={(v) => `${v}%`}
            />
          </Card>
        ) : null}
      </SimpleGrid>
    </Page>
  );
}
