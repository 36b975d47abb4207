/**
 * A section's attendance for a day: the roster, everyone present unless marked (absent, excused,
 * tardy, early departure, with an optional reason), saved for the whole section with one click.
 * Opens on the latest school day with students enrolled (today on a school day); the recent days
 * say whether their attendance was taken; saving again replaces the day's marks.
 */
import { Alert, Button, Group, Loader, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { isoToday, MARKS, type Mark } from '../attendance/dates';
import { SectionTabs } from './SectionTabs';

type Marks = Record<number, { mark: Mark; reason: string }>;

const exceptionsOf = (marks: Marks) =>
  Object.entries(marks)
    .filter(([, m]) => m.mark !== 'present')
    .map(([usi, m]) => ({ studentUsi: Number(usi), mark: m.mark, ...(m.reason.trim() ? { reason: m.reason } : {}) }));

export function SectionAttendance({ sectionId, date: asked }: { sectionId: string; date?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const today = isoToday();
  const days = useQuery({
    queryKey: ['attendance-days', sectionId, today],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sections/{sectionId}/attendance/days', {
          params: { path: { sectionId }, query: { onOrBefore: today, limit: 10 } },
        }),
      ),
  });
  const date = asked ?? days.data?.days[0]?.date ?? (days.isSuccess ? today : undefined);
  const key = ['section-attendance', sectionId, date];
  const day = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sections/{sectionId}/attendance/{date}', { params: { path: { sectionId, date: date! } } }),
      ),
    enabled: !!date,
  });
  const [marks, setMarks] = useState<Marks>({});
  useEffect(() => {
    if (day.data)
      setMarks(
        Object.fromEntries(
          day.data.roster.map((s) => [s.studentUsi, { mark: s.mark ?? 'present', reason: s.reason ?? '' }]),
        ),
      );
  }, [day.data]);
  const save = useMutation({
    mutationFn: (wasTaken: boolean) =>
      unwrap(
        api.PUT('/api/v1/sections/{sectionId}/attendance/{date}', {
          params: { path: { sectionId, date: date! } },
          body: { exceptions: exceptionsOf(marks) },
        }),
      ).then((data) => ({ data, wasTaken })),
    onSuccess: ({ data }) => {
      client.setQueryData(key, data);
      void client.invalidateQueries({ queryKey: ['attendance-days', sectionId] });
    },
  });
  const pick = (next: string) => {
    save.reset();
    void navigate({ to: next ? `/sections/${sectionId}/attendance/${next}` : `/sections/${sectionId}/attendance` });
  };
  const roster = day.data?.roster ?? [];
  const offDay = day.data && !day.data.instructional ? day.data : undefined;
  const exceptions = exceptionsOf(marks).length;
  const present = roster.length - exceptions;
  const set = (usi: number, change: Partial<Marks[number]>) =>
    setMarks((m) => ({ ...m, [usi]: { mark: 'present', reason: '', ...m[usi], ...change } }));
  const shown = date ? formatDate(date) : '';
  // Changed here but not saved yet (a taken day whose marks differ from the stored ones).
  const dirty =
    !!day.data?.taken &&
    day.data.roster.some((s) => {
      const m = marks[s.studentUsi];
      return !!m && (m.mark !== (s.mark ?? 'present') || m.reason !== (s.reason ?? ''));
    });
  return (
    <Page title={day.data ? `${day.data.sectionIdentifier} · ${t('k12att.attendance')}` : t('k12att.attendance')}>
      <SectionTabs sectionId={sectionId} />
      <ErrorAlert error={days.error ?? day.error ?? save.error} />
      <Group align="end" gap="lg" wrap="wrap">
        <TextInput
          type="date"
          label={t('k12att.date')}
          value={date ?? ''}
          onChange={(e) => pick(e.currentTarget.value)}
          w={200}
        />
        {days.data && days.data.days.length > 0 ? (
          <Group gap={6} component="nav" aria-label={t('k12att.recentDays')} wrap="wrap">
            {days.data.days.slice(0, 5).map((d) => (
              <Button
                key={d.date}
                component={Link}
                to={`/sections/${sectionId}/attendance/${d.date}`}
                onClick={() => save.reset()}
                size="compact-sm"
                variant={d.date === date ? 'filled' : 'default'}
                aria-current={d.date === date ? 'date' : undefined}
                data-taken={d.taken}
              >
                {formatDate(d.date)} · {d.taken ? t('k12att.taken') : t('k12att.notTaken')}
              </Button>
            ))}
          </Group>
        ) : null}
      </Group>
      {days.data && days.data.days.length === 0 ? <Text>{t('k12att.noDays')}</Text> : null}
      {days.isPending || day.isFetching ? <Loader aria-label={t('app.loading')} /> : null}
      <div role="status" aria-live="polite">
        {save.isSuccess ? (
          <Alert color="teal" variant="light" p="xs">
            {t(save.data.wasTaken ? 'k12att.replaced' : 'k12att.saved', {
              date: shown,
              present: save.data.data.counts.present ?? 0,
              exceptions: save.data.data.roster.length - (save.data.data.counts.present ?? 0),
            })}
          </Alert>
        ) : null}
      </div>
      {offDay ? (
        // Said before anyone fills the day in: the server refuses attendance on a non-school day.
        <Alert color="red" variant="light" title={t('k12att.notSchoolDayTitle')} data-off-day>
          {offDay.calendarEvents.length > 0
            ? t('k12att.notSchoolDayEvents', { date: shown, events: offDay.calendarEvents.join(', ') })
            : t('k12att.notSchoolDay', { date: shown })}
        </Alert>
      ) : null}
      {day.data && !offDay && roster.length === 0 ? <Text>{t('k12att.noRoster', { date: shown })}</Text> : null}
      {day.data && !offDay && roster.length > 0 ? (
        <>
          <Text data-state={day.data.taken ? 'taken' : 'not-taken'}>
            {day.data.taken
              ? t('k12att.takenState', {
                  date: shown,
                  present: day.data.counts.present ?? 0,
                  exceptions: roster.length - (day.data.counts.present ?? 0),
                })
              : t('k12att.notTakenState', { date: shown })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('k12att.hint')}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder striped aria-label={t('k12att.attendance')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('k12att.student')}</Table.Th>
                  <Table.Th scope="col">{t('k12att.mark')}</Table.Th>
                  <Table.Th scope="col">{t('k12att.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roster.map((s) => {
                  const m = marks[s.studentUsi] ?? { mark: 'present' as Mark, reason: '' };
                  return (
                    <Table.Tr key={s.studentUsi} data-student={s.name} data-mark={m.mark}>
                      <Table.Th scope="row">{s.name}</Table.Th>
                      <Table.Td>
                        <NativeSelect
                          aria-label={t('k12att.markOf', { student: s.name })}
                          value={m.mark}
                          onChange={(e) => set(s.studentUsi, { mark: e.currentTarget.value as Mark })}
                          data={MARKS.map((value) => ({ value, label: t(`k12att.marks.${value}`) }))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('k12att.reasonOf', { student: s.name })}
                          value={m.reason}
                          maxLength={255}
                          disabled={m.mark === 'present'}
                          onChange={(e) => set(s.studentUsi, { reason: e.currentTarget.value })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group>
            <Button onClick={() => save.mutate(day.data.taken)} loading={save.isPending} size="md">
              {t('k12att.save')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('k12att.summary', { present, exceptions })}
            </Text>
            {dirty ? (
              <Text size="sm" fw={700} c="red.9" data-unsaved>
                {t('k12att.unsaved')}
              </Text>
            ) : null}
          </Group>
        </>
      ) : null}
    </Page>
  );
}

export function SectionAttendancePage() {
  // The day is in the path (`/sections/:id/attendance/2026-12-02`); without it, the latest school day.
  const { sectionId, date } = useParams({ strict: false }) as { sectionId: string; date?: string };
  return <SectionAttendance sectionId={sectionId} date={typeof date === 'string' && date ? date : undefined} />;
}
