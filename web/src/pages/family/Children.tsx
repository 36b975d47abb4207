/** The parent's home: each child with their school, grade and sections. */
import { Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
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
          <StudentCard key={child.studentUsi} student={child} />
        ))}
      </Stack>
    </Page>
  );
}
