/**
 * Retention: the tenant's policies as enforced (period, its source, why one cannot run), creating and
 * editing them (district administrator), a dry run showing per table what would go and what a legal
 * hold keeps, and (district administrator) a run now with its progress and report (RetentionRun.tsx).
 */
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getJson, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime, formatNumber } from '../../lib/format';
import { PolicyForm, type PolicyRow } from './PolicyForm';
import { RetentionReportTables } from './RetentionReport';
import { RetentionRun } from './RetentionRun';

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
          {t('compliance.dryRunHint')} {t('compliance.dailyRun')}
        </Text>
        <ErrorAlert error={run.error} />
        {report ? (
          <Stack gap="xs" data-testid="dry-run-report">
            <Text size="sm">{t('compliance.dryRunAt', { at: formatDateTime(report.at) })}</Text>
            <RetentionReportTables
              report={report}
              label={t('compliance.dryRun')}
              rowsLabel={t('compliance.wouldRemove')}
              testPrefix="dry"
            />
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
      <TableScroll label={t('compliance.policies')} minWidth={880}>
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
      </TableScroll>
      {policies.data?.length === 0 ? <Alert color="gray">{t('common.none')}</Alert> : null}
      <DryRun />
      {mayEdit ? <RetentionRun onFinished={() => void client.invalidateQueries({ queryKey: ['retention'] })} /> : null}
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
