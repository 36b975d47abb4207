/** What happened, newest first, as it happens (a polite live region: screen readers hear it too). */
import { Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedItem } from './state';

export function feedText(t: (key: string, options?: Record<string, unknown>) => string, item: FeedItem): string {
  const status = item.status ? t(`live.status.${item.status}`, { defaultValue: item.status }) : '';
  const name = item.name ?? t('live.anonymous');
  const group = item.group ?? '';
  switch (item.event) {
    case 'session.status':
      return t('live.feed.session', { status });
    case 'group.status':
      return t('live.feed.group', { group, status });
    case 'participant.joined':
      return t('live.feed.joined', { name, group });
    case 'participant.left':
      return t('live.feed.left', { name, group });
    default:
      return item.event;
  }
}

export function LiveFeed({ feed }: { feed: FeedItem[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="live-feed">
      <Text component="h2" fw={700} fz="lg" id="live-feed" mb="xs">
        {t('live.feedTitle')}
      </Text>
      <Card withBorder radius="md" padding="sm">
        <Stack gap={4} role="log" aria-live="polite" data-testid="live-feed">
          {feed.length === 0 ? <Text size="sm">{t('live.feedEmpty')}</Text> : null}
          {feed.map((item) => (
            <Group key={item.key} gap="sm" wrap="nowrap">
              <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', flexShrink: 0 }}>
                {new Date(item.at).toLocaleTimeString()}
              </Text>
              <Text size="sm">{feedText(t, item)}</Text>
            </Group>
          ))}
        </Stack>
      </Card>
    </section>
  );
}
