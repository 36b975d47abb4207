/** A student's grades (for their parents, themselves, their teachers): each course's period grades and GPA. */
import { Loader, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';

export function StudentGrades({ studentUsi }: { studentUsi: number }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['student-grades', studentUsi],
    queryFn: () => unwrap(api.GET('/api/v1/students/{studentUsi}/grades', { params: { path: { studentUsi } } })),
  });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const fmt = (n: number | null) => (n === null ? '—' : number.format(n));
  const data = query.data;
  const gpa = data?.gpa.cumulative;
  return (
    <Page title={data ? t('k12grades.gradesOf', { name: data.name }) : t('k12grades.grades')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {gpa && gpa.unweighted !== null ? (
        <Text>
          {t('k12grades.gpa', {
            unweighted: fmt(gpa.unweighted),
            weighted: fmt(gpa.weighted),
            credits: number.format(gpa.credits),
          })}
        </Text>
      ) : null}
      {data && data.grades.length === 0 ? <Text>{t('k12grades.noGrades')}</Text> : null}
      {data && data.grades.length > 0 ? (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder striped aria-label={t('k12grades.grades')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('k12grades.course')}</Table.Th>
                <Table.Th scope="col">{t('k12grades.period')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('k12grades.percent')}
                </Table.Th>
                <Table.Th scope="col">{t('k12grades.letter')}</Table.Th>
                <Table.Th scope="col">{t('k12grades.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.grades.map((g) => (
                <Table.Tr key={`${g.sectionIdentifier}:${g.gradingPeriod}:${g.gradeType}`}>
                  <Table.Th scope="row">{g.courseTitle}</Table.Th>
                  <Table.Td>{g.gradingPeriod}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{g.percent === null ? '—' : `${fmt(g.percent)} %`}</Table.Td>
                  <Table.Td>
                    <Text fw={700}>{g.letter ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{g.comment ?? ''}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}

export function StudentGradesPage() {
  const { studentUsi } = useParams({ strict: false }) as { studentUsi: string };
  return <StudentGrades studentUsi={Number(studentUsi)} />;
}
