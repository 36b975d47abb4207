/**
 * The tenant's access policies (role × data classification × permission, with their reach): view by
 * role, and switch a policy's "justification required" or "active" (PUT, the server validates).
 */
import { Badge, NativeSelect, Switch, Table } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { ProblemError, type Problem } from '../../lib/problem';

interface Policy {
  id: number;
  roleName: string;
  resourceType: string;
  resourceIdentifier: string;
  permissionType: string;
  conditions: { scope?: string } | null;
  educationalInterestRequired: boolean;
  approvalRequired: boolean;
  approverRole: string | null;
  active: boolean;
}

const URL = '/api/v1/access-policies';

async function put(policy: Policy): Promise<Policy> {
  const { id, ...body } = policy;
  const response = await fetch(`${URL}/${id}`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as unknown;
  if (!response.ok) throw new ProblemError(response.status, json as Partial<Problem>);
  return json as Policy;
}

export function AccessPolicies() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['policies'], queryFn: () => getJson<{ data: Policy[] }>(URL) });
  const roles = [...new Set(list.data?.data.map((p) => p.roleName) ?? [])].sort();
  const [role, setRole] = useState('teacher');
  const save = useMutation({
    mutationFn: put,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['policies'] }),
  });
  const rows = list.data?.data.filter((p) => p.roleName === role) ?? [];
  return (
    <Page title={t('policies.title')}>
      <NativeSelect
        label={t('policies.filterRole')}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value)}
        data={roles.map((r) => ({ value: r, label: t(`roles.${r}`, { defaultValue: r }) }))}
        maw={320}
      />
      <ErrorAlert error={list.error ?? save.error} />
      <Table striped aria-label={t('policies.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policies.resource')}</Table.Th>
            <Table.Th>{t('policies.permission')}</Table.Th>
            <Table.Th>{t('policies.scope')}</Table.Th>
            <Table.Th>{t('policies.interest')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                {p.resourceType} <Badge variant="light">{p.resourceIdentifier}</Badge>
              </Table.Td>
              <Table.Td>{p.permissionType}</Table.Td>
              <Table.Td>{p.conditions?.scope ?? '—'}</Table.Td>
              <Table.Td>
                <Switch
                  aria-label={[
                    `${t('policies.interest')}:`,
                    p.resourceType,
                    p.resourceIdentifier,
                    p.permissionType,
                  ].join(' ')}
                  checked={p.educationalInterestRequired}
                  onChange={(e) => save.mutate({ ...p, educationalInterestRequired: e.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${t('common.status')}: ${p.resourceType} ${p.resourceIdentifier} ${p.permissionType}`}
                  checked={p.active}
                  onChange={(e) => save.mutate({ ...p, active: e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Page>
  );
}
