/**
 * The gateway building blocks against published examples: the PIX BR Code CRC and fields, boleto
 * check digits (FEBRABAN examples), the Luhn check, and webhook signatures.
 */
import { describe, expect, it } from 'vitest';
import { barcodeFromLine, boletoFromBarcode, dueFactor, makeBoleto, mod10, mod11 } from './boleto.js';
import { luhnValid, TEST_CARDS } from './card.js';
import { crc16, parsePixPayload, pixPayload, pixQrDataUrl } from './pix.js';
import { signPayload, TOLERANCE_SECONDS, verifySignature } from './signature.js';
import { simulatorEvent, simulatorGateway } from './simulator.js';

describe('PIX BR Code', () => {
  it('computes CRC16-CCITT-FALSE (check value and the Banco Central example)', () => {
    expect(crc16('123456789')).toBe('29B1');
    const bcbExample =
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR' +
      '5913Fulano de Tal6008BRASILIA62070503***6304';
    expect(crc16(bcbExample)).toBe('1D3D');
    expect(parsePixPayload(`${bcbExample}1D3D`).crcValid).toBe(true);
  });

  it('builds a dynamic payload whose fields parse back and whose CRC verifies', async () => {
    const payload = pixPayload({
      key: 'financeiro@horizonte.example.com.br',
      amountCents: 45_000,
      merchantName: 'Escola de Idiomas Horizonte Ltda',
      merchantCity: 'São Paulo',
      txid: 'CHG01JABCDEF',
    });
    const parsed = parsePixPayload(payload);
    expect(parsed.crcValid).toBe(true);
    expect(parsed.fields).toMatchObject({
      '00': '01',
      '01': '12',
      '52': '8299',
      '53': '986',
      '54': '450.00',
      '58': 'BR',
      '59': 'Escola de Idiomas Horizon',
      '60': 'Sao Paulo',
    });
    expect(parsed.merchantAccount).toEqual({ '00': 'br.gov.bcb.pix', '01': 'financeiro@horizonte.example.com.br' });
    expect(parsed.additionalData).toEqual({ '05': 'CHG01JABCDEF' });
    expect(pixPayload({ key: 'k', amountCents: 1, merchantName: 'A', merchantCity: 'B', txid: 'T' })).toContain(
      '54040.01',
    );
    const tampered = payload.replace('450.00', '999.00');
    expect(parsePixPayload(tampered).crcValid).toBe(false);
    expect(await pixQrDataUrl(payload)).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses a txid that is not 1–25 letters and digits and an amount ≤ 0', () => {
    const base = { key: 'k', merchantName: 'A', merchantCity: 'B' };
    expect(() => pixPayload({ ...base, amountCents: 100, txid: 'has-dash' })).toThrow(/txid/);
    expect(() => pixPayload({ ...base, amountCents: 100, txid: 'X'.repeat(26) })).toThrow(/txid/);
    expect(() => pixPayload({ ...base, amountCents: 0, txid: 'T' })).toThrow(/amount/);
  });
});

