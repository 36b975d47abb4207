/**
 * One payroll and how it was computed: gross, INSS slice by slice (band, rate, base, amount), the IRRF
 * deduction taken (legal or simplified), its base and bracket (rate, parcela a deduzir), then the net.
 */
import { Alert, Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatMoney } from '../../lib/format';
import { BOOKS_CURRENCY } from './TrialBalance';

const rate = (basisPoints: number) =>
  `${(basisPoints / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })} %`;

export function PayrollDetailPage() {
  const { t } = useTranslation();
  const { payrollId } = useParams({ strict: false }) as { payrollId: string };
  const query = useQuery({
    queryKey: ['fin-payroll-detail', payrollId],
    queryFn: () => unwrap(api.GET('/api/v1/finance/payroll/{payrollId}', { params: { path: { payrollId } } })),
  });
  const money = (cents: number) => formatMoney(cents, BOOKS_CURRENCY);
  const d = query.data;
  const p = d?.payroll;
  const w = d?.withholding;
  return (
    <Page title={p?.employeeName ? t('fin.payrollOf', { name: p.employeeName }) : t('fin.payrollTitle')}>
      <Anchor component={Link} to="/finance/payroll" size="sm">
        ← {t('fin.backToPayroll')}
      </Anchor>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {p && d ? (
        <Stack gap="md">
          <Group gap="lg">
            <Text>
              {p.periodStart && p.periodEnd ? `${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}` : '—'}
            </Text>
            <Badge color="dark" variant={p.status === 'paid' ? 'filled' : 'default'}>
              {t(`fin.payrollStatus.${p.status}`, { defaultValue: p.status })}
            </Badge>
            {d.contractModel ? <Text size="sm">{t(`fin.contractModel.${d.contractModel}`)}</Text> : null}
          </Group>
          {d.notes ? <Text size="sm">{d.notes}</Text> : null}
          <Table aria-label={t('fin.summary')} maw={520}>
            <Table.Tbody>
              {(
                [
                  ['gross', p.grossAmountCents, ''],
                  ['inss', p.inssCents, '−'],
                  ['irrf', p.irrfCents, '−'],
                  ['otherDeductions', p.otherDeductionsCents, '−'],
                  ['additions', p.totalAdditionsCents, '+'],
                ] as const
              ).map(([key, cents, sign]) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{t(`fin.${key}`)}</Table.Th>
                  <Table.Td ta="right">
                    {sign} {money(cents)}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('fin.net')}</Table.Th>
                <Table.Td ta="right" fw={700}>
                  {money(p.netAmountCents)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {w ? (
            <>
              <Title order={2} size="h4">
                {t('fin.inssTitle', { year: w.year })}
              </Title>
              <Table aria-label={t('fin.inssTitle', { year: w.year })} maw={720}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fin.band')}</Table.Th>
                    <Table.Th ta="right">{t('fin.rate')}</Table.Th>
                    <Table.Th ta="right">{t('fin.baseInBand')}</Table.Th>
                    <Table.Th ta="right">{t('fin.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {w.inss.slices.map((s) => (
                    <Table.Tr key={s.upToCents}>
                      <Table.Td>{t('fin.bandRange', { from: money(s.fromCents), to: money(s.upToCents) })}</Table.Td>
                      <Table.Td ta="right">{rate(s.basisPoints)}</Table.Td>
                      <Table.Td ta="right">{money(s.baseCents)}</Table.Td>
                      <Table.Td ta="right">{money(s.cents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm">{t('fin.inssCeiling', { ceiling: money(w.inss.ceilingCents) })}</Text>
              <Title order={2} size="h4">
                {t('fin.irrfTitle', { year: w.year })}
              </Title>
              <Table aria-label={t('fin.irrfTitle', { year: w.year })} maw={720}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('fin.gross')}</Table.Th>
                    <Table.Td ta="right">{money(w.grossCents)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">
                      {w.irrf.deduction === 'simplified'
                        ? t('fin.simplifiedDiscount')
                        : t('fin.legalDeductions', { dependants: w.irrf.dependants })}
                    </Table.Th>
                    <Table.Td ta="right">− {money(w.irrf.deductionCents)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('fin.irrfBase')}</Table.Th>
                    <Table.Td ta="right">{money(w.irrf.baseCents)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">
                      {w.irrf.bracket.upToCents === null
                        ? t('fin.bracketTop', { number: w.irrf.bracket.number })
                        : t('fin.bracket', { number: w.irrf.bracket.number, upTo: money(w.irrf.bracket.upToCents) })}
                    </Table.Th>
                    <Table.Td ta="right">
                      {rate(w.irrf.bracket.basisPoints)} − {money(w.irrf.bracket.deductionCents)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('fin.irrf')}</Table.Th>
                    <Table.Td ta="right" fw={700}>
                      {money(w.irrf.cents)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {d.differsFromStored ? (
                <Alert color="yellow" title={t('fin.differsTitle')}>
                  {t('fin.differs')}
                </Alert>
              ) : null}
            </>
          ) : (
            <Text>{t('fin.noWithholding')}</Text>
          )}
        </Stack>
      ) : null}
    </Page>
  );
}
