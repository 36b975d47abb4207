/** The district's schools with their students and sections. */
import { Loader, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatNumber } from '../../lib/format';
import { overviewQuery } from './Overview';

export function Schools() {
  const { t } = useTranslation();
  const query = useQuery(overviewQuery);
  return (
    <Page title={t('menu.schools')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data ? (
        <Table striped aria-label={t('menu.schools')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.school')}</Table.Th>
              <Table.Th>Id</Table.Th>
              <Table.Th>{t('overview.students')}</Table.Th>
              <Table.Th>{t('overview.sections')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.schools.map((s) => (
              <Table.Tr key={s.schoolId}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.schoolId}</Table.Td>
                <Table.Td>{formatNumber(s.students)}</Table.Td>
                <Table.Td>{formatNumber(s.sections)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Page>
  );
}
