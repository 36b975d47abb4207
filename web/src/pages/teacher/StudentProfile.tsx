/** A student's profile as the viewer may see it: school, grade, sections; a link to their attendance. */
import { Anchor, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { StudentCard } from '../../components/StudentCard';

export function StudentProfile({ studentUsi }: { studentUsi: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['student', studentUsi],
    queryFn: () => unwrap(api.GET('/api/v1/directory/students/{studentUsi}', { params: { path: { studentUsi } } })),
  });
  return (
    <Page title={query.data ? `${query.data.firstName} ${query.data.lastSurname}` : t('student.profile')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data ? <StudentCard student={query.data} /> : null}
      {query.data ? (
        <Anchor component={Link} to={`/students/${studentUsi}/attendance`}>
          {t('k12att.attendanceOf', { name: query.data.firstName })}
        </Anchor>
      ) : null}
    </Page>
  );
}

export function StudentProfilePage() {
  const { studentUsi } = useParams({ strict: false }) as { studentUsi: string };
  return <StudentProfile studentUsi={Number(studentUsi)} />;
}
