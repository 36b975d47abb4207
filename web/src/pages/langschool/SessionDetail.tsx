/**
 * A session opened from the week calendar: reschedule it (date, times and, for this session only, its
 * room) or cancel it with a reason;
 * below, its class: edit teacher, room and seats, or cancel the whole class. Every rule (no double
 * booking, seats never below the students enrolled…) is the server's: refusals appear in words and by
 * the field they name.
 */
import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatMoney } from '../../lib/format';
import { ProblemError } from '../../lib/problem';

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

/** A field's reasons from a refusal, led by the field's label; the banner then stays for the detail. */
const fieldOf = (error: unknown, field: string, label: string) => {
  const reasons = error instanceof ProblemError ? error.fieldErrors[field] : undefined;
  return reasons ? `${label} ${reasons.join('; ')}` : undefined;
};

/** The cancel form of a session and of a class: a reason, sent as is; its refusal shows on the field. */
function ReasonForm(props: {
  error: unknown;
  pending: boolean;
  onSubmit: (reason: string) => void;
  submit: string;
  variant?: 'outline';
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(reason);
      }}
      noValidate
    >
      <Stack>
        <ErrorAlert error={props.error} />
        <TextInput
          label={t('ls.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldOf(props.error, 'reason', t('ls.reason'))}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red" variant={props.variant} loading={props.pending}>
            {props.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SessionChanges({ session, onDone }: { session: SessionSummary; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const [slot, setSlot] = useState({ date: session.date, startTime: session.startTime, endTime: session.endTime });
  // undefined: the session keeps its room; a room chosen moves this session only
  const [roomId, setRoomId] = useState<string | undefined>(undefined);
  const classes = useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
  const { rooms } = choices(classes.data ?? []);
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
              error={fieldOf(move.error, 'date', t('office.date'))}
            />
            <TextInput
              type="time"
              label={t('office.start')}
              value={slot.startTime}
              onChange={(e) => setSlot({ ...slot, startTime: e.currentTarget.value })}
              error={fieldOf(move.error, 'startTime', t('office.start'))}
            />
            <TextInput
              type="time"
              label={t('office.end')}
              value={slot.endTime}
              onChange={(e) => setSlot({ ...slot, endTime: e.currentTarget.value })}
              error={fieldOf(move.error, 'endTime', t('office.end'))}
            />
            <Select
              label={t('office.sessionRoom')}
              data={rooms}
              value={roomId ?? session.roomId ?? null}
              onChange={(v) => setRoomId(v ?? undefined)}
              error={fieldOf(move.error, 'roomId', t('office.sessionRoom'))}
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

/** Teachers and rooms to choose from: those the school's classes already use (the classes list names them). */
function choices(
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

function ClassChanges({ classId, onDone }: { classId: string; onDone: (m: string) => void }) {
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
  const { teachers, rooms } = choices(classes.data ?? []);
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
              error={fieldOf(save.error, 'teacherId', t('ls.teacher'))}
              allowDeselect={false}
            />
            <Select
              label={t('ls.room')}
              data={rooms}
              value={edit.roomId ?? cls.roomId}
              onChange={(v) => setEdit({ ...edit, ...(v ? { roomId: v } : {}) })}
              error={fieldOf(save.error, 'roomId', t('ls.room'))}
              allowDeselect={false}
            />
            <NumberInput
              label={t('office.seatsTotal')}
              min={1}
              max={200}
              value={edit.maxStudents ?? cls.maxStudents}
              onChange={(v) => setEdit({ ...edit, maxStudents: Number(v) })}
              error={fieldOf(save.error, 'maxStudents', t('office.seatsTotal'))}
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

export function SessionDetail({
  session,
  onClose,
  onDone,
}: {
  session: SessionSummary | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // The last one shown stays while the modal closes: its title never goes empty mid-transition.
  const last = useRef<SessionSummary | null>(null);
  if (session) last.current = session;
  const shown = last.current;
  const done = async (message: string) => {
    await Promise.all(
      ['ls-calendar', 'ls-classes', 'ls-class-sessions'].map((k) => client.invalidateQueries({ queryKey: [k] })),
    );
    onDone(message);
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={session !== null}
      onClose={onClose}
      size="lg"
      title={shown ? t('office.sessionTitle', { name: shown.className, date: formatDate(shown.date) }) : ''}
    >
      {shown ? (
        <Stack>
          <Text size="sm">
            {shown.startTime}–{shown.endTime}
            {shown.notes ? ` · ${shown.notes}` : ''}
          </Text>
          <SessionChanges key={shown.id} session={shown} onDone={done} />
          <Divider />
          <Title order={2} size="h5">
            {t('office.classDetail')}
          </Title>
          <ClassChanges key={shown.classId} classId={shown.classId} onDone={done} />
        </Stack>
      ) : null}
    </Modal>
  );
}
