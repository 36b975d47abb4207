/**
 * The audit trail: newest first, 50 a page, searched by actor (account id) and date range on the
 * server; "verify the chain" recomputes the tenant's hash chain and says whether it is intact.
 */
import { Alert, Button, Code, Group, Stack, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getJson, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';

type Row = components['schemas']['compliance_audit_logs'];
const PAGE_SIZE = 50;

export function Audit() {
  const { t } = useTranslation();
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const params = new URLSearchParams({
    sort: '-timestamp',
    limit: String(PAGE_SIZE),
    offset: String(pageIndex * PAGE_SIZE),
  });
  if (actor.trim()) params.set('userId', actor.trim());
  if (from) params.set('timestamp[gte]', new Date(`${from}T00:00:00`).toISOString());
  if (to) params.set('timestamp[lt]', new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString());
  const url = `/api/v1/compliance/audit-logs?${params}`;
  const list = useQuery({
    queryKey: ['audit', url],
    queryFn: () => getJson<{ data: Row[]; page: { total?: number } }>(url),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => unwrap(api.POST('/admin/audit/verify')) });
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      {
        id: 'when',
        header: () => t('audit.when'),
        cell: ({ row }) => (row.original.timestamp ? formatDateTime(row.original.timestamp) : '—'),
      },
      {
        id: 'actor',
        header: () => t('audit.actor'),
        cell: ({ row }) => (
          <span>
            <Code>{row.original.userId}</Code> {row.original.actorRole ?? ''}
          </span>
        ),
      },
      { id: 'op', header: () => t('audit.operation'), cell: ({ row }) => row.original.operation },
      { id: 'table', header: () => t('audit.table'), cell: ({ row }) => row.original.tableName },
      { id: 'record', header: () => t('audit.record'), cell: ({ row }) => row.original.recordId ?? '—' },
    ],
    [t],
  );
  const total = list.data?.page.total;
  return (
    <Page
      title={t('audit.title')}
      actions={
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data ? (
        <Alert color={verify.data.ok ? 'teal' : 'red'} role="status" data-testid="verify-result">
          {verify.data.ok
            ? t('audit.verified', { rows: verify.data.rows })
            : t('audit.broken', { detail: verify.data.problem?.detail ?? '' })}
        </Alert>
      ) : null}
      <ErrorAlert error={verify.error ?? list.error} />
      <Stack>
        <Group align="flex-end">
          <TextInput
            label={t('audit.actorFilter')}
            value={actor}
            onChange={(e) => {
              setActor(e.currentTarget.value);
              setPageIndex(0);
            }}
            w={320}
          />
          <TextInput
            label={t('audit.from')}
            type="date"
            value={from}
            onChange={(e) => {
              setFrom(e.currentTarget.value);
              setPageIndex(0);
            }}
          />
          <TextInput
            label={t('audit.to')}
            type="date"
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              setPageIndex(0);
            }}
          />
        </Group>
        <DataTable
          data={list.data?.data ?? []}
          columns={columns}
          label={t('audit.title')}
          page={{
            index: pageIndex,
            count: total !== undefined ? Math.ceil(total / PAGE_SIZE) : pageIndex + 1,
            total,
            onChange: setPageIndex,
          }}
        />
      </Stack>
    </Page>
  );
}
