/** OAuth clients: list, create (the secret is shown once), revoke. */
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { fieldError } from '../../lib/forms';
import { ProblemError } from '../../lib/problem';

export function Integrations() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const list = useQuery({ queryKey: ['oauth-clients'], queryFn: () => unwrap(api.GET('/admin/oauth-clients')) });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/admin/oauth-clients', { body: { name, scopes: 'all' } })),
    onSuccess: () => {
      setName('');
      void client.invalidateQueries({ queryKey: ['oauth-clients'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (clientId: string) =>
      unwrap(api.POST('/admin/oauth-clients/{clientId}/revoke', { params: { path: { clientId } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['oauth-clients'] }),
  });
  const nameError = create.error instanceof ProblemError ? create.error.fieldErrors.name?.join('; ') : undefined;
  return (
    <Page title={t('integrations.title')}>
      <Card withBorder radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack>
            <Title order={2} size="h4">
              {t('integrations.create')}
            </Title>
            <Group align="flex-start">
              <TextInput
                label={t('common.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={nameError ? fieldError(t('common.name'), { type: 'server', message: nameError }) : undefined}
                w={320}
              />
              <Button type="submit" mt={25} loading={create.isPending}>
                {t('integrations.create')}
              </Button>
            </Group>
            {create.error && !nameError ? <ErrorAlert error={create.error} /> : null}
            {create.data ? (
              <Alert variant="outline" color="dark" title={t('integrations.secretOnce')} role="status">
                <Stack gap={4}>
                  <div>
                    {t('integrations.clientId')}: <Code>{create.data.clientId}</Code>
                  </div>
                  <Group gap="xs">
                    {t('integrations.secret')}: <Code data-testid="client-secret">{create.data.clientSecret}</Code>
                    <CopyButton value={create.data.clientSecret}>
                      {({ copied, copy }) => (
                        <Button size="compact-xs" variant="default" onClick={copy}>
                          {copied ? '✓' : 'Copy'}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Stack>
              </Alert>
            ) : null}
          </Stack>
        </form>
      </Card>
      <ErrorAlert error={list.error ?? revoke.error} />
      <Table striped aria-label={t('integrations.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('integrations.clientId')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th>{t('common.created')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.data.map((c) => (
            <Table.Tr key={c.clientId}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>
                <Code>{c.clientId}</Code>
              </Table.Td>
              <Table.Td>
                <Badge color="dark" variant={c.revokedAt ? 'default' : 'filled'}>
                  {c.revokedAt ? t('integrations.revoked') : t('integrations.active')}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
              <Table.Td>
                {c.revokedAt ? null : (
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    onClick={() =>
                      window.confirm(t('integrations.confirmRevoke', { name: c.name })) && revoke.mutate(c.clientId)
                    }
                  >
                    {t('integrations.revoke')} <span className="visually-hidden">{c.name}</span>
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Page>
  );
}
