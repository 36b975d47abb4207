/** The teacher's home: their sections this year, each opening its roster. */
import { Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { SectionCards } from '../../components/SectionCards';

export function MySections() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['my-sections'],
    queryFn: () => unwrap(api.GET('/api/v1/directory/my-sections')),
  });
  return (
    <Page title={t('teacher.mySections')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && query.data.sections.length === 0 ? <Text>{t('teacher.noSections')}</Text> : null}
      {query.data ? <SectionCards sections={query.data.sections} /> : null}
    </Page>
  );
}
