/**
 * Brazilian payroll withholding for CLT employees (school_employee contracts), as data per year so a
 * new year is a new table, not new code. Pure, integer cents, explicit rounding (half away from zero,
 * on whole cents):
 * - INSS (employee share): progressive — each band's slice of the gross at its rate, each slice
 *   rounded to the cent; nothing above the last ceiling.
 * - IRRF (monthly): base = gross − max(INSS + dependants × deduction per dependant, simplified
 *   discount) — the legal deductions or the simplified monthly discount, whichever is better for the
 *   employee; tax = base × rate − the bracket's deduction (the "parcela a deduzir"), never below 0.
 */

export interface InssBand {
  /** The band's ceiling in cents (inclusive). */
  upToCents: number;
  /** The band's rate in basis points (750 = 7.5 %). */
  basisPoints: number;
}

export interface IrrfBracket {
  /** The bracket's ceiling in cents (inclusive); null for the last one. */
  upToCents: number | null;
  basisPoints: number;
  /** Parcela a deduzir, in cents. */
  deductionCents: number;
}

export interface PayrollTaxTable {
  inss: readonly InssBand[];
  irrf: readonly IrrfBracket[];
  dependantDeductionCents: number;
  /** Desconto simplificado mensal. */
  simplifiedDiscountCents: number;
}

/** Tables by calendar year of the payroll period. */
export const PAYROLL_TAX_TABLES: Readonly<Record<number, PayrollTaxTable>> = {
  // INSS: Portaria Interministerial MPS/MF nº 6/2025; IRRF: Lei nº 15.191/2025 monthly table (from May 2025).
  2025: {
    inss: [
      { upToCents: 151_800, basisPoints: 750 },
      { upToCents: 279_388, basisPoints: 900 },
      { upToCents: 419_083, basisPoints: 1200 },
      { upToCents: 815_741, basisPoints: 1400 },
    ],
    irrf: [
      { upToCents: 242_880, basisPoints: 0, deductionCents: 0 },
      { upToCents: 282_665, basisPoints: 750, deductionCents: 18_216 },
      { upToCents: 375_105, basisPoints: 1500, deductionCents: 39_416 },
      { upToCents: 466_468, basisPoints: 2250, deductionCents: 67_549 },
      { upToCents: null, basisPoints: 2750, deductionCents: 90_873 },
    ],
    dependantDeductionCents: 18_959,
    simplifiedDiscountCents: 60_720,
  },
};

/** The table in force for `year`: that year's, or the latest earlier one (a year not yet published). */
export function taxTableFor(year: number, tables = PAYROLL_TAX_TABLES): PayrollTaxTable {
  return tables[tableYearFor(year, tables)]!;
}

/** The year of the table in force for `year` (what the payroll detail names). */
export function tableYearFor(year: number, tables = PAYROLL_TAX_TABLES): number {
  const years = Object.keys(tables)
    .map(Number)
    .sort((a, b) => a - b);
  const chosen = years.filter((y) => y <= year).pop() ?? years[0];
  if (chosen === undefined) throw new RangeError('no payroll tax table');
  return chosen;
}

/** cents × basis points / 10 000, rounded half away from zero (non-negative integers only). */
export function applyRate(cents: number, basisPoints: number): number {
  return Math.floor((cents * basisPoints + 5_000) / 10_000);
}

/** Employee INSS on a monthly gross. */
export function inssCents(grossCents: number, table: PayrollTaxTable = taxTableFor(2025)): number {
  let total = 0;
  let floor = 0;
  for (const band of table.inss) {
    if (grossCents <= floor) break;
    total += applyRate(Math.min(grossCents, band.upToCents) - floor, band.basisPoints);
    floor = band.upToCents;
  }
  return total;
}

/** IRRF withheld on a monthly gross, after INSS and dependants (or the simplified discount). */
export function irrfCents(
  grossCents: number,
  options: { inssCents: number; dependants?: number },
  table: PayrollTaxTable = taxTableFor(2025),
): number {
  const legal = options.inssCents + (options.dependants ?? 0) * table.dependantDeductionCents;
  const base = Math.max(0, grossCents - Math.max(legal, table.simplifiedDiscountCents));
  const bracket = table.irrf.find((b) => b.upToCents === null || base <= b.upToCents) ?? table.irrf.at(-1)!;
  return Math.max(0, applyRate(base, bracket.basisPoints) - bracket.deductionCents);
}

/** Both withholdings of a CLT month. */
export function withholdings(
  grossCents: number,
  options: { year: number; dependants?: number },
): { inss: number; irrf: number } {
  const table = taxTableFor(options.year);
  const inss = inssCents(grossCents, table);
  return { inss, irrf: irrfCents(grossCents, { inssCents: inss, dependants: options.dependants ?? 0 }, table) };
}

/** One INSS band's slice of the gross: what the payroll detail shows line by line. */
export interface InssSlice {
  fromCents: number;
  upToCents: number;
  basisPoints: number;
  baseCents: number;
  cents: number;
}

/**
 * The calculation behind `withholdings`, step by step (the same arithmetic, not a second copy of it): the
 * INSS slices, the IRRF deduction taken (legal or simplified), the base and the bracket with its rate
 * and parcela a deduzir. `withholdings` and this agree by construction (taxes.test.ts checks it).
 */
export function withholdingDetail(grossCents: number, options: { year: number; dependants?: number }) {
  const table = taxTableFor(options.year);
  const slices: InssSlice[] = [];
  let floor = 0;
  for (const band of table.inss) {
    if (grossCents <= floor) break;
    const baseCents = Math.min(grossCents, band.upToCents) - floor;
    slices.push({
      fromCents: floor,
      upToCents: band.upToCents,
      basisPoints: band.basisPoints,
      baseCents,
      cents: applyRate(baseCents, band.basisPoints),
    });
    floor = band.upToCents;
  }
  const inss = slices.reduce((s, x) => s + x.cents, 0);
  const dependants = options.dependants ?? 0;
  const legalCents = inss + dependants * table.dependantDeductionCents;
  const simplified = table.simplifiedDiscountCents > legalCents;
  const baseCents = Math.max(0, grossCents - Math.max(legalCents, table.simplifiedDiscountCents));
  const index = table.irrf.findIndex((b) => b.upToCents === null || baseCents <= b.upToCents);
  const bracket = table.irrf[index < 0 ? table.irrf.length - 1 : index]!;
  const irrf = Math.max(0, applyRate(baseCents, bracket.basisPoints) - bracket.deductionCents);
  return {
    grossCents,
    inss: { cents: inss, ceilingCents: table.inss.at(-1)!.upToCents, slices },
    irrf: {
      cents: irrf,
      dependants,
      dependantDeductionCents: table.dependantDeductionCents,
      deduction: simplified ? ('simplified' as const) : ('legal' as const),
      deductionCents: Math.max(legalCents, table.simplifiedDiscountCents),
      baseCents,
      bracket: { number: (index < 0 ? table.irrf.length - 1 : index) + 1, ...bracket },
    },
  };
}
export type WithholdingDetail = ReturnType<typeof withholdingDetail>;
