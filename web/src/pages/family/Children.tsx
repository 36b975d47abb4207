/** The parent's home: each child with their school, grade and sections, and links to their grades and attendance. */
import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { StudentCard } from '../../components/StudentCard';

export function Children() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['my-children'],
    queryFn: () => unwrap(api.GET('/api/v1/directory/my-children')),
  });
  return (
    <Page title={t('parent.myChildren')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data?.children.length === 0 ? <Text>{t('parent.noChildren')}</Text> : null}
      <Stack gap="xl">
        {query.data?.children.map((child) => (
          <Stack key={child.studentUsi} gap="xs">
            <StudentCard student={child} />
            <Group gap="lg">
              <Anchor component={Link} to={`/students/${child.studentUsi}/grades`}>
                {t('k12grades.gradesOf', { name: child.firstName })}
              </Anchor>
              <Anchor component={Link} to={`/students/${child.studentUsi}/attendance`}>
                {t('k12att.attendanceOf', { name: child.firstName })}
              </Anchor>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Page>
  );
}
