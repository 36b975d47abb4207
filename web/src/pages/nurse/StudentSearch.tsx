/** A student picked by name or id as one types: the directory search, confined by the server to the caller's reach. */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';

export function StudentSearch(props: {
  label: string;
  value: number | undefined;
  onChange(studentUsi: number | undefined, name: string | undefined): void;
  onBlur?(): void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const found = useQuery({
    queryKey: ['search', q],
    queryFn: () => unwrap(api.GET('/api/v1/directory/search', { params: { query: { q } } })),
    enabled: q.length >= 2,
    placeholderData: (previous) => previous,
  });
  const data = (found.data?.students ?? []).map((s) => ({
    value: String(s.studentUsi),
    label: `${s.name} (${s.studentUniqueId})`,
  }));
  return (
    <Select
      label={props.label}
      placeholder={t('audit.studentPlaceholder')}
      searchable
      clearable
      searchValue={text}
      onSearchChange={setText}
      data={data}
      filter={({ options }) => options}
      value={props.value === undefined ? null : String(props.value)}
      nothingFoundMessage={q.length >= 2 && found.isFetched ? t('common.none') : undefined}
      onChange={(picked, option) => props.onChange(picked ? Number(picked) : undefined, option?.label)}
      onBlur={props.onBlur}
      error={props.error}
    />
  );
}
