/** The school switcher of a person who works in several schools: all of them, or one (by name). */
import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/client';
import { useSchool } from './school';

interface Organization {
  educationOrganizationId: number;
  nameOfInstitution: string;
}

export function SchoolSwitcher({ schools }: { schools: readonly number[] }) {
  const { t } = useTranslation();
  const { schoolId, setSchoolId } = useSchool();
  // Schools are reference data every role reads: their names, whatever school is picked.
  const ids = [...schools].sort().join(',');
  const url = `/api/v1/edfi/educationorganization?limit=100&educationOrganizationId[in]=${ids}`;
  const names = useQuery({
    queryKey: ['school-names', url],
    queryFn: () => getJson<{ data: Organization[] }>(url),
    staleTime: 300_000,
  });
  const nameOf = new Map((names.data?.data ?? []).map((o) => [o.educationOrganizationId, o.nameOfInstitution]));
  // A school left from an earlier choice that is not this person's counts as "all" (the server ignores it too).
  const current = schoolId !== null && schools.includes(schoolId) ? String(schoolId) : '';
  return (
    <NativeSelect
      size="xs"
      aria-label={t('shell.school')}
      value={current}
      data={[
        { value: '', label: t('shell.allSchools') },
        ...schools.map((s) => ({ value: String(s), label: nameOf.get(s) ?? String(s) })),
      ]}
      onChange={(e) => setSchoolId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      maw={220}
    />
  );
}
