/**
 * What the nurse's lists share: a search box's text (debounced), the page of a server-paged list and the
 * student column.
 */
import { useDebouncedValue } from '@mantine/hooks';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useState } from 'react';

export const PAGE_SIZE = 25;

export function useSearchPage() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [pageIndex, setPageIndex] = useState(0);
  return {
    text,
    setText: (value: string) => {
      setText(value);
      setPageIndex(0);
    },
    pageIndex,
    setPageIndex,
    query: { ...(q ? { q } : {}), limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE },
    pageCount: (total: number | undefined) =>
      total === undefined ? pageIndex + 1 : Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** The student of a row, by name and school id (two students may share a name). */
export function studentColumn<Row extends { studentName: string; studentUniqueId: string }>(
  t: TFunction,
): ColumnDef<Row, unknown> {
  return {
    id: 'student',
    header: () => t('health.student'),
    cell: ({ row }) => `${row.original.studentName} (${row.original.studentUniqueId})`,
  };
}
