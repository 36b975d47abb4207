/** The student's home: their classes. */
import { Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { SectionCards } from '../../components/SectionCards';

export function Classes() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['my-classes'], queryFn: () => unwrap(api.GET('/api/v1/directory/my-classes')) });
  return (
    <Page title={t('student.myClasses')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data?.sections.length === 0 ? <Text>{t('student.noClasses')}</Text> : null}
      {query.data ? <SectionCards sections={query.data.sections} link={false} /> : null}
    </Page>
  );
}
