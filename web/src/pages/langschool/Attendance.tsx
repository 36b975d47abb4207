/** Take a session's attendance: each enrolled student present / late / absent / excused, then save. */
import { Alert, Button, Loader, SegmentedControl, Table } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';

const MARKS = ['present', 'late', 'absent', 'excused'] as const;
type Mark = (typeof MARKS)[number];

export function AttendancePage() {
  const { t } = useTranslation();
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['ls-roster', sessionId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/school-ops/sessions/{sessionId}/attendance', { params: { path: { sessionId } } })),
  });
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  useEffect(() => {
    if (query.data)
      setMarks(Object.fromEntries(query.data.students.map((s) => [s.studentId, (s.status ?? 'present') as Mark])));
  }, [query.data]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/school-ops/sessions/{sessionId}/attendance', {
          params: { path: { sessionId } },
          body: { entries: Object.entries(marks).map(([studentId, status]) => ({ studentId, status })) },
        }),
      ),
    onSuccess: (data) => client.setQueryData(['ls-roster', sessionId], data),
  });
  const session = query.data?.session;
  return (
    <Page
      title={
        session
          ? `${t('ls.attendanceTitle', { name: session.className })} · ${formatDate(session.date)} ${session.startTime}`
          : t('ls.takeAttendance')
      }
    >
      <ErrorAlert error={query.error ?? save.error} />
      {save.isSuccess ? (
        <Alert color="green" role="status">
          {t('ls.saved')}
        </Alert>
      ) : null}
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data ? (
        <>
          <Table aria-label={t('ls.takeAttendance')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ls.student')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.students.map((s) => (
                <Table.Tr key={s.studentId}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      aria-label={s.name}
                      size="xs"
                      value={marks[s.studentId] ?? 'present'}
                      onChange={(v) => setMarks((m) => ({ ...m, [s.studentId]: v as Mark }))}
                      data={MARKS.map((m) => ({ value: m, label: t(`ls.status.${m}`) }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <div>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        </>
      ) : null}
    </Page>
  );
}
