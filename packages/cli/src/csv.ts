/** One CSV field per RFC 4180: quoted when it holds a comma, quote, or line break. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? formatNumber(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with a header line; numbers keep full precision. */
export function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Shortest text that reads back to the same float64 (String() is round-trip exact in JS). */
export function formatNumber(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}