describe('boleto', () => {
  it('reads published lines into their barcodes (all four check digits verified)', () => {
    // BoletoPhp's Bradesco example (due 2016-06-16, R$ 289,90) and a Banco do Brasil line.
    expect(barcodeFromLine('23791.10006 60000.000079 89010.200304 4 68270000028990')).toBe(
      '23794682700000289901100060000000078901020030',
    );
    expect(boletoFromBarcode('23794682700000289901100060000000078901020030').formattedLine).toBe(
      '23791.10006 60000.000079 89010.200304 4 68270000028990',
    );
    expect(barcodeFromLine('00190500954014481606906809350314337370000000100')).toBe(
      '00193373700000001000500940144816060680935031',
    );
    expect(dueFactor('2016-06-16')).toBe(6827);
  });

  it('refuses a line with a wrong field or general check digit', () => {
    expect(() => barcodeFromLine('23791.10007 60000.000079 89010.200304 4 68270000028990')).toThrow(/field 1/);
    expect(() => barcodeFromLine('23791.10006 60000.000078 89010.200304 4 68270000028990')).toThrow(/field 2/);
    expect(() => barcodeFromLine('23791.10006 60000.000079 89010.200305 4 68270000028990')).toThrow(/field 3/);
    expect(() => barcodeFromLine('23791.10006 60000.000079 89010.200304 5 68270000028990')).toThrow(/general/);
    expect(() => barcodeFromLine('1234')).toThrow(/47 digits/);
  });

  it('makes boletos whose line and barcode agree, with the 2025 due-factor restart', () => {
    expect(dueFactor('2025-02-21')).toBe(9999);
    expect(dueFactor('2025-02-22')).toBe(1000);
    const b = makeBoleto({ bank: '999', dueDate: '2026-03-10', amountCents: 45_000, freeField: '1'.repeat(25) });
    expect(b.line).toHaveLength(47);
    expect(b.barcode).toHaveLength(44);
    expect(barcodeFromLine(b.line)).toBe(b.barcode);
    expect(b.barcode.slice(9, 19)).toBe('0000045000');
    expect(b.barcode.slice(5, 9)).toBe(String(dueFactor('2026-03-10')));
    expect(mod11(b.barcode.slice(0, 4) + b.barcode.slice(5))).toBe(Number(b.barcode[4]));
    expect(mod10('0019050095')).toBe(9);
  });
});

describe('cards', () => {
  it('checks Luhn for the documented test cards', () => {
    for (const number of Object.values(TEST_CARDS)) expect(luhnValid(number)).toBe(true);
    expect(luhnValid('4111 1111 1111 1112')).toBe(false);
    expect(luhnValid('12')).toBe(false);
  });

  it('authorises approved cards and declines the decline test cards', async () => {
    const gateway = simulatorGateway();
    const request = {
      chargeId: 'c1',
      amountCents: 100,
      dueDate: '2026-03-10',
      description: 'x',
      payerName: 'y',
      merchant: { name: 'm', city: 'c', pixKey: 'k' },
    };
    expect(await gateway.authorizeCard(request, { number: TEST_CARDS.approvedVisa })).toMatchObject({
      approved: true,
      last4: '1111',
      brand: 'visa',
    });
    expect(await gateway.authorizeCard(request, { number: TEST_CARDS.declined })).toEqual({
      approved: false,
      reason: 'card_declined',
    });
    expect(await gateway.authorizeCard(request, { number: '4111111111111112' })).toEqual({
      approved: false,
      reason: 'invalid_number',
    });
  });
});

describe('webhook signatures', () => {
  const at = new Date('2026-03-01T12:00:00Z');
  it('accepts the signed body, refuses a changed body, another secret, or a stale timestamp', () => {
    const body = '{"id":"evt_1"}';
    const header = signPayload('s3cret', body, at);
    expect(verifySignature('s3cret', body, header, at)).toBeNull();
    expect(verifySignature('s3cret', `${body} `, header, at)).toBe('mismatch');
    expect(verifySignature('other', body, header, at)).toBe('mismatch');
    expect(verifySignature('s3cret', body, undefined, at)).toBe('missing');
    expect(verifySignature('s3cret', body, 't=abc,v1=00', at)).toBe('malformed');
    const edge = new Date(at.getTime() + TOLERANCE_SECONDS * 1000);
    expect(verifySignature('s3cret', body, header, edge)).toBeNull();
    expect(verifySignature('s3cret', body, header, new Date(edge.getTime() + 1000))).toBe('expired');
  });

  it('the simulator parses only verified events', () => {
    const gateway = simulatorGateway();
    const { body, signature } = simulatorEvent(
      { id: 'evt_9', type: 'charge.paid', chargeExternalId: 'X1', amountCents: 500 },
      at,
    );
    expect(gateway.parseWebhook(body, signature, at)).toMatchObject({ id: 'evt_9', amountCents: 500 });
    expect(() => gateway.parseWebhook(body.replace('500', '50000'), signature, at)).toThrow(/mismatch/);
  });
});
