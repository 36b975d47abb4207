/**
 * The audit trail: newest first, 50 a page, searched by actor (account id) and date range on the
 * server, or by student — picked by name (typeahead over the directory search) — whose records the
 * server resolves across every table that holds them; "verify the chain" recomputes the tenant's hash
 * chain and says whether it is intact.
 */
import { Alert, Button, Code, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
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

type Row = Pick<
  components['schemas']['compliance_audit_logs'],
  'timestamp' | 'userId' | 'actorRole' | 'operation' | 'tableName' | 'recordId'
>;
const PAGE_SIZE = 50;

interface PickedStudent {
  studentUsi: number;
  name: string;
}

/** A student by name: the directory search (what the caller may see), as one types. */
function StudentPicker({ value, onChange }: { value: PickedStudent | null; onChange(s: PickedStudent | null): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const found = useQuery({
    queryKey: ['search', q],
    queryFn: () => unwrap(api.GET('/api/v1/directory/search', { params: { query: { q } } })),
    enabled: q.length >= 2 && text !== value?.name,
    placeholderData: (previous) => previous,
  });
  const students = found.data?.students ?? [];
  // The school tells namesakes apart (an auditor looks across the whole district).
  const data = students.map((s) => ({
    value: String(s.studentUsi),
    label: `${s.name} (${s.studentUniqueId})${s.schoolName ? ` · ${s.schoolName}` : ''}`,
  }));
  if (value && !data.some((d) => d.value === String(value.studentUsi)))
    data.unshift({ value: String(value.studentUsi), label: value.name });
  return (
    <Stack gap={4}>
      <Select
        label={t('audit.student')}
        placeholder={t('audit.studentPlaceholder')}
        searchable
        clearable
        searchValue={text}
        onSearchChange={setText}
        data={data}
        filter={({ options }) => options}
        value={value ? String(value.studentUsi) : null}
        nothingFoundMessage={q.length >= 2 && found.isFetched ? t('common.none') : undefined}
        onChange={(picked, option) =>
          onChange(picked ? { studentUsi: Number(picked), name: option?.label ?? picked } : null)
        }
        w={320}
      />
      <ErrorAlert error={found.error} />
    </Stack>
  );
}

export function Audit() {
  const { t } = useTranslation();
  const [actor, setActor] = useState('');
  const [student, setStudent] = useState<PickedStudent | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const params = new URLSearchParams({
    sort: '-timestamp',
    limit: String(PAGE_SIZE),
    offset: String(pageIndex * PAGE_SIZE),
  });
  const since = from ? new Date(`${from}T00:00:00`).toISOString() : undefined;
  const until = to ? new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  if (actor.trim() && !student) params.set('userId', actor.trim());
  if (since) params.set('timestamp[gte]', since);
  if (until) params.set('timestamp[lt]', until);
  const url = `/api/v1/compliance/audit-logs?${params}`;
  const list = useQuery({
    queryKey: ['audit', url],
    queryFn: () => getJson<{ data: Row[]; page: { total?: number } }>(url),
    placeholderData: keepPreviousData,
    enabled: !student,
  });
  const trail = useQuery({
    queryKey: ['audit', 'student', student?.studentUsi, since, until, pageIndex],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/compliance/students/{studentUsi}/audit-trail', {
          params: {
            path: { studentUsi: student!.studentUsi },
            query: { limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE, from: since, to: until },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: !!student,
  });
  const shown = student ? trail : list;
  const rows: Row[] = (student ? trail.data?.data : list.data?.data) ?? [];
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
  const total = shown.data?.page.total;
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
      <ErrorAlert error={verify.error ?? shown.error} />
      <Stack>
        <Group align="flex-start">
          <StudentPicker
            value={student}
            onChange={(picked) => {
              setStudent(picked);
              setPageIndex(0);
            }}
          />
          <TextInput
            label={t('audit.actorFilter')}
            value={actor}
            disabled={!!student}
            description={student ? t('audit.actorAll') : undefined}
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
        {student && trail.data ? (
          <Text size="sm" data-testid="student-trail">
            {t('audit.studentRecords', { name: student.name, count: trail.data.recordCount })}
          </Text>
        ) : null}
        <DataTable
          data={rows}
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
