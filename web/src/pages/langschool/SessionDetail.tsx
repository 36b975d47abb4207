/**
 * A session opened from the week calendar: reschedule it (date, times and, for this session only, its
 * room) or cancel it with a reason;
 * below, its class: edit teacher, room and seats, or cancel the whole class. Every rule (no double
 * booking, seats never below the students enrolled…) is the server's: refusals appear in words and by
 * the field they name.
 */
import { Divider, Modal, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useLastShown } from '../../lib/last-shown';
import { ClassChanges } from './ClassChanges';
import { SessionChanges, type SessionSummary } from './SessionChanges';

export type { SessionSummary } from './SessionChanges';

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
  const shown = useLastShown(session);
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
