/**
 * Retention: the tenant's policies as enforced (period, its source, why one cannot run), creating and
 * editing them (district administrator), and a dry run showing per table what would go and what a
 * legal hold keeps. The real run is the daily task (or the CLI): the API has no endpoint for it.
 */
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getJson, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { PolicyForm, type PolicyRow } from './PolicyForm';

const POLICIES = '/api/v1/compliance/retention/policies';
const ROWS = '/api/v1/compliance/data-retention-policies?limit=500';

function DryRun() {
  const { t } = useTranslation();
  const run = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/compliance/retention/dry-run')) });
  const report = run.data;
  return (
    <Card withBorder radius="md">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('compliance.dryRun')}
          </Title>
          <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="dry-run">
            {t('compliance.dryRun')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('compliance.dryRunHint')} {t('compliance.noRealRun')}
        </Text>
        <ErrorAlert error={run.error} />
        {report ? (
          <Stack gap="xs" data-testid="dry-run-report">
            <Text size="sm">{t('compliance.dryRunAt', { at: formatDateTime(report.at) })}</Text>
            <Table striped aria-label={t('compliance.dryRun')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('compliance.table')}</Table.Th>
                  <Table.Th>{t('compliance.category')}</Table.Th>
                  <Table.Th>{t('compliance.cutoff')}</Table.Th>
                  <Table.Th ta="right">{t('compliance.wouldRemove')}</Table.Th>
                  <Table.Th ta="right">{t('compliance.keptByHold')}</Table.Th>
                  <Table.Th>{t('compliance.sample')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.policies.map((p) => (
                  <Table.Tr key={p.policyId} data-testid={`dry-${p.tableName}`}>
                    <Table.Td>{p.tableName}</Table.Td>
                    <Table.Td>{p.dataCategory}</Table.Td>
                    <Table.Td>{p.cutoff ? formatDate(p.cutoff) : '—'}</Table.Td>
                    <Table.Td ta="right" data-testid="would-remove">
                      {formatNumber(p.rows)}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="kept-by-hold">
                      {formatNumber(p.held)}
                    </Table.Td>
                    <Table.Td>
                      {p.error ? (
                        <Text c="red" size="sm">
                          {t('compliance.error')}: {p.error}
                        </Text>
                      ) : (
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          {p.sample.slice(0, 3).join(', ')}
                          {p.sample.length > 3 ? ', …' : ''}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {report.auditPartitions.length > 0 ? (
              <Table aria-label={t('compliance.partitions')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('compliance.partitions')}</Table.Th>
                    <Table.Th ta="right">{t('compliance.rows')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.auditPartitions.map((p) => (
                    <Table.Tr key={p.partition}>
                      <Table.Td>{p.partition}</Table.Td>
                      <Table.Td ta="right">{formatNumber(p.rows)}</Table.Td>
                      <Table.Td>
                        {p.droppable ? t('compliance.droppable') : `${t('compliance.kept')}: ${p.reason}`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

export function Retention() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = me?.principal.roles.includes('district_admin') ?? false;
  const client = useQueryClient();
  const [editing, setEditing] = useState<PolicyRow | 'new' | null>(null);
  const policies = useQuery({ queryKey: ['retention', POLICIES], queryFn: () => unwrap(api.GET(POLICIES)) });
  const rows = useQuery({ queryKey: ['retention', ROWS], queryFn: () => getJson<{ data: PolicyRow[] }>(ROWS) });
  const rowOf = (id: number) => rows.data?.data.find((r) => r.id === id);
  return (
    <Page
      title={t('compliance.retentionTitle')}
      actions={
        mayEdit ? (
          <Button onClick={() => setEditing('new')} data-testid="new-policy">
            {t('compliance.newPolicy')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={policies.error} />
      <Table striped aria-label={t('compliance.policies')} data-testid="policies">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('compliance.category')}</Table.Th>
            <Table.Th>{t('compliance.table')}</Table.Th>
            <Table.Th>{t('compliance.period')}</Table.Th>
            <Table.Th>{t('compliance.disposal')}</Table.Th>
            <Table.Th>{t('compliance.legalBasis')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            {mayEdit ? <Table.Th>{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(policies.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.dataCategory}</Table.Td>
              <Table.Td>{p.tableName}</Table.Td>
              <Table.Td miw={90}>
                {t('compliance.days', { days: formatNumber(p.retentionDays) })}
                <Text size="xs" c="dimmed">
                  {t(`compliance.periodSource_${p.periodSource}`)}
                </Text>
              </Table.Td>
              <Table.Td>{t(`compliance.disposal_${p.disposalMethod}`, { defaultValue: p.disposalMethod })}</Table.Td>
              <Table.Td>
                <Text size="sm">{p.legalBasis}</Text>
              </Table.Td>
              <Table.Td miw={100}>
                <Badge color={p.active ? '#256b33' : 'gray.8'} variant="filled">
                  {p.active ? t('compliance.active') : t('compliance.inactive')}
                </Badge>
                {p.problem ? (
                  <Text size="xs" c="red.8">
                    {t('compliance.problem')}: {p.problem}
                  </Text>
                ) : null}
              </Table.Td>
              {mayEdit ? (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    disabled={!rowOf(p.id)}
                    onClick={() => setEditing(rowOf(p.id) ?? null)}
                    aria-label={`${t('compliance.edit')} ${p.dataCategory}`}
                  >
                    {t('compliance.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {policies.data?.length === 0 ? <Alert color="gray">{t('common.none')}</Alert> : null}
      <DryRun />
      {editing ? (
        <PolicyForm
          row={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void client.invalidateQueries({ queryKey: ['retention'] });
          }}
        />
      ) : null}
    </Page>
  );
}
