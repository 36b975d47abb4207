/**
 * Students as compliance screens name them: a picker that finds a student by last name (the generic
 * Ed-Fi student list, confined by the server), and the names of the students a list mentions.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../../api/client';
import type { components } from '../../api/schema';

type Student = components['schemas']['edfi_student'];

export const studentName = (s: Pick<Student, 'firstName' | 'lastSurname' | 'studentUniqueId'>) =>
  `${s.lastSurname ?? ''}, ${s.firstName ?? ''} (${s.studentUniqueId ?? ''})`;

export function StudentPicker(props: {
  label: string;
  description?: string;
  value: string | null;
  onChange: (studentUsi: string | null) => void;
  error?: string;
  testId?: string;
}) {
  const [search, setSearch] = useState('');
  const [name] = useDebouncedValue(
    search
      .replace(/\s*\(.*$/, '')
      .split(',')[0]!
      .trim(),
    250,
  );
  const params = new URLSearchParams({ limit: '20', sort: 'lastSurname' });
  if (name) params.set('lastSurname[contains]', name);
  const url = `/api/v1/edfi/student?${params}`;
  const query = useQuery({
    queryKey: ['student-picker', url],
    queryFn: () => getJson<{ data: Student[] }>(url),
    placeholderData: keepPreviousData,
  });
  const data = (query.data?.data ?? []).map((s) => ({ value: String(s.studentUSI), label: studentName(s) }));
  return (
    <Select
      label={props.label}
      description={props.description}
      searchable
      clearable
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage="—"
      error={props.error}
      data-testid={props.testId}
      w={360}
    />
  );
}

/** The names of these students (by StudentUSI), for lists that only carry the number. */
export function useStudentNames(usis: readonly (number | string)[]): Map<string, string> {
  const unique = [...new Set(usis.map(String))].sort();
  const url = `/api/v1/edfi/student?limit=200&studentUSI[in]=${unique.join(',')}`;
  const query = useQuery({
    queryKey: ['student-names', url],
    queryFn: () => getJson<{ data: Student[] }>(url),
    enabled: unique.length > 0,
    staleTime: 60_000,
  });
  return new Map((query.data?.data ?? []).map((s) => [String(s.studentUSI), studentName(s)]));
}
