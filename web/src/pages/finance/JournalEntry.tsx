/** One journal entry with its lines; a posted entry can be reversed (a reason is required). */
import { Anchor, Button, Group, Loader, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatMoney } from '../../lib/format';
import { EntryStatus } from './Journal';
import { BOOKS_CURRENCY } from './TrialBalance';

export function JournalEntryPage() {
  const { t } = useTranslation();
  const { entryId } = useParams({ strict: false }) as { entryId: string };
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const query = useQuery({
    queryKey: ['fin-entry', entryId],
    queryFn: () => unwrap(api.GET('/api/v1/finance/ledger/entries/{entryId}', { params: { path: { entryId } } })),
  });
  const reverse = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/finance/ledger/entries/{entryId}/reverse', {
          params: { path: { entryId } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('fin-') }),
  });
  const e = query.data;
  const money = (cents: number) => (cents ? formatMoney(cents, BOOKS_CURRENCY) : '');
  const title = e?.entryNumber != null ? t('fin.entryTitle', { number: e.entryNumber }) : t('fin.entry');
  return (
    <Page title={title}>
      <Anchor component={Link} to="/finance/journal" size="sm">
        ← {t('fin.backToJournal')}
      </Anchor>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {e ? (
        <>
          <Group gap="lg">
            <Text>{e.entryDate ? formatDate(e.entryDate) : '—'}</Text>
            <Text fw={600}>{e.description}</Text>
            <EntryStatus status={e.status} />
          </Group>
          {e.memo ? <Text size="sm">{e.memo}</Text> : null}
          {e.reversesEntryId ? (
            <Anchor component={Link} to={`/finance/journal/${e.reversesEntryId}`}>
              {t('fin.reversesEntry')}
            </Anchor>
          ) : null}
          {e.reversedByEntryId ? (
            <Anchor component={Link} to={`/finance/journal/${e.reversedByEntryId}`}>
              {t('fin.reversedBy')}
            </Anchor>
          ) : null}
          <Table striped aria-label={t('fin.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fin.code')}</Table.Th>
                <Table.Th>{t('fin.account')}</Table.Th>
                <Table.Th>{t('fin.description')}</Table.Th>
                <Table.Th ta="right">{t('fin.debit')}</Table.Th>
                <Table.Th ta="right">{t('fin.credit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.lines.map((l) => (
                <Table.Tr key={l.lineNumber}>
                  <Table.Td>{l.accountCode}</Table.Td>
                  <Table.Td>{l.accountName ?? '—'}</Table.Td>
                  <Table.Td>{l.description ?? ''}</Table.Td>
                  <Table.Td ta="right">{money(l.debitCents)}</Table.Td>
                  <Table.Td ta="right">{money(l.creditCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {e.status === 'posted' ? (
            <Group align="end">
              <TextInput
                label={t('fin.reverseReason')}
                value={reason}
                onChange={(ev) => setReason(ev.currentTarget.value)}
                w={360}
              />
              <Button
                color="red.9"
                onClick={() => reverse.mutate()}
                loading={reverse.isPending}
                disabled={!reason.trim()}
              >
                {t('fin.reverse')}
              </Button>
            </Group>
          ) : null}
          <ErrorAlert error={reverse.error} />
          {reverse.isSuccess ? <Text role="status">{t('fin.reversed')}</Text> : null}
        </>
      ) : null}
    </Page>
  );
}
