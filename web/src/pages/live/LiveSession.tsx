/**
 * The teacher's live view of one session: its status and access code, start / pause / end (the
 * lifecycle routes; a refusal such as "groups not ready" is shown in words), the groups with their
 * statuses and participants, and the feed of events as they happen over the realtime connection.
 */
import { Button, Card, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { ConnectionBadge, StatusBadge } from '../../live/badges';
import { LiveFeed } from '../../live/LiveFeed';
import { LiveGroups } from '../../live/LiveGroups';
import { applyEvent, emptyView, fromSnapshot, type LiveView } from '../../live/state';
import { useLive } from '../../live/useLive';
import { SessionAnalytics } from './SessionAnalytics';

const END_REASONS = [
  'planned_completion',
  'early_completion',
  'time_constraint',
  'technical_issue',
  'student_behavior',
  'other',
] as const;
type EndReason = (typeof END_REASONS)[number];

export function LiveSession({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [view, setView] = useState<LiveView>(emptyView());
  const [endReason, setEndReason] = useState<EndReason>('planned_completion');
  const path = { params: { path: { id: sessionId } } };
  const session = useQuery({
    queryKey: ['live-session', sessionId],
    queryFn: () => unwrap(api.GET('/api/v1/classroom/sessions/{id}', path)),
  });
  const connection = useLive(`session:${sessionId}`, {
    onSnapshot: (snapshot) => setView((v) => fromSnapshot(v, snapshot)),
    onEvent: (event) => setView((v) => applyEvent(v, event)),
  });
  const act = useMutation({
    mutationFn: async (action: 'start' | 'pause' | 'end') => {
      if (action === 'start') return unwrap(api.POST('/api/v1/classroom/sessions/{id}/start', path));
      if (action === 'pause') return unwrap(api.POST('/api/v1/classroom/sessions/{id}/pause', path));
      return unwrap(api.POST('/api/v1/classroom/sessions/{id}/end', { ...path, body: { endReason } }));
    },
    onSuccess: (after) => {
      setView((v) => ({ ...v, status: after.status }));
      void client.invalidateQueries({ queryKey: ['live-sessions'] });
    },
  });

  const data = session.data;
  const status = connection === 'open' ? view.status : (data?.status ?? view.status);
  const groups = view.groups.length ? view.groups : (data?.groups ?? []);
  const canStart = status === 'created' || status === 'paused';
  const canPause = status === 'active';
  const canEnd = status === 'active' || status === 'paused';

  return (
    <Page
      title={data?.title ?? t('live.session')}
      actions={
        <Group gap="xs">
          <StatusBadge status={status} testId="session-status" />
          <ConnectionBadge state={connection} />
        </Group>
      }
    >
      <ErrorAlert error={session.error ?? act.error} />
      {session.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {data ? (
        <Card withBorder radius="md" padding="md">
          <Stack gap="xs">
            {data.goal ? <Text>{data.goal}</Text> : null}
            <Group gap="lg">
              {data.subject ? <Text c="dimmed">{data.subject}</Text> : null}
              {data.accessCode && status !== 'ended' && status !== 'archived' ? (
                <Text>
                  {t('live.accessCode')}:{' '}
                  <Text component="strong" fz="xl" fw={800} style={{ letterSpacing: 3 }} data-testid="access-code">
                    {data.accessCode}
                  </Text>{' '}
                  <Text component="span" size="sm" c="dimmed">
                    {t('live.joinAt', { url: `${window.location.origin}/join` })}
                  </Text>
                </Text>
              ) : null}
            </Group>
            <Group gap="sm" mt="xs">
              {canStart ? (
                <Button onClick={() => act.mutate('start')} loading={act.isPending && act.variables === 'start'}>
                  {status === 'paused' ? t('live.resume') : t('live.start')}
                </Button>
              ) : null}
              {canPause ? (
                <Button variant="default" onClick={() => act.mutate('pause')} loading={act.isPending}>
                  {t('live.pause')}
                </Button>
              ) : null}
              {canEnd ? (
                <Group gap="xs" align="flex-end">
                  <NativeSelect
                    label={t('live.endReason')}
                    value={endReason}
                    onChange={(e) => setEndReason(e.currentTarget.value as EndReason)}
                    data={END_REASONS.map((r) => ({ value: r, label: t(`live.reasons.${r}`) }))}
                  />
                  <Button color="#c92a2a" onClick={() => act.mutate('end')} loading={act.isPending}>
                    {t('live.end')}
                  </Button>
                </Group>
              ) : null}
            </Group>
          </Stack>
        </Card>
      ) : null}
      {status === 'ended' || status === 'archived' ? <SessionAnalytics sessionId={sessionId} /> : null}
      <LiveGroups groups={groups} participants={view.participants} />
      <LiveFeed feed={view.feed} />
    </Page>
  );
}

export function LiveSessionPage() {
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  return <LiveSession sessionId={sessionId} />;
}
