/** A PIX charge: its QR image and the copy-and-paste code (copia e cola), with its amount and expiry. */
import { Code, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../../lib/format';

export interface PixChargeData {
  amountCents: number;
  expiresAt: string | null;
  details: Record<string, unknown>;
}

export function PixCharge({ charge }: { charge: PixChargeData }) {
  const { t } = useTranslation();
  const qr = typeof charge.details.qrDataUrl === 'string' ? charge.details.qrDataUrl : null;
  const code = typeof charge.details.copyPaste === 'string' ? charge.details.copyPaste : '';
  return (
    <Stack gap="xs" role="region" aria-label={t('billing.pixTitle')}>
      <Text fw={600}>
        {t('billing.pixTitle')} — {formatMoney(charge.amountCents, 'BRL')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('billing.pixAmountNote')}
      </Text>
      {qr ? <Image src={qr} alt={t('billing.pixQrAlt')} w={220} h={220} data-testid="pix-qr" /> : null}
      <Text size="sm">{t('billing.pixCopyPaste')}</Text>
      <Code block data-testid="pix-code" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {code}
      </Code>
      {charge.expiresAt ? (
        <Text size="sm" c="dimmed">
          {t('billing.pixExpires', { at: formatDateTime(charge.expiresAt) })}
        </Text>
      ) : null}
    </Stack>
  );
}
