/**
 * A lead's card opened: book a trial class (a class with free seats, one of its sessions), convert the
 * lead (student, optional guardian and enrolment — one transaction on the server) or mark it lost with
 * a reason. The server decides every rule; its refusals are shown in words, field errors by the field.
 */
import { Alert, Button, Group, Modal, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLastShown } from '../../lib/last-shown';
import { fieldReasons, labelledReasons } from '../../lib/problem';
import { ConvertForm } from './LeadConvertForm';
import { TrialForm } from './LeadTrialForm';

export interface LeadSummary {
  id: string;
  name: string;
  status: string;
  email?: string | null;
  phone?: string | null;
  interest: string | null;
  source: string | null;
}

/** Statuses a lead's card no longer acts on. */
const CLOSED = ['enrolled', 'lost', 'inactive'];

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
        <ErrorAlert error={fieldReasons(lost.error, 'reason') ? null : lost.error} />
        <TextInput
          label={t('ls.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={labelledReasons(lost.error, 'reason', t('ls.reason'))}
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
  const shown = useLastShown(lead);
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
