/**
 * How long a 429 (or 503) asks us to wait, in milliseconds: `retry-after-ms` when the server sends it,
 * else `Retry-After` as seconds or as an HTTP date. Null when neither says.
 */
export function readRetryAfterMs(header: (name: string) => string | null | undefined, now: number = Date.now()): number | null {
  const milliseconds = Number.parseFloat(header('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.ceil(milliseconds);
  const value = header('retry-after')?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number.parseFloat(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
