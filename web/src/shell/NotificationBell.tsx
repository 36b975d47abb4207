/**
 * The bell in the header: the signed-in person's unread in-app notifications (count on the bell),
 * the latest ones in a panel, each marked read on demand or all at once. Live: the person's own realtime
 * channel (`account:<id>`, one WebSocket for the signed-in person) says when an item arrives and the inbox
 * is fetched again at once; (re)subscribing refetches too (what was missed while disconnected). A slow
 * poll stays as the fallback for a socket that cannot connect, and the panel refreshes when it opens.
 */
import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useMe } from '../auth/session';
import { useLive } from '../live/useLive';
import { formatDateTime } from '../lib/format';

const KEY = ['inbox'];
/** The fallback poll: the socket normally tells of a new item at once. */
const FALLBACK_POLL_MS = 5 * 60_000;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const accountId = useMe()?.account?.id;
  const refetch = () => void client.invalidateQueries({ queryKey: KEY });
  useLive(accountId ? `account:${accountId}` : undefined, {
    onSnapshot: refetch,
    onEvent: (event) => (event.event.startsWith('notifications.') ? refetch() : undefined),
  });
  const inbox = useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/notifications/inbox', { params: { query: { limit: 20 } } })),
    refetchInterval: FALLBACK_POLL_MS,
    retry: false,
  });
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const markOne = useMutation({
    mutationFn: (itemId: string) =>
      unwrap(api.POST('/api/v1/notifications/inbox/{itemId}/read', { params: { path: { itemId } }, body: {} })),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/inbox/read-all', { body: {} })),
    onSuccess: refresh,
  });
  if (inbox.isError) return null;
  const unread = inbox.data?.unreadCount ?? 0;
  const items = inbox.data?.items ?? [];

  return (
    <Indicator label={unread} disabled={unread === 0} size={18} color="#c92a2a" offset={4}>
      <Popover width={340} position="bottom-end" shadow="md" trapFocus onOpen={() => void refresh()}>
        <Popover.Target>
          <ActionIcon variant="subtle" size="lg" aria-label={t('notifications.bell', { count: unread })}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Group justify="space-between" mb="xs">
            <Text fw={700}>{t('notifications.title')}</Text>
            {unread > 0 ? (
              <Button size="compact-xs" variant="subtle" onClick={() => markAll.mutate()}>
                {t('notifications.markAll')}
              </Button>
            ) : null}
          </Group>
          {items.length === 0 ? <Text size="sm">{t('notifications.empty')}</Text> : null}
          <ScrollArea.Autosize mah={360}>
            <Stack gap="xs" data-testid="notification-list">
              {items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  onClick={() => (item.readAt ? undefined : markOne.mutate(item.id))}
                  title={item.readAt ? undefined : t('notifications.markRead', { subject: item.subject ?? '' })}
                  style={{
                    borderLeft: `3px solid ${item.readAt ? 'transparent' : '#3b5bdb'}`,
                    paddingLeft: 8,
                  }}
                >
                  <Text size="sm" fw={item.readAt ? 400 : 700}>
                    {item.subject ?? t('notifications.untitled')}
                  </Text>
                  {item.content ? (
                    <Text size="xs" lineClamp={2}>
                      {item.content}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(item.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
