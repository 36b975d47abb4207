/** A section's roster: photo placeholder, name, grade; a name opens the student's profile. */
import { Anchor, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { PersonAvatar } from '../../components/Avatar';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { SectionTabs } from './SectionTabs';

interface RosterRow {
  studentUsi: number;
  studentUniqueId: string;
  firstName: string;
  lastSurname: string;
  gradeLevel: string | null;
}

export function SectionRoster({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['roster', sectionId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/directory/sections/{sectionId}/roster', { params: { path: { sectionId } } })),
  });
  const columns = useMemo<ColumnDef<RosterRow, unknown>[]>(
    () => [
      {
        id: 'photo',
        header: () => <span>{t('teacher.photo')}</span>,
        cell: ({ row }) => <PersonAvatar first={row.original.firstName} last={row.original.lastSurname} size="sm" />,
      },
      {
        id: 'name',
        header: () => t('common.name'),
        cell: ({ row }) => (
          <Anchor component={Link} to={`/students/${row.original.studentUsi}`}>
            {row.original.lastSurname}, {row.original.firstName}
          </Anchor>
        ),
      },
      { id: 'grade', header: () => t('teacher.grade'), cell: ({ row }) => row.original.gradeLevel ?? '—' },
      { id: 'id', header: () => t('student.uniqueId'), cell: ({ row }) => row.original.studentUniqueId },
    ],
    [t],
  );
  const section = query.data?.section;
  return (
    <Page title={section ? `${section.name} · ${t('teacher.roster')}` : t('teacher.roster')}>
      <SectionTabs sectionId={sectionId} />
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {section ? (
        <Group gap="lg">
          <Text>{section.schoolName}</Text>
          <Text c="dimmed">{section.teachers.join(', ')}</Text>
          <Text c="dimmed">{t('teacher.students', { count: query.data!.students.length })}</Text>
        </Group>
      ) : null}
      {query.data ? <DataTable data={query.data.students} columns={columns} label={t('teacher.roster')} /> : null}
    </Page>
  );
}

export function SectionRosterPage() {
  const { sectionId } = useParams({ strict: false }) as { sectionId: string };
  return <SectionRoster sectionId={sectionId} />;
}
