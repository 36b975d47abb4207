/** A nurse's list: the API's error in words, the search box, and the server-paged table it drives. */
import { TextInput } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { useSearchPage } from './search';

export function SearchedList<T>(props: {
  label: string;
  search: ReturnType<typeof useSearchPage>;
  error: unknown;
  rows: T[] | undefined;
  total: number | undefined;
  columns: ColumnDef<T, unknown>[];
}) {
  const { t } = useTranslation();
  const { search, total } = props;
  return (
    <>
      <ErrorAlert error={props.error} />
      <TextInput
        label={t('health.search')}
        value={search.text}
        onChange={(e) => search.setText(e.currentTarget.value)}
        w={320}
      />
      <DataTable
        data={props.rows ?? []}
        columns={props.columns}
        label={props.label}
        page={{ index: search.pageIndex, count: search.pageCount(total), total, onChange: search.setPageIndex }}
      />
    </>
  );
}
