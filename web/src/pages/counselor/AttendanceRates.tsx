/**
 * A school's attendance rates over a date range (in the URL): the school's, then by grade level and by
 * section — only enrolled instructional days count.
 */
import { Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatNumber } from '../../lib/format';
import { RangeFilter, useUrlRange } from './RangeFilter';

type By = 'school' | 'grade' | 'section';

function useRates(schoolId: number | undefined, by: By) {
  const range = useUrlRange();
  return useQuery({
    queryKey: ['attendance-rates', schoolId, by, range.from, range.to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/schools/{schoolId}/attendance/rates', {
          params: { path: { schoolId: schoolId! }, query: { ...range, by } },
        }),
      ),
    enabled: schoolId !== undefined,
  });
}

const percent = (rate: number | null) => (rate === null ? '—' : `${formatNumber(Math.round(rate * 1000) / 10)} %`);

function RatesTable({ schoolId, by, title, column }: { schoolId?: number; by: By; title: string; column: string }) {
  const { t } = useTranslation();
  const query = useRates(schoolId, by);
  const rows = query.data?.rows ?? [];
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      <ErrorAlert error={query.error} />
      {query.isFetching ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {query.data && rows.length === 0 ? <Text>{t('k12att.noEnrolled')}</Text> : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder striped aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{column}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('k12att.rate')}
                </Table.Th>
                <Table.Th scope="col">{t('k12att.missedOfEnrolled')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row">{r.label}</Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>
                    <Stack gap={2} align="flex-end">
                      <span>{percent(r.rate)}</span>
                      <Progress value={(r.rate ?? 0) * 100} w={100} size="sm" aria-hidden />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{t('k12att.daysMissed', { absent: r.absentDays, enrolled: r.enrolledDays })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

export function AttendanceRates() {
  const { t } = useTranslation();
  const schoolId = useMe()?.principal.schoolIds?.[0];
  const school = useRates(schoolId, 'school');
  const whole = school.data?.rows[0];
  return (
    <Page title={t('k12att.ratesTitle')}>
      <RangeFilter path="/attendance/rates" />
      {schoolId === undefined ? <Text>{t('k12att.noSchool')}</Text> : null}
      <ErrorAlert error={school.error} />
      {whole ? (
        <Text size="lg" data-school-rate>
          {t('k12att.schoolRate', {
            rate: percent(whole.rate),
            absent: whole.absentDays,
            enrolled: whole.enrolledDays,
          })}
        </Text>
      ) : null}
      <RatesTable schoolId={schoolId} by="grade" title={t('k12att.byGrade')} column={t('k12att.grade')} />
      <RatesTable schoolId={schoolId} by="section" title={t('k12att.bySection')} column={t('k12att.section')} />
    </Page>
  );
}
