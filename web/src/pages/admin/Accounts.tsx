/** The tenant's sign-in accounts: name, e-mail, roles, status, last sign-in (server-paged). */
import { Badge, Group } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';

type Account = components['schemas']['identity_accounts'];
const PAGE_SIZE = 50;

export function Accounts() {
  const { t } = useTranslation();
  const [pageIndex, setPageIndex] = useState(0);
  const url = `/api/v1/identity/accounts?limit=${PAGE_SIZE}&offset=${pageIndex * PAGE_SIZE}&sort=email`;
  const list = useQuery({
    queryKey: ['accounts', url],
    queryFn: () => getJson<{ data: Account[]; page: { total?: number } }>(url),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Account, unknown>[]>(
    () => [
      { id: 'name', header: () => t('common.name'), cell: ({ row }) => row.original.displayName },
      { id: 'email', header: () => t('accounts.email'), cell: ({ row }) => row.original.email },
      {
        id: 'roles',
        header: () => t('accounts.roles'),
        cell: ({ row }) => (
          <Group gap={4}>
            {(row.original.roles ?? []).map((r) => (
              <Badge key={r} variant="light">
                {t(`roles.${r}`, { defaultValue: r })}
              </Badge>
            ))}
          </Group>
        ),
      },
      { id: 'status', header: () => t('common.status'), cell: ({ row }) => row.original.status },
      {
        id: 'last',
        header: () => t('accounts.lastSignIn'),
        cell: ({ row }) => (row.original.lastSignInAt ? formatDateTime(row.original.lastSignInAt) : '—'),
      },
    ],
    [t],
  );
  const total = list.data?.page.total;
  return (
    <Page title={t('accounts.title')}>
      <ErrorAlert error={list.error} />
      <DataTable
        data={list.data?.data ?? []}
        columns={columns}
        label={t('accounts.title')}
        page={{ index: pageIndex, count: total ? Math.ceil(total / PAGE_SIZE) : 1, total, onChange: setPageIndex }}
      />
    </Page>
  );
}
