/** A joined student's screen: their group, the session's state in words, the group's members, live. */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBadge, StatusBadge } from '../../live/badges';
import { applyEvent, emptyView, fromSnapshot, type LiveView } from '../../live/state';
import { useLive } from '../../live/useLive';
import { AuthCard } from '../auth/AuthCard';

export interface Joined {
  participantId: string;
  sessionId: string;
  groupId: string;
  groupName: string;
  token: string;
  tokenExpiresAt: string;
  sessionStatus: string;
}

const RENEW_BEFORE_MS = 3 * 60_000;

/** Renews the participant token a little before it expires (while the session lives). */
function useRenewal(joined: Joined, onChange: (value: Joined | null) => void) {
  useEffect(() => {
    const wait = Math.max(5_000, Date.parse(joined.tokenExpiresAt) - Date.now() - RENEW_BEFORE_MS);
    const timer = setTimeout(async () => {
      const response = await fetch('/api/v1/classroom/token', {
        method: 'POST',
        headers: { authorization: `Bearer ${joined.token}` },
      }).catch(() => undefined);
      if (response?.ok) {
        const fresh = (await response.json()) as { token: string; tokenExpiresAt: string };
        onChange({ ...joined, ...fresh });
      }
    }, wait);
    return () => clearTimeout(timer);
  }, [joined, onChange]);
}

export function JoinedGroup({ joined, onChange }: { joined: Joined; onChange: (value: Joined | null) => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<LiveView>(emptyView(joined.sessionStatus));
  const [refused, setRefused] = useState<string>();
  useRenewal(joined, onChange);
  const connection = useLive(
    `group:${joined.sessionId}:${joined.groupId}`,
    {
      onSnapshot: (snapshot) => setView((v) => fromSnapshot(v, snapshot)),
      onEvent: (event) => setView((v) => applyEvent(v, event)),
      onRefused: setRefused,
    },
    joined.token,
  );
  const group = view.groups[0];
  const members = view.participants.filter((p) => p.isActive);
  const closed = view.status === 'ended' || view.status === 'archived';

  return (
    <AuthCard title={joined.groupName}>
      <Stack>
        <Group gap="xs">
          <StatusBadge status={view.status} testId="student-session-status" />
          {group ? <StatusBadge status={group.status} /> : null}
          <ConnectionBadge state={connection} />
        </Group>
        <Alert color={view.status === 'active' ? 'green' : 'gray'} data-testid="student-state" role="status">
          {t(`live.studentState.${view.status}`, { defaultValue: view.status })}
        </Alert>
        {refused ? (
          <Alert color="red" role="alert">
            {refused}
          </Alert>
        ) : null}
        <div>
          <Text fw={600} component="h2" fz="md" mb={4}>
            {t('live.inYourGroup')}
          </Text>
          <List size="sm" spacing={2} data-testid="student-members">
            {members.map((p) => (
              <List.Item key={p.id}>
                {p.displayName ?? t('live.anonymous')}
                {p.id === joined.participantId ? ` (${t('live.you')})` : ''}
              </List.Item>
            ))}
          </List>
        </div>
        <Button variant="default" onClick={() => onChange(null)}>
          {closed ? t('live.joinAnother') : t('live.leaveScreen')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
