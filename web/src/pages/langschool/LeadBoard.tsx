/**
 * The sales lead board: a column per funnel status; drag a lead card to another column to move it
 * (@dnd-kit, keyboard too). The server decides: a refused move shows its problem in words and the
 * card stays; lost and inactive ask for the reason first.
 */
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent } from '@dnd-kit/core';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { LeadDetail, type LeadSummary } from './LeadDetail';
import { NewLead } from './NewLead';

const COLUMNS = [
  'new',
  'contacted',
  'qualified',
  'trial_scheduled',
  'trial_completed',
  'proposal_sent',
  'enrolled',
  'lost',
  'inactive',
] as const;
type Status = (typeof COLUMNS)[number];
type Lead = LeadSummary;

function LeadCard({ lead, onOpen }: { lead: Lead; onOpen: (lead: Lead) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: lead.id, data: lead });
  const style = transform
    ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10, opacity: isDragging ? 0.85 : 1 }
    : undefined;
  // The card is the drag handle; the button beside it (not inside: no nested controls) opens the lead.
  return (
    <div ref={setNodeRef} style={style}>
      <Card
        withBorder
        padding={8}
        radius="sm"
        style={{ cursor: 'grab' }}
        {...listeners}
        {...attributes}
        data-lead={lead.name}
      >
        <Text size="sm" fw={600}>
          {lead.name}
        </Text>
        <Text size="xs">{[lead.interest, lead.source?.replace('_', ' ')].filter(Boolean).join(' · ')}</Text>
      </Card>
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => onOpen(lead)}
        aria-label={t('office.openLead', { name: lead.name })}
      >
        {t('office.open')}
      </Button>
    </div>
  );
}

function Column({ status, leads, onOpen }: { status: Status; leads: Lead[]; onOpen: (lead: Lead) => void }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <Card
      ref={setNodeRef}
      withBorder
      radius="md"
      padding="xs"
      miw={190}
      bg={isOver ? 'var(--mantine-color-blue-light)' : undefined}
      data-column={status}
      aria-label={t(`ls.status.${status}`)}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h6">
          {t(`ls.status.${status}`)}
        </Title>
        <Badge color="dark" variant="filled">
          {leads.length}
        </Badge>
      </Group>
      <Stack gap={6}>
        {leads.map((l) => (
          <LeadCard key={l.id} lead={l} onOpen={onOpen} />
        ))}
      </Stack>
    </Card>
  );
}

export function LeadBoard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );
  const query = useQuery({ queryKey: ['ls-leads'], queryFn: () => unwrap(api.GET('/api/v1/sales/leads')) });
  const [pending, setPending] = useState<{ lead: Lead; status: Status } | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<Lead | null>(null);
  const move = useMutation({
    mutationFn: (v: { lead: Lead; status: Status; reason?: string }) =>
      unwrap(
        api.POST('/api/v1/sales/leads/{leadId}/move', {
          params: { path: { leadId: v.lead.id } },
          body: { status: v.status, ...(v.reason ? { reason: v.reason } : {}) },
        }),
      ),
    onMutate: () => setMessage(null),
    onSuccess: (lead) => {
      setMessage(t('ls.moved', { name: lead.name, status: t(`ls.status.${lead.status}`) }));
      return client.invalidateQueries({ queryKey: ['ls-leads'] });
    },
  });
  const onDragEnd = (event: DragEndEvent) => {
    const lead = event.active.data.current as Lead | undefined;
    const status = event.over?.id as Status | undefined;
    if (!lead || !status || status === lead.status) return;
    if (status === 'lost' || status === 'inactive') {
      setReason('');
      setPending({ lead, status });
    } else move.mutate({ lead, status });
  };
  return (
    <Page title={t('ls.leadsTitle')} actions={<Button onClick={() => setCreating(true)}>{t('office.newLead')}</Button>}>
      <Text size="sm">{t('ls.leadsHint')}</Text>
      <ErrorAlert error={query.error ?? move.error} />
      {message ? (
        <Alert color="green" role="status">
          {message}
        </Alert>
      ) : null}
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data ? (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="flex-start" wrap="nowrap" gap="xs">
              {COLUMNS.map((status) => (
                <Column
                  key={status}
                  status={status}
                  leads={query.data.filter((l) => l.status === status)}
                  onOpen={setOpen}
                />
              ))}
            </Group>
          </ScrollArea>
        </DndContext>
      ) : null}
      <NewLead
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(name) => {
          setCreating(false);
          setMessage(t('office.leadCreated', { name }));
        }}
      />
      <LeadDetail
        lead={open}
        onClose={() => setOpen(null)}
        onDone={(text) => {
          setOpen(null);
          setMessage(text);
        }}
      />
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={
          pending ? t('ls.reasonTitle', { name: pending.lead.name, status: t(`ls.status.${pending.status}`) }) : ''
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (pending) move.mutate({ ...pending, reason });
            setPending(null);
          }}
        >
          <TextInput
            label={t('ls.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('ls.confirm')}</Button>
          </Group>
        </form>
      </Modal>
    </Page>
  );
}
