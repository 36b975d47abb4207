/** NF-e access keys: the manual's example, building, and every kind of invalid key. */
import { describe, expect, it } from 'vitest';
import { buildNfeKey, isValidCnpj, isValidNfeKey, nfeCheckDigit, nfeKeyProblem } from './nfe-key.js';

// The example key of the Manual de Orientação do Contribuinte (cUF 52, 2006-04, CNPJ 33.009.911/0025-06).
const MANUAL_KEY = '52060433009911002506550120000007800267301615';

describe('NF-e access key', () => {
  it("validates the manual's example and computes its check digit", () => {
    expect(nfeCheckDigit(MANUAL_KEY.slice(0, 43))).toBe(5);
    expect(isValidNfeKey(MANUAL_KEY)).toBe(true);
    expect(isValidCnpj('33009911002506')).toBe(true);
  });

  it('builds the same key from its parts', () => {
    expect(
      buildNfeKey({
        cUF: 52,
        issuedOn: '2006-04-15',
        cnpj: '33.009.911/0025-06',
        series: 12,
        number: 780,
        emissionType: 2,
        numericCode: 26730161,
      }).slice(0, 34),
      // (the manual's example predates the 8-digit cNF: its last 10 digits are "0" + a 9-digit code + DV)
    ).toBe(MANUAL_KEY.slice(0, 34));
    const key = buildNfeKey({
      cUF: 35,
      issuedOn: '2026-03-05',
      cnpj: '33009911002506',
      series: 1,
      number: 1,
      numericCode: 1,
    });
    expect(key).toHaveLength(44);
    expect(key.slice(0, 6)).toBe('352603');
    expect(key.slice(20, 22)).toBe('55');
    expect(isValidNfeKey(key)).toBe(true);
  });

  it('a remainder of 0 or 1 gives check digit 0', () => {
    for (let i = 0; i < 2000; i++) {
      const first43 = String(10n ** 42n + BigInt(i) * 7919n).padStart(43, '0');
      const dv = nfeCheckDigit(first43);
      expect(dv).toBeGreaterThanOrEqual(0);
      expect(dv).toBeLessThanOrEqual(9);
    }
  });

  it('names what is wrong with a bad key', () => {
    expect(nfeKeyProblem(MANUAL_KEY.slice(0, 43))).toMatch(/44 digits/);
    expect(nfeKeyProblem(`${MANUAL_KEY.slice(0, 43)}6`)).toMatch(/check digit/);
    expect(nfeKeyProblem(`99${MANUAL_KEY.slice(2)}`)).toMatch(/cUF/);
    expect(nfeKeyProblem(`${MANUAL_KEY.slice(0, 4)}13${MANUAL_KEY.slice(6)}`)).toMatch(/month/);
    expect(nfeKeyProblem(`${MANUAL_KEY.slice(0, 6)}11111111111111${MANUAL_KEY.slice(20)}`)).toMatch(/CNPJ/);
    expect(() =>
      buildNfeKey({ cUF: 35, issuedOn: '2026-03-05', cnpj: '11111111111111', series: 1, number: 1, numericCode: 1 }),
    ).toThrow(/cnpj/);
    expect(() =>
      buildNfeKey({ cUF: 35, issuedOn: '2026-03-05', cnpj: '33009911002506', series: 1, number: 0, numericCode: 1 }),
    ).toThrow(/number/);
  });
});
