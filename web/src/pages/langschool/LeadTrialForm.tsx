/** A lead's trial class: a class with free seats, then one of its scheduled sessions. */
import { Button, Group, Select, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../lib/format';
import { fieldReasons } from '../../lib/problem';

export function useClasses() {
  return useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
}

export function classOptions(classes: ReturnType<typeof useClasses>['data'], onlyFree: boolean) {
  return (classes ?? [])
    .filter((c) => c.isActive && (!onlyFree || c.enrolled < c.maxStudents))
    .map((c) => ({ value: c.id, label: `${c.name ?? c.id} (${c.enrolled}/${c.maxStudents})` }));
}

export function TrialForm({ lead, onDone }: { lead: { id: string; name: string }; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const classes = useClasses();
  const [classId, setClassId] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const sessions = useQuery({
    queryKey: ['ls-class-sessions', classId],
    enabled: Boolean(classId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/school-ops/classes/{classId}/sessions', { params: { path: { classId: classId! } } })),
  });
  const book = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sales/leads/{leadId}/trials', {
          params: { path: { leadId: lead.id } },
          body: { sessionId: sessionId ?? '' },
        }),
      ),
    onSuccess: (trial) => onDone(t('office.trialBooked', { name: lead.name, date: formatDate(trial.scheduledAt) })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    book.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={book.error} />
        <Select
          label={t('office.classWithSeats')}
          data={classOptions(classes.data, true)}
          value={classId}
          onChange={(v) => {
            setClassId(v);
            setSessionId(null);
          }}
          searchable
          nothingFoundMessage={t('common.none')}
        />
        <Select
          label={t('office.session')}
          data={(sessions.data ?? [])
            .filter((s) => s.status === 'scheduled')
            .map((s) => ({ value: s.id, label: `${formatDate(s.date)} ${s.startTime}–${s.endTime}` }))}
          value={sessionId}
          onChange={setSessionId}
          disabled={!classId}
          error={fieldReasons(book.error, 'sessionId')}
        />
        <Group justify="flex-end">
          <Button type="submit" disabled={!sessionId} loading={book.isPending}>
            {t('office.bookTrial')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
