export interface Timing {
  /** Elapsed time, ms. */
  wallMs: number;
  /** CPU time of the whole process (every thread), ms: one core's worth of work. */
  cpuMs: number;
}

export async function timeTask<T>(task: () => Promise<T>): Promise<{ result: T; timing: Timing }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await task();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}
