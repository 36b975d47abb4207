/**
 * A lead's card opened: book a trial class (a class with free seats, one of its sessions), convert the
 * lead (student, optional guardian and enrolment — one transaction on the server) or mark it lost with
 * a reason. The server decides every rule; its refusals are shown in words, field errors by the field.
 */
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../lib/format';
import { ProblemError } from '../../lib/problem';

export interface LeadSummary {
  id: string;
  name: string;
  status: string;
  email?: string | null;
  phone?: string | null;
  interest: string | null;
  source: string | null;
}

const CLOSED = ['enrolled', 'lost', 'inactive'];
const fieldOf = (error: unknown, field: string) =>
  error instanceof ProblemError ? error.fieldErrors[field]?.join('; ') : undefined;

function useClasses() {
  return useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
}

function classOptions(classes: ReturnType<typeof useClasses>['data'], onlyFree: boolean) {
  return (classes ?? [])
    .filter((c) => c.isActive && (!onlyFree || c.enrolled < c.maxStudents))
    .map((c) => ({ value: c.id, label: `${c.name ?? c.id} (${c.enrolled}/${c.maxStudents})` }));
}

function TrialForm({ lead, onDone }: { lead: LeadSummary; onDone: (message: string) => void }) {
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
          error={fieldOf(book.error, 'sessionId')}
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

function ConvertForm({ lead, onDone }: { lead: LeadSummary; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const classes = useClasses();
  const [first, ...rest] = lead.name.split(' ');
  const [v, setV] = useState({
    classId: '',
    firstName: first ?? '',
    lastName: rest.join(' '),
    email: lead.email ?? '',
  });
  const [withGuardian, setWithGuardian] = useState(false);
  const [g, setG] = useState({ firstName: '', lastName: '', email: '', phone: lead.phone ?? '' });
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const convert = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sales/leads/{leadId}/convert', {
          params: { path: { leadId: lead.id } },
          body: {
            classId: v.classId,
            student: { firstName: v.firstName, lastName: v.lastName, email: opt(v.email) },
            ...(withGuardian
              ? {
                  guardian: { firstName: g.firstName, lastName: g.lastName, email: opt(g.email), phone: opt(g.phone) },
                }
              : {}),
          },
        }),
      ),
    onSuccess: () => onDone(t('office.converted', { name: lead.name })),
  });
  const err = (f: string) => fieldOf(convert.error, f);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        convert.mutate();
      }}
      noValidate
    >
      <Stack>
        <ErrorAlert error={convert.error} />
        <Select
          label={t('ls.class')}
          required
          data={classOptions(classes.data, false)}
          value={v.classId || null}
          onChange={(c) => setV({ ...v, classId: c ?? '' })}
          error={err('classId')}
          searchable
        />
        <Group grow>
          <TextInput
            label={t('office.firstName')}
            required
            value={v.firstName}
            onChange={(e) => setV({ ...v, firstName: e.currentTarget.value })}
            error={err('student.firstName')}
          />
          <TextInput
            label={t('office.lastName')}
            required
            value={v.lastName}
            onChange={(e) => setV({ ...v, lastName: e.currentTarget.value })}
            error={err('student.lastName')}
          />
        </Group>
        <TextInput
          label={t('office.email')}
          type="email"
          value={v.email}
          onChange={(e) => setV({ ...v, email: e.currentTarget.value })}
          error={err('student.email')}
        />
        <Checkbox
          label={t('office.withGuardian')}
          checked={withGuardian}
          onChange={(e) => setWithGuardian(e.currentTarget.checked)}
        />
        {withGuardian ? (
          <>
            <Group grow>
              <TextInput
                label={t('office.guardianFirstName')}
                required
                value={g.firstName}
                onChange={(e) => setG({ ...g, firstName: e.currentTarget.value })}
                error={err('guardian.firstName')}
              />
              <TextInput
                label={t('office.guardianLastName')}
                required
                value={g.lastName}
                onChange={(e) => setG({ ...g, lastName: e.currentTarget.value })}
                error={err('guardian.lastName')}
              />
            </Group>
            <TextInput
              label={t('office.guardianEmail')}
              type="email"
              value={g.email}
              onChange={(e) => setG({ ...g, email: e.currentTarget.value })}
              error={err('guardian.email')}
            />
          </>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={convert.isPending}>
            {t('office.convert')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LostForm({ lead, onDone }: { lead: LeadSummary; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const lost = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sales/leads/{leadId}/move', {
          params: { path: { leadId: lead.id } },
          body: { status: 'lost', ...(reason.trim() ? { reason } : {}) },
        }),
      ),
    onSuccess: () => onDone(t('ls.moved', { name: lead.name, status: t('ls.status.lost') })),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        lost.mutate();
      }}
      noValidate
    >
      <Stack>
        <ErrorAlert error={lost.error instanceof ProblemError && fieldOf(lost.error, 'reason') ? null : lost.error} />
        <TextInput
          label={t('ls.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldOf(lost.error, 'reason') ? `${t('ls.reason')} ${fieldOf(lost.error, 'reason')}` : undefined}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red" loading={lost.isPending}>
            {t('office.markLost')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LeadDetail({
  lead,
  onClose,
  onDone,
}: {
  lead: LeadSummary | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // The last one shown stays while the modal closes: its title never goes empty mid-transition.
  const last = useRef<LeadSummary | null>(null);
  if (lead) last.current = lead;
  const shown = last.current;
  const done = async (message: string) => {
    await client.invalidateQueries({ queryKey: ['ls-leads'] });
    await client.invalidateQueries({ queryKey: ['ls-classes'] });
    onDone(message);
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={lead !== null}
      onClose={onClose}
      title={shown?.name ?? ''}
      size="lg"
    >
      {shown ? (
        <Stack>
          <Text size="sm">
            {t(`ls.status.${shown.status}`, { defaultValue: shown.status })}
            {[shown.interest, shown.email, shown.phone].filter(Boolean).map((x) => ` · ${x}`)}
          </Text>
          {CLOSED.includes(shown.status) ? (
            <Alert color="gray">{t('office.leadClosed')}</Alert>
          ) : (
            <Tabs defaultValue="trial" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="trial">{t('office.bookTrial')}</Tabs.Tab>
                <Tabs.Tab value="convert">{t('office.convert')}</Tabs.Tab>
                <Tabs.Tab value="lost">{t('office.markLost')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="trial" pt="md">
                <TrialForm lead={shown} onDone={done} />
              </Tabs.Panel>
              <Tabs.Panel value="convert" pt="md">
                <ConvertForm lead={shown} onDone={done} />
              </Tabs.Panel>
              <Tabs.Panel value="lost" pt="md">
                <LostForm lead={shown} onDone={done} />
              </Tabs.Panel>
            </Tabs>
          )}
        </Stack>
      ) : null}
    </Modal>
  );
}
