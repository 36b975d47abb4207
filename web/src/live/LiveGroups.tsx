/** The session's groups as cards: name, status, size, and who is in each (present or gone). */
import { Card, Group, List, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from './badges';
import type { LiveGroup, LiveParticipant } from './state';

export function LiveGroups({ groups, participants }: { groups: LiveGroup[]; participants: LiveParticipant[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="live-groups">
      <Text component="h2" fw={700} fz="lg" id="live-groups" mb="xs">
        {t('live.groups')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {groups.map((g) => {
          const members = participants.filter((p) => p.groupId === g.id);
          const present = members.filter((p) => p.isActive).length;
          return (
            <Card key={g.id} withBorder radius="md" padding="md" data-testid="live-group" aria-label={g.name}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{g.name}</Text>
                <StatusBadge status={g.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {t('live.present', { count: present })}
                {g.maxSize ? ` · ${t('live.maxSize', { count: g.maxSize })}` : ''}
              </Text>
              {members.length === 0 ? (
                <Text size="sm" mt="xs">
                  {t('live.nobodyYet')}
                </Text>
              ) : (
                <List size="sm" mt="xs" spacing={2}>
                  {members.map((p) => (
                    <List.Item key={p.id} data-testid="live-participant">
                      {p.displayName ?? t('live.anonymous')}
                      {p.isActive ? '' : ` (${t('live.left')})`}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
