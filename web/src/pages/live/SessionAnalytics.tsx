/** An ended session's figures: participants, participation rate, engagement score, duration. */
import { Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatNumber } from '../../lib/format';

interface Figures {
  participants?: { joined?: number; active?: number };
  participationRate?: number;
  engagementScore?: number;
  durationMinutes?: number;
  actualDurationMinutes?: number;
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

export function SessionAnalytics({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['live-analytics', sessionId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/classroom/sessions/{id}/analytics', { params: { path: { id: sessionId } } })),
  });
  const a = (query.data ?? {}) as Figures;
  if (!query.data) return null;
  const rate = a.participationRate;
  return (
    <Card withBorder radius="md" padding="md" aria-label={t('live.analytics')}>
      <Text component="h2" fw={700} fz="lg" mb="xs">
        {t('live.analytics')}
      </Text>
      <Group gap="xl">
        <Figure label={t('live.participants')} value={formatNumber(a.participants?.joined ?? 0)} />
        <Figure label={t('live.participation')} value={rate === undefined ? '—' : `${Math.round(rate * 100)} %`} />
        <Figure
          label={t('live.engagementScore')}
          value={a.engagementScore === undefined ? '—' : `${a.engagementScore} / 100`}
          testId="engagement-score"
        />
      </Group>
    </Card>
  );
}
