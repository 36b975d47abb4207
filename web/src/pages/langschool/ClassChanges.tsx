/**
 * A session's class: edit its teacher, room and seats, or cancel the whole class, with what the
 * cancellation would do (sessions, enrolments, invoices, family credit) shown before anyone confirms it.
 */
import { Alert, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../lib/format';
import { labelledReasons } from '../../lib/problem';
import { ReasonForm } from './ReasonForm';

/** Teachers and rooms to choose from: those the school's classes already use (the classes list names them). */
export function classChoices(
  classes: { teacherId: string | null; teacherName: string | null; roomId: string | null; roomName: string | null }[],
) {
  const teachers = new Map<string, string>();
  const rooms = new Map<string, string>();
  for (const c of classes) {
    if (c.teacherId) teachers.set(c.teacherId, c.teacherName ?? c.teacherId);
    if (c.roomId) rooms.set(c.roomId, c.roomName ?? c.roomId);
  }
  const list = (m: Map<string, string>) => [...m].map(([value, label]) => ({ value, label }));
  return { teachers: list(teachers), rooms: list(rooms) };
}

export function ClassChanges({ classId, onDone }: { classId: string; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const classes = useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
  const cls = classes.data?.find((c) => c.id === classId);
  const [edit, setEdit] = useState<{ teacherId?: string; roomId?: string; maxStudents?: number }>({});
  const path = { params: { path: { classId } } };
  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/school-ops/classes/{classId}', { ...path, body: edit })),
    onSuccess: (c) => onDone(t('office.classSaved', { name: c.name })),
  });
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/school-ops/classes/{classId}/cancel', { ...path, body: { reason } })),
    onSuccess: (r) => onDone(t('office.classCancelled', { sessions: r.sessionsCancelled, notified: r.notified })),
  });
  // What a cancellation would do (sessions, enrolments, invoices, family credit), read before anyone confirms it.
  const preview = useQuery({
    queryKey: ['ls-class-cancel-preview', classId],
    queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes/{classId}/cancellation-preview', path)),
    enabled: cls?.isActive === true,
  });
  if (!cls) return <ErrorAlert error={classes.error} />;
  if (!cls.isActive) return <Alert color="gray">{t('office.classInactive')}</Alert>;
  const { teachers, rooms } = classChoices(classes.data ?? []);
  return (
    <Stack>
      <Text size="sm">
        {cls.courseName} {cls.levelCode} · {t('ls.seats', { enrolled: cls.enrolled, max: cls.maxStudents })}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Stack>
          <ErrorAlert error={save.error} />
          <Group grow>
            <Select
              label={t('ls.teacher')}
              data={teachers}
              value={edit.teacherId ?? cls.teacherId}
              onChange={(v) => setEdit({ ...edit, ...(v ? { teacherId: v } : {}) })}
              error={labelledReasons(save.error, 'teacherId', t('ls.teacher'))}
              allowDeselect={false}
            />
            <Select
              label={t('ls.room')}
              data={rooms}
              value={edit.roomId ?? cls.roomId}
              onChange={(v) => setEdit({ ...edit, ...(v ? { roomId: v } : {}) })}
              error={labelledReasons(save.error, 'roomId', t('ls.room'))}
              allowDeselect={false}
            />
            <NumberInput
              label={t('office.seatsTotal')}
              min={1}
              max={200}
              value={edit.maxStudents ?? cls.maxStudents}
              onChange={(v) => setEdit({ ...edit, maxStudents: Number(v) })}
              error={labelledReasons(save.error, 'maxStudents', t('office.seatsTotal'))}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" disabled={Object.keys(edit).length === 0} loading={save.isPending}>
              {t('office.editClass')}
            </Button>
          </Group>
        </Stack>
      </form>
      {preview.data && (
        <Text size="sm" data-cancel-preview>
          {t('office.cancelPreview', {
            sessions: preview.data.sessionsToCancel,
            enrollments: preview.data.enrollmentsToEnd,
            invoices: preview.data.invoicesCancelled,
            credit: formatMoney(preview.data.creditedCents, 'BRL'),
          })}
        </Text>
      )}
      <ReasonForm
        error={cancel.error}
        pending={cancel.isPending}
        onSubmit={cancel.mutate}
        submit={t('office.cancelClass')}
      />
    </Stack>
  );
}
