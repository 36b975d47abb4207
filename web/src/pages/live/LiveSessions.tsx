/** The teacher's live sessions: open ones first (with their access code), each opening its live view. */
import { Card, Group, Loader, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { StatusBadge } from '../../live/badges';

export function LiveSessions() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['live-sessions'],
    queryFn: () => unwrap(api.GET('/api/v1/classroom/sessions')),
  });
  const sessions = query.data?.sessions ?? [];
  return (
    <Page title={t('live.sessionsTitle')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && sessions.length === 0 ? <Text>{t('live.noSessions')}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {sessions.map((s) => (
          <Card
            key={s.id}
            withBorder
            radius="md"
            padding="md"
            component={Link}
            to={`/live/${s.id}`}
            style={{ textDecoration: 'none' }}
            data-testid="live-session-card"
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text fw={600}>{s.title}</Text>
              <StatusBadge status={s.status} />
            </Group>
            <Text size="sm">{[s.subject, t('live.groupsCount', { count: s.groups })].filter(Boolean).join(' · ')}</Text>
            {s.accessCode ? (
              <Text size="sm">
                {t('live.accessCode')}: <strong style={{ letterSpacing: 2 }}>{s.accessCode}</strong>
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {s.actualStart
                ? formatDateTime(s.actualStart)
                : s.scheduledStart
                  ? `${t('live.scheduled')} ${formatDateTime(s.scheduledStart)}`
                  : ''}
              {s.engagementScore !== null ? ` · ${t('live.engagement', { score: Math.round(s.engagementScore) })}` : ''}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
