/**
 * A student's grades (for their parents, themselves, their teachers): each course's period grades, the
 * GPA, and the report cards (one per school and grading period) and transcript as PDF. On a phone the
 * grades are a list of cards (a five-column table does not fit 390 px); from `sm` up, a table.
 */
import { Anchor, Badge, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { GRADING_DEFAULTS } from '../../../../src/domains/edfi/grades/schemas';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';

type Grades = Awaited<ReturnType<typeof loadGrades>>;
type Grade = Grades['grades'][number];

const loadGrades = (studentUsi: number) =>
  unwrap(api.GET('/api/v1/students/{studentUsi}/grades', { params: { path: { studentUsi } } }));

export const reportCardUrl = (studentUsi: number, schoolId: number, gradingPeriod: string) =>
  `/api/v1/students/${studentUsi}/report-card.pdf?${new URLSearchParams({
    schoolId: String(schoolId),
    gradingPeriod,
  }).toString()}`;

/** The report cards there are: one per school and grading period with a period grade, in grade order. */
/** A final grade is stored on the year's last grading period: it is shown as final, not as that period's. */
const isFinal = (g: Grade) => g.gradeType === GRADING_DEFAULTS.finalGradeType;

function reportCards(grades: Grade[]): { schoolId: number; gradingPeriod: string }[] {
  const seen = new Map<string, { schoolId: number; gradingPeriod: string }>();
  // Report cards are per grading period: a final grade alone makes none.
  for (const g of grades.filter((x) => !isFinal(x))) seen.set(`${g.schoolId}|${g.gradingPeriod}`, g);
  return [...seen.values()].map(({ schoolId, gradingPeriod }) => ({ schoolId, gradingPeriod }));
}

function Documents({ data }: { data: Grades }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} component="section" aria-labelledby="grade-documents">
      <Title order={2} size="h4" id="grade-documents">
        {t('k12grades.documents')}
      </Title>
      <Group gap="md">
        {reportCards(data.grades).map((r) => (
          <Anchor
            key={`${r.schoolId}|${r.gradingPeriod}`}
            href={reportCardUrl(data.studentUsi, r.schoolId, r.gradingPeriod)}
            target="_blank"
            rel="noopener"
          >
            {t('k12grades.reportCardFor', { period: r.gradingPeriod })}
          </Anchor>
        ))}
        <Anchor href={`/api/v1/students/${data.studentUsi}/transcript.pdf`} target="_blank" rel="noopener">
          {t('k12grades.transcriptPdf')}
        </Anchor>
      </Group>
    </Stack>
  );
}

export function StudentGrades({ studentUsi, title }: { studentUsi: number; title?: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: ['student-grades', studentUsi], queryFn: () => loadGrades(studentUsi) });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const fmt = (n: number | null) => (n === null ? '—' : number.format(n));
  const pct = (n: number | null) => (n === null ? '—' : `${fmt(n)} %`);
  const data = query.data;
  const gpa = data?.gpa.cumulative;
  const key = (g: Grade) => `${g.sectionIdentifier}:${g.gradingPeriod}:${g.gradeType}`;
  return (
    <Page title={title ?? (data ? t('k12grades.gradesOf', { name: data.name }) : t('k12grades.grades'))}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {gpa && gpa.unweighted !== null ? (
        <Text data-gpa>
          {t('k12grades.gpa', {
            unweighted: fmt(gpa.unweighted),
            weighted: fmt(gpa.weighted),
            credits: number.format(gpa.credits),
          })}
        </Text>
      ) : null}
      {data && data.grades.length === 0 ? <Text>{t('k12grades.noGrades')}</Text> : null}
      {data && data.grades.length > 0 ? (
        <>
          <Stack gap="xs" hiddenFrom="sm" component="ul" aria-label={t('k12grades.grades')} p={0} m={0}>
            {data.grades.map((g) => (
              <Card key={key(g)} withBorder padding="sm" component="li" style={{ listStyle: 'none' }}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Text fw={600}>{g.courseTitle}</Text>
                    <Text size="sm" c="dimmed">
                      {isFinal(g) ? t('k12grades.finalGrade') : g.gradingPeriod} · {pct(g.percent)}
                    </Text>
                  </div>
                  <Badge size="xl" variant="light" aria-label={`${t('k12grades.letter')} ${g.letter ?? '—'}`}>
                    {g.letter ?? '—'}
                  </Badge>
                </Group>
                {g.comment ? <Text size="sm">{g.comment}</Text> : null}
              </Card>
            ))}
          </Stack>
          <Table.ScrollContainer minWidth={600} visibleFrom="sm">
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
                  <Table.Tr key={key(g)}>
                    <Table.Th scope="row">{g.courseTitle}</Table.Th>
                    <Table.Td>{isFinal(g) ? t('k12grades.finalGrade') : g.gradingPeriod}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{pct(g.percent)}</Table.Td>
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
          <Documents data={data} />
        </>
      ) : null}
    </Page>
  );
}

export function StudentGradesPage() {
  const { studentUsi } = useParams({ strict: false }) as { studentUsi: string };
  return <StudentGrades studentUsi={Number(studentUsi)} />;
}

/** The signed-in student's own grades (their account's link to their Ed-Fi student record). */
export function MyGrades() {
  const { t } = useTranslation();
  const me = useMe();
  const studentUsi = me?.account?.person.edfiStudentUSI;
  if (studentUsi === undefined)
    return (
      <Page title={t('k12grades.myGrades')}>
        <Text>{t('k12grades.noStudentRecord')}</Text>
      </Page>
    );
  return <StudentGrades studentUsi={studentUsi} title={t('k12grades.myGrades')} />;
}
