/**
 * A retention report as tables, for the dry run (what would go) and for a run (what went): per policy
 * the table, category, disposal, cutoff, rows removed or anonymised (or due), rows a legal hold kept and
 * a sample of keys or the policy's error; then the audit-log partitions and what happens to them.
 */
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RetentionReport } from '../../../../src/domains/compliance/schemas';
import { formatDate, formatNumber } from '../../lib/format';

export function RetentionReportTables({
  report,
  label,
  rowsLabel,
  testPrefix,
}: {
  report: RetentionReport;
  label: string;
  /** The rows column: "Would remove" (dry run) or "Removed or anonymised" (run). */
  rowsLabel: string;
  testPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('compliance.table')}</Table.Th>
            <Table.Th>{t('compliance.category')}</Table.Th>
            <Table.Th>{t('compliance.disposal')}</Table.Th>
            <Table.Th>{t('compliance.cutoff')}</Table.Th>
            <Table.Th ta="right">{rowsLabel}</Table.Th>
            <Table.Th ta="right">{t('compliance.keptByHold')}</Table.Th>
            <Table.Th>{t('compliance.sample')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.policies.map((p) => (
            <Table.Tr key={p.policyId} data-testid={`${testPrefix}-${p.tableName}`} data-category={p.dataCategory}>
              <Table.Td>{p.tableName}</Table.Td>
              <Table.Td>{p.dataCategory}</Table.Td>
              <Table.Td>{t(`compliance.disposal_${p.disposalMethod}`, { defaultValue: p.disposalMethod })}</Table.Td>
              <Table.Td>{p.cutoff ? formatDate(p.cutoff) : '—'}</Table.Td>
              <Table.Td ta="right" data-testid={report.dryRun ? 'would-remove' : 'removed'}>
                {formatNumber(p.rows)}
              </Table.Td>
              <Table.Td ta="right" data-testid="kept-by-hold">
                {formatNumber(p.held)}
              </Table.Td>
              <Table.Td>
                {p.error ? (
                  <Text c="red.8" size="sm">
                    {t('compliance.error')}: {p.error}
                  </Text>
                ) : (
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {p.sample.slice(0, 3).join(', ')}
                    {p.sample.length > 3 ? ', …' : ''}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {report.auditPartitions.length > 0 ? (
        <Table aria-label={`${label}: ${t('compliance.partitions')}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('compliance.partitions')}</Table.Th>
              <Table.Th ta="right">{t('compliance.rows')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.auditPartitions.map((p) => (
              <Table.Tr key={p.partition}>
                <Table.Td>{p.partition}</Table.Td>
                <Table.Td ta="right">{formatNumber(p.rows)}</Table.Td>
                <Table.Td>{p.droppable ? t('compliance.droppable') : `${t('compliance.kept')}: ${p.reason}`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </>
  );
}
