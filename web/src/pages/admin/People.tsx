/**
 * Students and staff in server-paged, server-sorted tables over the generated API (50 a page,
 * filtered by last name), confined by the server to the viewer's reach.
 */
import { Anchor, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client';
import type { components } from '../../api/schema';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';

type Student = components['schemas']['edfi_student'];
type Staff = components['schemas']['edfi_staff'];
type Person = {
  usi: number;
  uniqueId: string;
  first: string;
  last: string;
  birthDate?: string | null;
  kind: 'student' | 'staff';
};
const PAGE_SIZE = 50;

export function People() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'student' | 'staff'>('student');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'last', desc: false }]);
  const [pageIndex, setPageIndex] = useState(0);
  const [filter, setFilter] = useState('');
  const [name] = useDebouncedValue(filter.trim(), 250);

  const sortField = { last: 'lastSurname', uniqueId: kind === 'student' ? 'studentUniqueId' : 'staffUniqueId' }[
    sorting[0]?.id ?? 'last'
  ];
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(pageIndex * PAGE_SIZE) });
  if (sortField) params.set('sort', `${sorting[0]?.desc ? '-' : ''}${sortField}`);
  if (name && kind === 'student') params.set('lastSurname[contains]', name);
  const url = `/api/v1/edfi/${kind}?${params}`;
  const query = useQuery({
    queryKey: ['people', url],
    queryFn: () => getJson<{ data: (Student | Staff)[]; page: { total?: number } }>(url),
    placeholderData: keepPreviousData,
  });
  const rows: Person[] = (query.data?.data ?? []).map((p) => {
    const student = 'studentUSI' in p ? (p as Student) : undefined;
    const staff = p as Staff;
    return {
      usi: Number(student ? student.studentUSI : staff.staffUSI),
      uniqueId: String(student ? student.studentUniqueId : staff.staffUniqueId),
      first: String(p.firstName ?? ''),
      last: String(p.lastSurname ?? ''),
      birthDate: student?.birthDate ?? null,
      kind: student ? 'student' : 'staff',
    };
  });
  const total = query.data?.page.total;
  const columns = useMemo<ColumnDef<Person, unknown>[]>(
    () => [
      {
        id: 'last',
        header: () => t('common.name'),
        accessorFn: (p) => p.last,
        cell: ({ row }) =>
          row.original.kind === 'student' ? (
            <Anchor component={Link} to={`/students/${row.original.usi}`}>
              {row.original.last}, {row.original.first}
            </Anchor>
          ) : (
            `${row.original.last}, ${row.original.first}`
          ),
      },
      {
        id: 'uniqueId',
        header: () => t('people.uniqueId'),
        enableSorting: true,
        cell: ({ row }) => row.original.uniqueId,
      },
      {
        id: 'birthDate',
        header: () => t('people.birthDate'),
        enableSorting: false,
        cell: ({ row }) => (row.original.birthDate ? formatDate(row.original.birthDate) : '—'),
      },
    ],
    [t],
  );
  return (
    <Page title={t('people.title')}>
      <Stack>
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as 'student' | 'staff');
            setPageIndex(0);
          }}
          data={[
            { value: 'student', label: t('people.students') },
            { value: 'staff', label: t('people.staff') },
          ]}
          w="fit-content"
        />
        {kind === 'student' ? (
          <TextInput
            label={t('people.filter')}
            value={filter}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              setPageIndex(0);
            }}
            maw={320}
          />
        ) : null}
        <ErrorAlert error={query.error} />
        <DataTable
          data={rows}
          columns={columns}
          label={kind === 'student' ? t('people.students') : t('people.staff')}
          sorting={sorting}
          onSortingChange={(updater) => {
            setSorting(updater);
            setPageIndex(0);
          }}
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
