import { existsSync, readFileSync } from 'node:fs';

/** Resident memory of another process can be read here (Linux /proc). */
export const canReadProcessMemory = existsSync('/proc/self/status');

export interface ProcessMemory {
  /** Resident set size now, in bytes. */
  rss: number;
  /** The kernel's high-water mark of the resident set since the process started (VmHWM), in bytes. */
  peakRss: number;
}

export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: readKilobytes(status, 'VmRSS') * 1024, peakRss: readKilobytes(status, 'VmHWM') * 1024 };
}

function readKilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`No ${field} in /proc status`);
  return Number(match[1]);
}

/**
 * Samples a process's resident memory at an interval, keeping the largest value seen: the
 * kernel's own high-water mark (VmHWM) covers the process's whole life, startup included,
 * while this covers only the stretch being measured.
 */
export class RssSampler {
  private largest = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 50,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.largest;
  }

  private sample(): void {
    try {
      this.largest = Math.max(this.largest, readProcessMemory(this.pid).rss);
    } catch {
      // The process ended between two samples.
    }
  }
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}
