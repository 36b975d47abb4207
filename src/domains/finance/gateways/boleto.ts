/**
 * Boleto bancário (FEBRABAN layout for bank collection): the 44-digit barcode and the 47-digit
 * "linha digitável" people type.
 *
 * Barcode (44): bank (3) · currency 9 (1) · general check digit (1) · due-date factor (4) · amount in
 * cents (10) · free field (25, the bank's). The general check digit is mod 11 over the other 43 digits
 * (weights 2…9 from the right; 11 − remainder, and 0, 10 or 11 become 1).
 * Line (47): field 1 = bank, currency, free[0..5) + mod-10 DV; field 2 = free[5..15) + DV; field 3 =
 * free[15..25) + DV; field 4 = the general DV; field 5 = factor and amount. Mod 10: weights 2, 1, 2, 1…
 * from the right, the digits of each product summed; DV = (10 − sum mod 10) mod 10.
 * Due-date factor: days since 1997-10-07, restarting at 1000 on 2025-02-22 (after 9999).
 */

export function mod10(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    const product = Number(digits[i]) * weight;
    sum += product > 9 ? Math.floor(product / 10) + (product % 10) : product;
    weight = weight === 2 ? 1 : 2;
  }
  return (10 - (sum % 10)) % 10;
}

export function mod11(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 0 || dv === 10 || dv === 11 ? 1 : dv;
}

const DAY_MS = 86_400_000;
/** The due-date factor of an ISO date (the 2025 restart included). */
export function dueFactor(isoDay: string): number {
  const days = Math.round((Date.parse(`${isoDay}T00:00:00Z`) - Date.UTC(1997, 9, 7)) / DAY_MS);
  if (days < 1000) throw new RangeError('boleto due dates start on 2000-07-03');
  return days <= 9999 ? days : ((days - 10_000) % 9000) + 1000;
}

export interface Boleto {
  barcode: string;
  line: string;
  /** The line grouped as printed: AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE */
  formattedLine: string;
}

export function boletoFromBarcode(barcode: string): Boleto {
  if (!/^\d{44}$/.test(barcode)) throw new RangeError('a boleto barcode has 44 digits');
  const free = barcode.slice(19);
  const f1 = barcode.slice(0, 4) + free.slice(0, 5);
  const f2 = free.slice(5, 15);
  const f3 = free.slice(15, 25);
  const line =
    f1 + mod10(f1) + f2 + mod10(f2) + f3 + mod10(f3) + barcode[4] + barcode.slice(5, 9) + barcode.slice(9, 19);
  const formattedLine =
    `${line.slice(0, 5)}.${line.slice(5, 10)} ${line.slice(10, 15)}.${line.slice(15, 21)} ` +
    `${line.slice(21, 26)}.${line.slice(26, 32)} ${line[32]} ${line.slice(33)}`;
  return { barcode, line, formattedLine };
}

/** The barcode a 47-digit line stands for (its check digits verified; a wrong one is refused). */
export function barcodeFromLine(typed: string): string {
  const line = typed.replace(/\D/g, '');
  if (line.length !== 47) throw new RangeError('a boleto line has 47 digits');
  const fields: [string, number][] = [
    [line.slice(0, 9), Number(line[9])],
    [line.slice(10, 20), Number(line[20])],
    [line.slice(21, 31), Number(line[31])],
  ];
  fields.forEach(([digits, dv], i) => {
    if (mod10(digits) !== dv) throw new RangeError(`field ${i + 1} check digit is wrong`);
  });
  const barcode =
    line.slice(0, 4) + line[32] + line.slice(33, 47) + line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31);
  if (mod11(barcode.slice(0, 4) + barcode.slice(5)) !== Number(barcode[4])) {
    throw new RangeError('general check digit is wrong');
  }
  return barcode;
}

export interface BoletoInput {
  bank: string;
  dueDate: string;
  amountCents: number;
  /** The bank's 25-digit free field (agency, account, our number…). */
  freeField: string;
}

export function makeBoleto(input: BoletoInput): Boleto {
  if (!/^\d{3}$/.test(input.bank)) throw new RangeError('bank: 3 digits');
  if (!/^\d{25}$/.test(input.freeField)) throw new RangeError('free field: 25 digits');
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > 99_999_999_99) {
    throw new RangeError('boleto amount out of range');
  }
  const rest = String(dueFactor(input.dueDate)).padStart(4, '0') + String(input.amountCents).padStart(10, '0');
  const withoutDv = `${input.bank}9${rest}${input.freeField}`;
  const dv = mod11(withoutDv);
  return boletoFromBarcode(`${input.bank}9${dv}${rest}${input.freeField}`);
}
