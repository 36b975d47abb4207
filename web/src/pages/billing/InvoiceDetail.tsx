/** One invoice for the secretary: its lines, balance and payments; record a payment or create a PIX charge. */
import {
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { reaisToCents } from './money';
import { PixCharge, type PixChargeData } from './PixCharge';
import { InvoiceStatus } from './StatusBadge';

const money = (cents: number) => formatMoney(cents, 'BRL');

export function InvoiceDetailPage() {
  const { t } = useTranslation();
  const { invoiceId } = useParams({ strict: false }) as { invoiceId: string };
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['billing-invoice', invoiceId],
    queryFn: () => unwrap(api.GET('/api/v1/billing/invoices/{invoiceId}', { params: { path: { invoiceId } } })),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['billing-invoice', invoiceId] });
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [pix, setPix] = useState<PixChargeData | null>(null);
  const pay = useMutation({
    mutationFn: (amountCents: number) =>
      unwrap(
        api.POST('/api/v1/billing/invoices/{invoiceId}/payments', {
          params: { path: { invoiceId } },
          // A bank transfer needs its reference (the server refuses one without, naming the field).
          body: { amountCents, method, ...(method === 'transfer' ? { reference: reference.trim() } : {}) },
        }),
      ),
    onSuccess: () => {
      setAmount('');
      setReference('');
      return refresh();
    },
  });
  const charge = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/billing/invoices/{invoiceId}/pix', { params: { path: { invoiceId } } })),
    onSuccess: (c) => {
      setPix(c);
      return refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = reaisToCents(amount);
    setAmountError(cents === null ? t('billing.amountInvalid') : null);
    if (cents !== null) pay.mutate(cents);
  };
  const inv = query.data;
  const open = inv && inv.balanceCents > 0 && inv.status !== 'cancelled';
  return (
    <Page title={t('billing.invoiceTitle')}>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      {inv ? (
        <>
          <Group>
            <InvoiceStatus status={inv.status} />
            <Text>{inv.description}</Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Card withBorder>
              <Stack gap={4}>
                <Text>
                  {t('billing.student')}: {inv.studentName ?? '—'}
                </Text>
                <Text>
                  {t('billing.payer')}: {inv.payerName ?? '—'}
                </Text>
                <Text>
                  {t('billing.dueDate')}: {inv.dueDate ? formatDate(inv.dueDate) : '—'}
                </Text>
                <Text>
                  {t('billing.gross')}: {money(inv.grossCents)} · {t('billing.discount')}: {money(inv.discountCents)}
                  {' · '}
                  {t('billing.fees')}: {money(inv.feeCents)}
                </Text>
                <Text>
                  {t('billing.total')}: {money(inv.netCents)} · {t('billing.paid')}: {money(inv.paidCents)}
                </Text>
                <Text fw={700} size="lg" data-testid="balance">
                  {t('billing.balance')}: {money(inv.balanceCents)}
                </Text>
              </Stack>
            </Card>
            {open ? (
              <Card withBorder>
                <form onSubmit={submit} aria-label={t('billing.recordPayment')}>
                  <Stack gap="sm">
                    <Text fw={600}>{t('billing.recordPayment')}</Text>
                    <SegmentedControl
                      value={method}
                      onChange={(v) => setMethod(v as 'cash' | 'transfer')}
                      data={[
                        { value: 'cash', label: t('billing.method.cash') },
                        { value: 'transfer', label: t('billing.method.transfer') },
                      ]}
                    />
                    {method === 'transfer' ? (
                      <TextInput
                        label={t('billing.transferReference')}
                        placeholder={t('billing.transferReferenceHint')}
                        value={reference}
                        onChange={(e) => setReference(e.currentTarget.value)}
                        required
                      />
                    ) : null}
                    <TextInput
                      label={t('billing.amountBrl')}
                      placeholder="150,00"
                      inputMode="decimal"
                      value={amount}
                      onChange={(e) => setAmount(e.currentTarget.value)}
                      error={amountError}
                      required
                    />
                    <ErrorAlert error={pay.error} />
                    {pay.isSuccess ? <Text role="status">{t('billing.paymentRecorded')}</Text> : null}
                    <Button type="submit" loading={pay.isPending}>
                      {t('billing.recordPayment')}
                    </Button>
                  </Stack>
                </form>
              </Card>
            ) : null}
          </SimpleGrid>
          {open ? (
            <Card withBorder>
              <Stack gap="sm">
                <Group>
                  <Button onClick={() => charge.mutate()} loading={charge.isPending}>
                    {t('billing.createPix')}
                  </Button>
                </Group>
                <ErrorAlert error={charge.error} />
                {pix ? <PixCharge charge={pix} /> : null}
              </Stack>
            </Card>
          ) : null}
          <Table striped aria-label={t('billing.payments')}>
            <Table.Caption>{t('billing.payments')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('billing.when')}</Table.Th>
                <Table.Th>{t('billing.methodLabel')}</Table.Th>
                <Table.Th>{t('billing.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inv.transactions.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{x.processedAt ? formatDateTime(x.processedAt) : '—'}</Table.Td>
                  <Table.Td>{x.method ? t(`billing.method.${x.method}`, { defaultValue: x.method }) : '—'}</Table.Td>
                  <Table.Td>{money(x.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Page>
  );
}
