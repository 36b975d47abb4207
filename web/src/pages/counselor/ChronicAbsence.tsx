/**
 * The counselor's home: the chronically absent students of their school (missing ≥ 10 % of their
 * enrolled school days, excused or not) over a date range kept in the URL, most absent first, each
 * with the days missed, the month-by-month trend (a small line) and a link to the student.
 */
import { Anchor, Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatNumber } from '../../lib/format';
import { RangeFilter, useUrlRange } from './RangeFilter';
import { TrendLine } from './TrendLine';

const percentOf = (absent: number, enrolled: number) => (enrolled === 0 ? 0 : Math.round((absent / enrolled) * 100));

export function ChronicAbsence() {
  const { t } = useTranslation();
  const schoolId = useMe()?.principal.schoolIds?.[0];
  const range = useUrlRange();
  const query = useQuery({
    queryKey: ['chronic-absence', schoolId, range.from, range.to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/schools/{schoolId}/attendance/chronic-absence', {
          params: { path: { schoolId: schoolId! }, query: range },
        }),
      ),
    enabled: schoolId !== undefined,
  });
  const students = query.data?.students ?? [];
  return (
    <Page title={t('k12att.chronicTitle')}>
      <Text>{t('k12att.chronicIntro', { percent: query.data?.thresholdPercent ?? 10 })}</Text>
      <RangeFilter path="/attendance/chronic" />
      {schoolId === undefined ? <Text>{t('k12att.noSchool')}</Text> : null}
      <ErrorAlert error={query.error} />
      {query.isFetching ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && students.length === 0 ? <Text>{t('k12att.noChronic')}</Text> : null}
      {students.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder striped aria-label={t('k12att.chronicTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('k12att.student')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('k12att.absentPercent')}
                </Table.Th>
                <Table.Th scope="col">{t('k12att.missedOfEnrolled')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('k12att.excused')}
                </Table.Th>
                <Table.Th scope="col">{t('k12att.trend')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {students.map((s) => {
                const months = s.trend.map((m) => `${m.month} ${percentOf(m.absentDays, m.enrolledDays)} %`).join(', ');
                return (
                  <Table.Tr key={s.studentUsi} data-student={s.name}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/students/${s.studentUsi}`}>
                        {s.name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td style={{ textAlign: 'right' }} data-percent>
                      {formatNumber(s.absentPercent)} %
                    </Table.Td>
                    <Table.Td>{t('k12att.daysMissed', { absent: s.absentDays, enrolled: s.enrolledDays })}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{s.excusedDays}</Table.Td>
                    <Table.Td>
                      <TrendLine
                        values={s.trend.map((m) => percentOf(m.absentDays, m.enrolledDays))}
                        label={t('k12att.trendOf', { months })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
