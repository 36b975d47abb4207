/**
 * The search in the header: students, staff and sections within the caller's reach, answered as one
 * types (debounced, at least two characters); choosing one opens it.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const result = useQuery({
    queryKey: ['search', q],
    queryFn: () => unwrap(api.GET('/api/v1/directory/search', { params: { query: { q } } })),
    enabled: q.length >= 2,
    placeholderData: (previous) => previous,
  });
  const data = result.data
    ? [
        {
          group: t('shell.students'),
          items: result.data.students.map((s) => ({
            value: `student:${s.studentUsi}`,
            label: `${s.name} (${s.studentUniqueId})`,
          })),
        },
        {
          group: t('shell.sections'),
          items: result.data.sections.map((s) => ({ value: `section:${s.id}`, label: `${s.name} — ${s.schoolName}` })),
        },
        {
          group: t('shell.staff'),
          items: result.data.staff.map((s) => ({
            value: `staff:${s.staffUsi}`,
            label: `${s.name} (${s.staffUniqueId})`,
            disabled: true,
          })),
        },
      ].filter((g) => g.items.length > 0)
    : [];
  return (
    <Select
      aria-label={t('shell.searchLabel')}
      placeholder={t('shell.searchPlaceholder')}
      searchable
      searchValue={text}
      onSearchChange={setText}
      data={q.length >= 2 ? data : []}
      filter={({ options }) => options}
      value={null}
      nothingFoundMessage={q.length >= 2 && result.isFetched ? t('common.none') : undefined}
      onChange={(value) => {
        if (!value) return;
        const [kind, id] = value.split(':') as [string, string];
        setText('');
        if (kind === 'student') void navigate({ to: '/students/$studentUsi', params: { studentUsi: id } });
        if (kind === 'section') void navigate({ to: '/sections/$sectionId', params: { sectionId: id } });
      }}
      w={{ base: '100%', sm: 360 }}
      comboboxProps={{ width: 420, position: 'bottom-start' }}
    />
  );
}
