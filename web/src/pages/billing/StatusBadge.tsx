/** An invoice's status as a badge (paid, pending, overdue, cancelled). */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { paid: '#256b33', pending: 'blue.9', overdue: 'red.9', cancelled: 'gray.8' };

export function InvoiceStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status] ?? 'dark'} variant="filled">
      {t(`billing.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
