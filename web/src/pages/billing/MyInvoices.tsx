/** A family's invoices (a parent's children's): each open one can be paid by PIX (QR and copy-and-paste code). */
import { Button, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatMoney } from '../../lib/format';
import { PixCharge, type PixChargeData } from './PixCharge';
import { InvoiceStatus } from './StatusBadge';

export function MyInvoices() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['billing-my-invoices'],
    queryFn: () => unwrap(api.GET('/api/v1/billing/my-invoices')),
  });
  const [pix, setPix] = useState<Record<string, PixChargeData>>({});
  const charge = useMutation({
    mutationFn: (invoiceId: string) =>
      unwrap(api.POST('/api/v1/billing/invoices/{invoiceId}/pix', { params: { path: { invoiceId } } })),
    onSuccess: (c) => setPix((all) => ({ ...all, [c.invoiceId]: c })),
  });
  return (
    <Page title={t('billing.myInvoicesTitle')}>
      <ErrorAlert error={query.error ?? charge.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {query.data && query.data.invoices.length === 0 ? <Text>{t('billing.noInvoices')}</Text> : null}
      {query.data?.invoices.map((inv) => (
        <Card withBorder key={inv.id}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>
                {inv.studentName ?? '—'} · {inv.description ?? ''}
              </Text>
              <InvoiceStatus status={inv.status} />
            </Group>
            <Text>
              {t('billing.dueDate')}: {inv.dueDate ? formatDate(inv.dueDate) : '—'} · {t('billing.total')}:{' '}
              {formatMoney(inv.netCents, 'BRL')} · {t('billing.balance')}: {formatMoney(inv.balanceCents, 'BRL')}
            </Text>
            {inv.balanceCents > 0 && inv.status !== 'cancelled' && !pix[inv.id] ? (
              <Group>
                <Button onClick={() => charge.mutate(inv.id)} loading={charge.isPending && charge.variables === inv.id}>
                  {t('billing.payByPix')}
                </Button>
              </Group>
            ) : null}
            {pix[inv.id] ? <PixCharge charge={pix[inv.id]!} /> : null}
          </Stack>
        </Card>
      ))}
    </Page>
  );
}
