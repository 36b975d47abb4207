/** CSV text for COPY baselines. */
export function toCsv(rows: (string | number | boolean | null)[][]): string {
  const cell = (v: string | number | boolean | null) =>
    v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
