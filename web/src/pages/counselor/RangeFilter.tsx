/** A date range kept in the page's URL (`?from=…&to=…`), so a filtered list can be shared and reloaded. */
import { Group, TextInput } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { rangeOf } from '../attendance/dates';

export function useUrlRange(): { from: string; to: string } {
  return rangeOf(useSearch({ strict: false }) as { from?: unknown; to?: unknown });
}

export function RangeFilter({ path }: { path: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const range = useUrlRange();
  const set = (change: Partial<typeof range>) => {
    const next = { ...range, ...change };
    if (next.from && next.to) void navigate({ to: path, search: next as never });
  };
  return (
    <Group gap="md" align="end" role="group" aria-label={t('k12att.period')}>
      <TextInput
        type="date"
        label={t('k12att.from')}
        value={range.from}
        max={range.to}
        onChange={(e) => set({ from: e.currentTarget.value })}
        w={180}
      />
      <TextInput
        type="date"
        label={t('k12att.to')}
        value={range.to}
        min={range.from}
        onChange={(e) => set({ to: e.currentTarget.value })}
        w={180}
      />
    </Group>
  );
}
