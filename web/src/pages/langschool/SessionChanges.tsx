/**
 * A scheduled session's changes: reschedule it (date, times and, for this session only, its room) or
 * cancel it with a reason. A session no longer scheduled only says so.
 */
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../lib/format';
import { labelledReasons } from '../../lib/problem';
import { classChoices } from './ClassChanges';
import { ReasonForm } from './ReasonForm';

export interface SessionSummary {
  id: string;
  classId: string;
  className: string | null;
  date: string;
  startTime: string;
  endTime: string;
  status: string;
  notes?: string | null;
  /** Where it meets: its own room when it was moved, else its class's. */
  roomId?: string | null;
}

export function SessionChanges({ session, onDone }: { session: SessionSummary; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const [slot, setSlot] = useState({ date: session.date, startTime: session.startTime, endTime: session.endTime });
  // undefined: the session keeps its room; a room chosen moves this session only
  const [roomId, setRoomId] = useState<string | undefined>(undefined);
  const classes = useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
  const { rooms } = classChoices(classes.data ?? []);
  const path = { params: { path: { sessionId: session.id } } };
  const body = roomId !== undefined && roomId !== session.roomId ? { ...slot, roomId } : slot;
  const move = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/school-ops/sessions/{sessionId}/reschedule', { ...path, body })),
    onSuccess: (s) =>
      onDone(t('office.rescheduled', { date: formatDate(s.date), time: `${s.startTime}–${s.endTime}` })),
  });
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/school-ops/sessions/{sessionId}/cancel', { ...path, body: { reason } })),
    onSuccess: () => onDone(t('office.sessionCancelled')),
  });
  if (session.status !== 'scheduled')
    return (
      <Alert color="gray">
        {t('office.sessionClosed', { status: t(`ls.status.${session.status}`, { defaultValue: session.status }) })}
        {session.notes ? ` ${session.notes}` : ''}
      </Alert>
    );
  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          move.mutate();
        }}
        noValidate
      >
        <Stack>
          <ErrorAlert error={move.error} />
          <Group grow>
            <TextInput
              type="date"
              label={t('office.date')}
              value={slot.date}
              onChange={(e) => setSlot({ ...slot, date: e.currentTarget.value })}
              error={labelledReasons(move.error, 'date', t('office.date'))}
            />
            <TextInput
              type="time"
              label={t('office.start')}
              value={slot.startTime}
              onChange={(e) => setSlot({ ...slot, startTime: e.currentTarget.value })}
              error={labelledReasons(move.error, 'startTime', t('office.start'))}
            />
            <TextInput
              type="time"
              label={t('office.end')}
              value={slot.endTime}
              onChange={(e) => setSlot({ ...slot, endTime: e.currentTarget.value })}
              error={labelledReasons(move.error, 'endTime', t('office.end'))}
            />
            <Select
              label={t('office.sessionRoom')}
              data={rooms}
              value={roomId ?? session.roomId ?? null}
              onChange={(v) => setRoomId(v ?? undefined)}
              error={labelledReasons(move.error, 'roomId', t('office.sessionRoom'))}
              allowDeselect={false}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={move.isPending}>
              {t('office.reschedule')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ReasonForm
        error={cancel.error}
        pending={cancel.isPending}
        onSubmit={cancel.mutate}
        submit={t('office.cancelSession')}
        variant="outline"
      />
    </Stack>
  );
}
