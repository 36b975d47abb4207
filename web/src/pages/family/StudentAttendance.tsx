/**
 * A student's attendance over the school year to date (for their parents, themselves, their school's
 * staff): the rate over their enrolled school days, and each absence, tardy and early departure —
 * whole days from the school-day record, single classes from the section marks (a class missed on a
 * day missed whole is not listed twice).
 */
import { Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatNumber } from '../../lib/format';
import { markOfCode, rangeOf, type Mark } from '../attendance/dates';

interface Happening {
  date: string;
  mark: Mark | string;
  where: string | null;
  reason: string | null;
}

const MISSED = ['absent', 'excused'];

export function StudentAttendance({ studentUsi, title }: { studentUsi: number; title?: string }) {
  const { t } = useTranslation();
  const range = rangeOf({});
  const query = useQuery({
    queryKey: ['student-attendance', studentUsi, range.from, range.to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/students/{studentUsi}/attendance', {
          params: { path: { studentUsi }, query: range },
        }),
      ),
  });
  const student = useQuery({
    queryKey: ['student', studentUsi],
    queryFn: () => unwrap(api.GET('/api/v1/directory/students/{studentUsi}', { params: { path: { studentUsi } } })),
    enabled: !title,
  });
  const data = query.data;
  const wholeDays = new Set(
    (data?.days ?? []).filter((d) => MISSED.includes(markOfCode(d.status) ?? '')).map((d) => d.date),
  );
  const happenings: Happening[] = [
    ...(data?.days ?? [])
      .filter((d) => markOfCode(d.status) !== 'present')
      .map((d) => ({ date: d.date, mark: markOfCode(d.status) ?? d.status, where: null, reason: d.reason })),
    ...(data?.sections ?? [])
      .filter((s) => s.mark !== 'present' && !(MISSED.includes(s.mark) && wholeDays.has(s.date)))
      .map((s) => ({ date: s.date, mark: s.mark, where: s.sectionIdentifier, reason: s.reason })),
  ].sort((a, b) => b.date.localeCompare(a.date) || (a.where ?? '').localeCompare(b.where ?? ''));
  const label = (mark: string) => (markOfCode(mark) ? t(`k12att.marks.${markOfCode(mark)!}`) : mark);
  const name = student.data ? `${student.data.firstName} ${student.data.lastSurname}` : undefined;
  return (
    <Page title={title ?? (name ? t('k12att.attendanceOf', { name }) : t('k12att.attendance'))}>
      <Text c="dimmed">{t('k12att.between', { from: formatDate(range.from), to: formatDate(range.to) })}</Text>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {data ? (
        <Paper withBorder p="md" data-rate>
          {data.rate === null ? (
            <Text>{t('k12att.noEnrolled')}</Text>
          ) : (
            <Group gap="md" wrap="wrap">
              <Text size="xl" fw={700}>
                {formatNumber(Math.round(data.rate * 1000) / 10)} %
              </Text>
              <Text>{t('k12att.rateSummary', { absent: data.absentDays, enrolled: data.enrolledDays })}</Text>
            </Group>
          )}
        </Paper>
      ) : null}
      {data && happenings.length === 0 ? <Text>{t('k12att.noExceptions')}</Text> : null}
      {happenings.length > 0 ? (
        <Stack gap="xs">
          <Text fw={700} component="h2" size="lg">
            {t('k12att.exceptions')}
          </Text>
          <Table withTableBorder striped aria-label={t('k12att.exceptions')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('k12att.date')}</Table.Th>
                <Table.Th scope="col">{t('k12att.what')}</Table.Th>
                <Table.Th scope="col">{t('k12att.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {happenings.map((h) => (
                <Table.Tr key={`${h.date}:${h.where ?? ''}:${h.mark}`} data-mark={h.mark}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(h.date)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={700} c={MISSED.includes(h.mark) ? 'red.9' : 'dark'}>
                        {label(h.mark)}
                      </Text>
                      <Text size="xs">{h.where ?? t('k12att.wholeDay')}</Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{h.reason ?? ''}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </Page>
  );
}

export function StudentAttendancePage() {
  const { studentUsi } = useParams({ strict: false }) as { studentUsi: string };
  return <StudentAttendance studentUsi={Number(studentUsi)} />;
}

/** The student's own attendance: their account's link to their Ed-Fi student record. */
export function MyAttendance() {
  const { t } = useTranslation();
  const usi = useMe()?.account?.person.edfiStudentUSI;
  if (usi === undefined)
    return (
      <Page title={t('k12att.myAttendance')}>
        <Text>{t('k12att.notLinked')}</Text>
      </Page>
    );
  return <StudentAttendance studentUsi={usi} title={t('k12att.myAttendance')} />;
}
