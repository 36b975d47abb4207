/**
 * The NF-e access key (chave de acesso, Manual de Orientação do Contribuinte): 44 digits —
 * cUF (2) · AAMM of issue (4) · issuer CNPJ (14) · model (2, 55 = NF-e) · série (3) · nNF (9) ·
 * tpEmis (1) · cNF (8, random code) · cDV (1): the modulo-11 check digit over the first 43 digits,
 * weights 2…9 from the right; a remainder of 0 or 1 gives 0.
 */

/** IBGE codes of the Brazilian states (cUF). */
export const UF_CODES = [
  11, 12, 13, 14, 15, 16, 17, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 35, 41, 42, 43, 50, 51, 52, 53,
] as const;

export interface NfeKeyParts {
  cUF: number;
  /** Year and month of issue. */
  issuedOn: string;
  cnpj: string;
  model?: 55 | 65;
  series: number;
  number: number;
  /** 1 = normal issue; 2–9 contingency modes. */
  emissionType?: number;
  /** 8-digit numeric code chosen by the issuer. */
  numericCode: number;
}

/** The modulo-11 check digit of the first 43 digits. */
export function nfeCheckDigit(first43: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = first43.length - 1; i >= 0; i--) {
    sum += Number(first43[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** The CNPJ's own check digits (mod 11, weights 2…9 from the right). */
export function isValidCnpj(cnpj: string): boolean {
  if (!/^\d{14}$/.test(cnpj) || /^(\d)\1{13}$/.test(cnpj)) return false;
  const digit = (base: string) => {
    let sum = 0;
    let weight = 2;
    for (let i = base.length - 1; i >= 0; i--) {
      sum += Number(base[i]) * weight;
      weight = weight === 9 ? 2 : weight + 1;
    }
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const d1 = digit(cnpj.slice(0, 12));
  const d2 = digit(cnpj.slice(0, 12) + d1);
  return cnpj.endsWith(`${d1}${d2}`);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Builds the 44-digit key; throws RangeError naming the part out of range. */
export function buildNfeKey(p: NfeKeyParts): string {
  if (!(UF_CODES as readonly number[]).includes(p.cUF)) throw new RangeError('cUF: not an IBGE state code');
  const m = /^(\d{4})-(\d{2})/.exec(p.issuedOn);
  if (!m) throw new RangeError('issuedOn: must be YYYY-MM-DD');
  const cnpj = p.cnpj.replace(/\D/g, '');
  if (!isValidCnpj(cnpj)) throw new RangeError('cnpj: not a valid CNPJ');
  const emission = p.emissionType ?? 1;
  if (!Number.isInteger(p.series) || p.series < 0 || p.series > 999) throw new RangeError('series: 0–999');
  if (!Number.isInteger(p.number) || p.number < 1 || p.number > 999_999_999)
    throw new RangeError('number: 1–999999999');
  if (!Number.isInteger(emission) || emission < 1 || emission > 9) throw new RangeError('emissionType: 1–9');
  if (!Number.isInteger(p.numericCode) || p.numericCode < 0 || p.numericCode > 99_999_999)
    throw new RangeError('numericCode: 8 digits');
  const first43 =
    pad(p.cUF, 2) +
    m[1]!.slice(2) +
    m[2]! +
    cnpj +
    pad(p.model ?? 55, 2) +
    pad(p.series, 3) +
    pad(p.number, 9) +
    String(emission) +
    pad(p.numericCode, 8);
  return first43 + String(nfeCheckDigit(first43));
}

/** Why a key is invalid (undefined = valid): length, state, month, CNPJ, model, check digit. */
export function nfeKeyProblem(key: string): string | undefined {
  if (!/^\d{44}$/.test(key)) return 'must be 44 digits';
  if (!(UF_CODES as readonly number[]).includes(Number(key.slice(0, 2)))) return 'cUF is not an IBGE state code';
  const month = Number(key.slice(4, 6));
  if (month < 1 || month > 12) return 'AAMM has no valid month';
  if (!isValidCnpj(key.slice(6, 20))) return 'the issuer CNPJ is not valid';
  if (!['55', '65'].includes(key.slice(20, 22))) return 'model must be 55 (NF-e) or 65 (NFC-e)';
  if (nfeCheckDigit(key.slice(0, 43)) !== Number(key[43])) return 'the check digit does not match';
  return undefined;
}

export const isValidNfeKey = (key: string) => nfeKeyProblem(key) === undefined;
