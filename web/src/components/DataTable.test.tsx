/**
 * The table: only the rows in view are in the DOM (virtualised), a header click asks the server for
 * another order (manual sorting), and the pager moves between server pages.
 */
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { describe, expect, it, vi } from 'vitest';
import { DataTable } from './DataTable';

interface Row {
  id: number;
  name: string;
}
const columns: ColumnDef<Row, unknown>[] = [
  { id: 'name', header: 'Name', accessorFn: (r) => r.name, cell: ({ row }) => row.original.name },
];
const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `Student ${i}` }));

describe('DataTable', () => {
  it('renders only the visible slice of 2,000 rows', () => {
    // happy-dom lays nothing out: the scroller reports the size a browser would.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    render(
      <MantineProvider>
        <DataTable data={rows} columns={columns} label="Roster" height={400} rowHeight={40} />
      </MantineProvider>,
    );
    expect(screen.getByText('Student 0')).toBeTruthy();
    const rendered = screen.getAllByText(/^Student \d+$/).length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    expect(screen.queryByText('Student 1999')).toBeNull();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('asks for another order on a header click and pages on the server', () => {
    const onSortingChange = vi.fn();
    const onChange = vi.fn();
    const sorting: SortingState = [{ id: 'name', desc: false }];
    render(
      <MantineProvider>
        <DataTable
          data={rows.slice(0, 50)}
          columns={columns}
          label="People"
          sorting={sorting}
          onSortingChange={onSortingChange}
          page={{ index: 0, count: 3, total: 120, onChange }}
        />
      </MantineProvider>,
    );
    expect(screen.getByRole('columnheader').getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(onSortingChange).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(onChange).toHaveBeenCalledWith(1);
  });
});
