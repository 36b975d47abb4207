/**
 * A section's grades for a grading period: compute them from the gradebook, see each student's percent
 * and letter (an overridden letter is marked, with its reason), override a letter or write the report
 * card's comment (GradeEditor), and open a student's report card (PDF).
 */
import { Alert, Anchor, Badge, Button, Group, Loader, Select, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { reportCardUrl } from '../family/StudentGrades';
import { currentPeriod, loadGradebook } from './Gradebook';
import { GradeEditor, type PeriodGrade } from './GradeEditor';
import { SectionTabs } from './SectionTabs';

export function PeriodGrades({ sectionId }: { sectionId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const book = useQuery({ queryKey: ['gradebook', sectionId, 'all'], queryFn: () => loadGradebook(sectionId) });
  const [period, setPeriod] = useState<string | undefined>();
  const [editing, setEditing] = useState<PeriodGrade | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!period && book.data) setPeriod(currentPeriod(book.data));
  }, [period, book.data]);
  const grades = useQuery({
    queryKey: ['period-grades', sectionId, period],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sections/{sectionId}/grades/{gradingPeriod}', {
          params: { path: { sectionId, gradingPeriod: period! } },
        }),
      ),
    enabled: !!period,
  });
  const percent = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const compute = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sections/{sectionId}/grades/{gradingPeriod}/compute', {
          params: { path: { sectionId, gradingPeriod: period! } },
        }),
      ),
    onMutate: () => setNotice(null),
    onSuccess: (data) => client.setQueryData(['period-grades', sectionId, period], data),
  });
  const saved = (grade: PeriodGrade, message: string) => {
    client.setQueryData(['period-grades', sectionId, period], (old: typeof grades.data) =>
      old ? { ...old, grades: old.grades.map((g) => (g.studentUsi === grade.studentUsi ? grade : g)) } : old,
    );
    void client.invalidateQueries({ queryKey: ['student-grades', grade.studentUsi] });
    compute.reset();
    setNotice(message);
    setEditing(null);
  };
  const fmtPercent = (n: number | null) => (n === null ? '—' : `${percent.format(n)} %`);
  const schoolId = book.data?.schoolId;
  const rows = grades.data?.grades ?? [];
  const title = book.data?.sectionName ?? t('k12grades.periodGrades');
  return (
    <Page
      title={`${title} · ${t('k12grades.periodGrades')}`}
      actions={
        <Button onClick={() => compute.mutate()} loading={compute.isPending} disabled={!period}>
          {t('k12grades.compute')}
        </Button>
      }
    >
      <SectionTabs sectionId={sectionId} />
      <ErrorAlert error={book.error ?? grades.error ?? compute.error} />
      {book.data ? (
        <Select
          label={t('k12grades.period')}
          data={book.data.gradingPeriods.map((p) => p.code)}
          value={period ?? null}
          onChange={(v) => {
            if (v) {
              setPeriod(v);
              compute.reset();
              setNotice(null);
            }
          }}
          allowDeselect={false}
          w={240}
        />
      ) : null}
      <div role="status" aria-live="polite">
        {compute.isSuccess ? (
          <Alert color="teal" variant="light" p="xs">
            {t('k12grades.computed', { count: compute.data.grades.length })}
          </Alert>
        ) : null}
        {notice ? (
          <Alert color="teal" variant="light" p="xs">
            {notice}
          </Alert>
        ) : null}
      </div>
      {book.isPending || grades.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {grades.data && rows.length === 0 ? <Text>{t('k12grades.notComputed')}</Text> : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder striped aria-label={t('k12grades.periodGrades')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('k12grades.student')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('k12grades.percent')}
                </Table.Th>
                <Table.Th scope="col">{t('k12grades.letter')}</Table.Th>
                <Table.Th scope="col">{t('k12grades.comment')}</Table.Th>
                <Table.Th scope="col">{t('k12grades.reportCard')}</Table.Th>
                <Table.Th scope="col">{t('k12grades.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((g) => (
                <Table.Tr key={g.studentUsi} data-student={g.name}>
                  <Table.Th scope="row">{g.name}</Table.Th>
                  <Table.Td style={{ textAlign: 'right' }}>{fmtPercent(g.percent)}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text fw={700} data-letter>
                        {g.letter ?? '—'}
                      </Text>
                      {g.overridden ? (
                        <Badge size="xs" color="yellow" autoContrast>
                          {t('k12grades.overridden')}
                        </Badge>
                      ) : null}
                    </Group>
                    {g.overridden ? (
                      <Text size="xs" c="dimmed" data-override-reason>
                        {t('k12grades.overriddenFrom', { computed: g.computedLetter ?? '—', reason: g.overrideReason })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{g.comment ?? ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    {schoolId && period ? (
                      <Anchor
                        href={reportCardUrl(g.studentUsi, schoolId, period)}
                        target="_blank"
                        rel="noopener"
                        aria-label={t('k12grades.reportCardOf', { student: g.name })}
                      >
                        {t('k12grades.reportCard')} (PDF)
                      </Anchor>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(g)}
                      aria-label={t('k12grades.editGradeOf', { student: g.name })}
                    >
                      {t('k12grades.editGrade')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {editing && schoolId && period ? (
        <GradeEditor
          sectionId={sectionId}
          gradingPeriod={period}
          schoolId={schoolId}
          grade={editing}
          percent={fmtPercent(editing.percent)}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      ) : null}
    </Page>
  );
}

export function PeriodGradesPage() {
  const { sectionId } = useParams({ strict: false }) as { sectionId: string };
  return <PeriodGrades sectionId={sectionId} />;
}
