/**
 * Sortable columns need an accessor (`accessorFn`): the server sorts, the accessor only marks them.
 *
 * A large list as a table: TanStack Table for columns and sorting, the server for paging and sorting
 * (`manualPagination`/`manualSorting`: the page asks the API for one page in the chosen order), and
 * TanStack Virtual so only the visible rows are in the DOM (a 2,000-row roster scrolls smoothly).
 */
import { Button, Group, Table, Text, UnstyledButton } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  /** Accessible name of the table. */
  label: string;
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** Server paging: the current page (0-based), the page count and the change. */
  page?: { index: number; count: number; total?: number; onChange: (index: number) => void };
  /** Height of the scrolling body; rows beyond it are virtual. */
  height?: number;
  rowHeight?: number;
}

export function DataTable<T>({
  data,
  columns,
  label,
  sorting,
  onSortingChange,
  page,
  height = 560,
  rowHeight = 44,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const table = useReactTable({
    data,
    columns,
    state: sorting ? { sorting } : {},
    onSortingChange,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  });
  const scroller = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // The first paint (before the scroller is measured) already shows a screenful of rows.
    initialRect: { width: 1024, height },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const span = columns.length;

  return (
    <div>
      <div ref={scroller} style={{ maxHeight: height, overflow: 'auto' }} tabIndex={0} role="region" aria-label={label}>
        <Table striped highlightOnHover stickyHeader aria-label={label} aria-rowcount={rows.length + 1}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const content = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <Table.Th
                      key={header.id}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() && onSortingChange ? (
                        <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={600} fz="sm">
                          {content} {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </UnstyledButton>
                      ) : (
                        content
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={span} style={{ height: padTop, padding: 0 }} />
              </tr>
            ) : null}
            {items.map((item) => (
              <BodyRow
                key={rows[item.index]!.id}
                row={rows[item.index]!}
                index={item.index}
                height={rowHeight}
                columns={columns}
              />
            ))}
            {padBottom > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={span} style={{ height: padBottom, padding: 0 }} />
              </tr>
            ) : null}
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={span}>
                  <Text c="dimmed">{t('common.none')}</Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </div>
      {page ? (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {page.total !== undefined ? t('common.rows', { count: page.total }) : ''}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              disabled={page.index <= 0}
              onClick={() => page.onChange(page.index - 1)}
            >
              {t('common.previous')}
            </Button>
            <Text size="sm">{t('common.pageOf', { page: page.index + 1, pages: Math.max(1, page.count) })}</Text>
            <Button
              variant="default"
              size="xs"
              disabled={page.index + 1 >= page.count}
              onClick={() => page.onChange(page.index + 1)}
            >
              {t('common.next')}
            </Button>
          </Group>
        </Group>
      ) : null}
    </div>
  );
}

/**
 * One body row, memoised: a scroll re-renders the table, but a row already on screen keeps its props
 * (TanStack's row objects are stable while the data is), so only the rows scrolled in are rendered.
 * `columns` is a prop only so that new column definitions (cells over new state) render every row again.
 */
interface BodyRowProps<T> {
  row: Row<T>;
  index: number;
  height: number;
  columns: ColumnDef<T, unknown>[];
}

const BodyRow = memo(function BodyRow<T>({ row, index, height }: BodyRowProps<T>) {
  return (
    <Table.Tr style={{ height }} aria-rowindex={index + 2}>
      {row.getVisibleCells().map((cell) => (
        <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
      ))}
    </Table.Tr>
  );
}) as <T>(props: BodyRowProps<T>) => ReactElement;
