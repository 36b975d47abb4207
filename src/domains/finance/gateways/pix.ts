/**
 * PIX "copia e cola": the BR Code payload (EMV® QR Code Merchant-Presented Mode as profiled by the
 * Banco Central do Brasil, Manual de Padrões para Iniciação do Pix). Each field is ID (2 digits),
 * length (2 digits) and value:
 *   00 payload format indicator "01" · 01 point of initiation "12" (single use) · 26 merchant account
 *   (00 GUI "br.gov.bcb.pix", 01 PIX key) · 52 merchant category code · 53 currency "986" (BRL) ·
 *   54 amount ("450.00") · 58 country "BR" · 59 merchant name (≤ 25) · 60 merchant city (≤ 15) ·
 *   62 additional data (05 txid, ≤ 25 letters and digits) · 63 CRC16-CCITT-FALSE of everything before
 *   it, "6304" included (4 upper-case hex digits).
 */
import QRCode from 'qrcode';

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const field = (id: string, value: string) => {
  if (value.length > 99) throw new RangeError(`PIX field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
};

/** Upper-case ASCII letters, digits and spaces (the BR Code's merchant name and city). */
const ascii = (text: string, max: number) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 .-]/g, '')
    .trim()
    .slice(0, max);

export interface PixPayloadInput {
  /** The receiver's PIX key (e-mail, phone, CPF/CNPJ or random key). */
  key: string;
  amountCents: number;
  merchantName: string;
  merchantCity: string;
  /** Letters and digits, up to 25; the charge's reference. */
  txid: string;
  /** Merchant category code (8299: schools and educational services). */
  mcc?: string;
}

export function pixPayload(input: PixPayloadInput): string {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw new RangeError('PIX amount must be > 0');
  if (!/^[A-Za-z0-9]{1,25}$/.test(input.txid)) throw new RangeError('PIX txid: 1 to 25 letters and digits');
  const amount = `${Math.floor(input.amountCents / 100)}.${String(input.amountCents % 100).padStart(2, '0')}`;
  const body =
    field('00', '01') +
    field('01', '12') +
    field('26', field('00', 'br.gov.bcb.pix') + field('01', input.key)) +
    field('52', input.mcc ?? '8299') +
    field('53', '986') +
    field('54', amount) +
    field('58', 'BR') +
    field('59', ascii(input.merchantName, 25) || 'ESCOLA') +
    field('60', ascii(input.merchantCity, 15) || 'SAO PAULO') +
    field('62', field('05', input.txid)) +
    '6304';
  return body + crc16(body);
}

export interface ParsedPix {
  fields: Record<string, string>;
  merchantAccount: Record<string, string>;
  additionalData: Record<string, string>;
  crcValid: boolean;
}

function parseFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const length = Number(text.slice(i + 2, i + 4));
    if (!/^\d\d$/.test(id) || !Number.isInteger(length) || i + 4 + length > text.length) {
      throw new RangeError(`malformed BR Code at position ${i}`);
    }
    out[id] = text.slice(i + 4, i + 4 + length);
    i += 4 + length;
  }
  return out;
}

/** Reads a BR Code back into its fields and checks its CRC. */
export function parsePixPayload(payload: string): ParsedPix {
  const fields = parseFields(payload);
  const crc = fields['63'];
  const crcValid = crc !== undefined && payload.endsWith(crc) && crc16(payload.slice(0, -4)) === crc;
  return {
    fields,
    merchantAccount: fields['26'] ? parseFields(fields['26']) : {},
    additionalData: fields['62'] ? parseFields(fields['62']) : {},
    crcValid,
  };
}

/** The QR code of a payload as a PNG data URL (what a banking app scans). */
export function pixQrDataUrl(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 280 });
}
