/**
 * The secretary's enrolments: every enrolment with its class and status; an active one can be dropped or
 * transferred to another class of the same course (as can one its class's cancellation ended).
 */
import { Badge, Button, Group, Loader, SegmentedControl, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { TransferEnrollment, type TransferTarget } from './TransferEnrollment';

export function Enrollments() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState('active');
  const [moving, setMoving] = useState<TransferTarget | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['ls-enrollments', status],
    queryFn: () =>
      unwrap(api.GET('/api/v1/school-ops/enrollments', { params: { query: status === 'all' ? {} : { status } } })),
  });
  const drop = useMutation({
    mutationFn: (enrollmentId: string) =>
      unwrap(api.POST('/api/v1/school-ops/enrollments/{enrollmentId}/drop', { params: { path: { enrollmentId } } })),
    onSuccess: () => {
      setDone(t('ls.dropped'));
      return client.invalidateQueries({ queryKey: ['ls-enrollments'] });
    },
  });
  // Classes no longer active: an enrolment their cancellation ended may still be transferred.
  const classes = useQuery({ queryKey: ['ls-classes'], queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')) });
  const inactive = new Set((classes.data ?? []).filter((c) => !c.isActive).map((c) => c.id));
  const transferable = (e: { status: string; classId: string }) =>
    e.status === 'active' || (e.status === 'dropped' && inactive.has(e.classId));
  return (
    <Page title={t('ls.enrollmentsTitle')}>
      <Group>
        <Text size="sm" fw={600}>
          {t('ls.statusFilter')}
        </Text>
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={[
            { value: 'active', label: t('ls.status.active') },
            { value: 'dropped', label: t('ls.status.dropped') },
            { value: 'all', label: t('ls.all') },
          ]}
        />
      </Group>
      <ErrorAlert error={query.error ?? drop.error} />
      {done ? <Text role="status">{done}</Text> : null}
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data ? (
        <Table striped aria-label={t('ls.enrollmentsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ls.student')}</Table.Th>
              <Table.Th>{t('ls.class')}</Table.Th>
              <Table.Th>{t('ls.enrolledAt')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.studentName}</Table.Td>
                <Table.Td>{e.className}</Table.Td>
                <Table.Td>{e.enrolledAt ? formatDate(e.enrolledAt) : '—'}</Table.Td>
                <Table.Td>
                  <Badge color="dark" variant={e.status === 'active' ? 'filled' : 'default'}>
                    {t(`ls.status.${e.status}`, { defaultValue: e.status })}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {e.status === 'active' ? (
                      <Button size="xs" variant="default" onClick={() => drop.mutate(e.id)} loading={drop.isPending}>
                        {t('ls.drop')}
                      </Button>
                    ) : null}
                    {transferable(e) ? (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('ls.transferOf', { name: e.studentName ?? '' })}
                        onClick={() => setMoving(e)}
                      >
                        {t('ls.transfer')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {moving ? (
        <TransferEnrollment
          enrollment={moving}
          onClose={() => setMoving(null)}
          onDone={(message) => {
            setMoving(null);
            setDone(message);
            void client.invalidateQueries({ queryKey: ['ls-enrollments'] });
          }}
        />
      ) : null}
    </Page>
  );
}
