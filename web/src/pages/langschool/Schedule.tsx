/**
 * The secretary's class schedule: one week (Monday–Sunday) of class sessions, as a calendar; a session
 * opens its detail (reschedule, cancel, and its class: edit or cancel).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import i18n from '../../i18n';
import { SessionDetail, type SessionSummary } from './SessionDetail';

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (day: string) =>
  new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

export function Schedule() {
  const { t } = useTranslation();
  const [weekOf, setWeekOf] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<SessionSummary | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['ls-calendar', weekOf ?? 'default'],
    queryFn: () => unwrap(api.GET('/api/v1/school-ops/calendar', { params: { query: weekOf ? { weekOf } : {} } })),
  });
  const week = query.data;
  const days = week ? Array.from({ length: 7 }, (_, i) => addDays(week.from, i)) : [];
  return (
    <Page
      title={t('ls.scheduleTitle')}
      actions={
        week ? (
          <Group gap="xs">
            <Button variant="default" onClick={() => setWeekOf(addDays(week.from, -7))}>
              {t('ls.previousWeek')}
            </Button>
            <Button variant="default" onClick={() => setWeekOf(addDays(week.from, 7))}>
              {t('ls.nextWeek')}
            </Button>
          </Group>
        ) : null
      }
    >
      <ErrorAlert error={query.error} />
      {message ? (
        <Alert color="green" role="status">
          {message}
        </Alert>
      ) : null}
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {week ? (
        <>
          <Text data-testid="week-range">
            {t('ls.weekOf', { from: formatDate(week.from), to: formatDate(week.to) })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 7 }} spacing="xs" aria-label={t('ls.scheduleTitle')}>
            {days.map((day) => {
              const sessions = week.sessions.filter((s) => s.date === day);
              return (
                <Card key={day} withBorder radius="md" padding="xs">
                  <Title order={2} size="h6" tt="capitalize">
                    {weekday(day)}
                  </Title>
                  <Text size="xs" c="dimmed" mb="xs">
                    {formatDate(day)}
                  </Text>
                  <Stack gap={6}>
                    {sessions.map((s) => (
                      <UnstyledButton key={s.id} onClick={() => setOpen(s)} data-session={s.id}>
                        <Card padding={6} radius="sm" bg="var(--mantine-color-blue-light)">
                          <Text size="sm" fw={600}>
                            {s.startTime}–{s.endTime}
                          </Text>
                          <Text size="sm">{s.className}</Text>
                          <Text size="xs">
                            {s.teacherName ?? '—'} · {s.roomName ?? '—'}
                          </Text>
                          {s.status !== 'scheduled' ? (
                            <Badge size="xs" color="dark" variant="filled" mt={4}>
                              {t(`ls.status.${s.status}`, { defaultValue: s.status })}
                            </Badge>
                          ) : null}
                        </Card>
                      </UnstyledButton>
                    ))}
                    {sessions.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('ls.noSessions')}
                      </Text>
                    ) : null}
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      ) : null}
      <SessionDetail
        session={open}
        onClose={() => setOpen(null)}
        onDone={(text) => {
          setOpen(null);
          setMessage(text);
        }}
      />
    </Page>
  );
}
