/**
 * The nurse's office: who is in it now (each with "check out"), the day's visits (searched and paged on
 * the server) and "record a visit". The day is the reader's own (local midnight to midnight).
 */
import { Alert, Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { SearchedList } from './SearchedList';
import { studentColumn, useSearchPage } from './search';
import { CheckOutVisit, RecordVisit } from './VisitForms';

const PATH = '/api/v1/health/nurse/visits';
type Row = paths[typeof PATH]['get']['responses'][200]['content']['application/json']['data'][number];

const clock = (iso: string | null) =>
  iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '—';

function today() {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString(), day: start };
}

export function Visits() {
  const { t } = useTranslation();
  const search = useSearchPage();
  const [day] = useState(today);
  const [recording, setRecording] = useState(false);
  const [closing, setClosing] = useState<Row>();
  const [done, setDone] = useState<string>();
  const list = useQuery({
    queryKey: ['health', 'visits', search.query, day.from],
    queryFn: () => unwrap(api.GET(PATH, { params: { query: { ...search.query, from: day.from, to: day.to } } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      { id: 'in', header: () => t('health.timeIn'), cell: ({ row }) => clock(row.original.timeIn) },
      { id: 'out', header: () => t('health.timeOut'), cell: ({ row }) => clock(row.original.timeOut) },
      studentColumn<Row>(t),
      { id: 'reason', header: () => t('health.reason'), cell: ({ row }) => row.original.reason },
      {
        id: 'action',
        header: () => t('health.actionTaken'),
        cell: ({ row }) =>
          row.original.actionTaken ? (
            t(`health.actions.${row.original.actionTaken}`)
          ) : (
            <Badge color="#8a3600" variant="filled">
              {t('health.inOfficeBadge')}
            </Badge>
          ),
      },
    ],
    [t],
  );
  const open = list.data?.open ?? [];
  const finished = (message: string) => {
    setRecording(false);
    setClosing(undefined);
    setDone(message);
  };
  return (
    <Page
      title={t('health.visitsTitle')}
      actions={<Button onClick={() => setRecording(true)}>{t('health.recordVisit')}</Button>}
    >
      <Stack>
        {done ? (
          <Alert
            color="teal"
            role="status"
            data-testid="visit-done"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setDone(undefined)}
          >
            {done}
          </Alert>
        ) : null}
        <section aria-labelledby="in-office">
          <Title order={2} size="h4" id="in-office" mb="xs">
            {t('health.inOffice', { count: open.length })}
          </Title>
          {open.length === 0 ? (
            <Text c="dimmed">{t('health.noneInOffice')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped aria-labelledby="in-office" data-testid="open-visits">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('health.timeIn')}</Table.Th>
                    <Table.Th>{t('health.student')}</Table.Th>
                    <Table.Th>{t('health.reason')}</Table.Th>
                    <Table.Th>{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {open.map((v) => (
                    <Table.Tr key={v.visitId}>
                      <Table.Td>{clock(v.timeIn)}</Table.Td>
                      <Table.Td>{v.studentName}</Table.Td>
                      <Table.Td>{v.reason}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('health.checkOutFor', { name: v.studentName })}
                          onClick={() => setClosing(v)}
                        >
                          {t('health.checkOut')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </section>
        <Title order={2} size="h4">
          {t('health.todaysVisits', { date: formatDate(day.day) })}
        </Title>
        <SearchedList
          label={t('health.visitsTitle')}
          search={search}
          error={list.error}
          rows={list.data?.data}
          total={list.data?.page.total}
          columns={columns}
        />
      </Stack>
      {recording ? <RecordVisit onClose={() => setRecording(false)} onDone={finished} /> : null}
      {closing ? <CheckOutVisit visit={closing} onClose={() => setClosing(undefined)} onDone={finished} /> : null}
    </Page>
  );
}
