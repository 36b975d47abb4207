/**
 * The district (or school) at a glance: counts of schools, students, staff and sections, students
 * and sections per school (a chart), and the last imports and loads with their outcome.
 */
import { BarChart } from '@mantine/charts';
import { Badge, Card, Loader, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime, formatNumber } from '../../lib/format';

export const overviewQuery = {
  queryKey: ['overview'],
  queryFn: () => unwrap(api.GET('/api/v1/directory/overview')),
};

const STATUS_COLOR: Record<string, string> = { completed: 'teal', failed: 'red', running: 'blue', pending: 'gray' };

export function Overview({ title }: { title?: string }) {
  const { t } = useTranslation();
  const query = useQuery(overviewQuery);
  const data = query.data;
  return (
    <Page title={title ?? t('overview.title')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {data ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {(['schools', 'students', 'staff', 'sections'] as const).map((key) => (
              <Card key={key} withBorder radius="md" data-testid={`count-${key}`}>
                <Text size="sm" c="dimmed">
                  {t(`overview.${key}`)}
                </Text>
                <Text fz={32} fw={700}>
                  {formatNumber(data.counts[key])}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="md">
              {t('overview.bySchool')}
            </Title>
            <BarChart
              h={240}
              data={data.schools.map((s) => ({ school: s.name, students: s.students, sections: s.sections }))}
              dataKey="school"
              series={[
                { name: 'students', label: t('overview.students'), color: 'indigo.6' },
                { name: 'sections', label: t('overview.sections'), color: 'teal.6' },
              ]}
              withLegend
              valueFormatter={formatNumber}
            />
          </Card>
          <Card withBorder radius="md">
            <Title order={2} size="h4" mb="md">
              {t('overview.recentJobs')}
            </Title>
            {data.recentJobs.length === 0 ? (
              <Text c="dimmed">{t('overview.noJobs')}</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('overview.jobType')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                    <Table.Th>{t('common.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.recentJobs.map((job) => (
                    <Table.Tr key={job.id}>
                      <Table.Td>{job.jobType}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[job.status] ?? 'gray'} variant="light">
                          {t(`imports.status_${job.status}`, { defaultValue: job.status })}
                        </Badge>
                        {job.errorMessage ? (
                          <Text size="xs" c="red.8">
                            {job.errorMessage}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </>
      ) : null}
    </Page>
  );
}
