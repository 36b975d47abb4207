/** A language-school teacher's home: their classes, and this week's sessions with "take attendance". */
import { Badge, Button, Card, Group, Loader, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';

export function MyClasses() {
  const { t } = useTranslation();
  const classes = useQuery({
    queryKey: ['ls-my-classes'],
    queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes', { params: { query: { mine: 'true' } } })),
  });
  const week = useQuery({
    queryKey: ['ls-calendar', 'default'],
    queryFn: () => unwrap(api.GET('/api/v1/school-ops/calendar', { params: { query: {} } })),
  });
  return (
    <Page title={t('ls.myClassesTitle')}>
      <ErrorAlert error={classes.error ?? week.error} />
      {classes.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {(classes.data ?? []).map((c) => (
          <Card key={c.id} withBorder radius="md">
            <Title order={2} size="h5">
              {c.name}
            </Title>
            <Text size="sm">
              {c.courseName} · {c.levelCode} · {t('ls.room')}: {c.roomName ?? '—'}
            </Text>
            <Badge mt="xs" color="dark" variant="filled">
              {t('ls.seats', { enrolled: c.enrolled, max: c.maxStudents })}
            </Badge>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h4">
        {t('ls.thisWeek')}
        {week.data ? ` · ${formatDate(week.data.from)} – ${formatDate(week.data.to)}` : ''}
      </Title>
      {week.data ? (
        <Table aria-label={t('ls.thisWeek')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('frontDesk.date')}</Table.Th>
              <Table.Th>{t('frontDesk.time')}</Table.Th>
              <Table.Th>{t('ls.class')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {week.data.sessions.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatDate(s.date)}</Table.Td>
                <Table.Td>
                  {s.startTime}–{s.endTime}
                </Table.Td>
                <Table.Td>{s.className}</Table.Td>
                <Table.Td>{t(`ls.status.${s.status}`, { defaultValue: s.status })}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" component={Link} to={`/ls/classes/sessions/${s.id}`}>
                      {t('ls.takeAttendance')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Page>
  );
}
