/** An amount typed in reais ("150", "150,50", "1.234,56" or "150.50") as integer cents; null when not one. */
export function reaisToCents(input: string): number | null {
  let s = input.trim().replace(/^R\$\s*/, '');
  if (!/^\d{1,3}([.,\s]?\d{3})*([.,]\d{1,2})?$|^\d+([.,]\d{1,2})?$/.test(s)) return null;
  const decimal = /[.,]\d{1,2}$/.exec(s);
  let fraction = '00';
  if (decimal) {
    fraction = decimal[0].slice(1).padEnd(2, '0');
    s = s.slice(0, decimal.index);
  }
  const whole = s.replace(/[.,\s]/g, '');
  const cents = Number(whole) * 100 + Number(fraction);
  return Number.isSafeInteger(cents) && cents > 0 ? cents : null;
}
