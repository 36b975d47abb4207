/**
 * A month-by-month absence trend as a small line (an SVG polyline, 0–100 %), described in words for
 * screen readers; no chart library, so nothing in it takes the keyboard focus.
 */
export function TrendLine({ values, label }: { values: number[]; label: string }) {
  const width = 120;
  const height = 32;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - 2 - (Math.min(100, Math.max(0, v)) / 100) * (height - 4);
  const points = values.map((v, i) => `${values.length > 1 ? i * step : width / 2},${y(v)}`).join(' ');
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <title>{label}</title>
      <line x1={0} x2={width} y1={height - 2} y2={height - 2} stroke="var(--mantine-color-gray-4)" />
      <polyline points={points} fill="none" stroke="var(--mantine-color-red-7)" strokeWidth={2} />
      {values.map((v, i) => (
        <circle
          key={i}
          cx={values.length > 1 ? i * step : width / 2}
          cy={y(v)}
          r={2.5}
          fill="var(--mantine-color-red-7)"
        />
      ))}
    </svg>
  );
}
