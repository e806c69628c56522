import { Worker } from 'node:worker_threads';
import type { RawImage } from '../../ports/image-processor.ts';

export interface HeicWorkerPoolOptions {
  /** Decodes running at once, each in its own thread. Default 1. */
  size?: number;
  /**
   * A worker idle this long is stopped. WebAssembly memory never shrinks, so a worker that
   * decoded a 12 MP photo keeps a few hundred MB until it ends. Default 10 s.
   */
  idleTimeoutMs?: number;
}

interface Job {
  id: number;
  content: Uint8Array;
  resolve(image: RawImage): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idleTimer: NodeJS.Timeout | null;
}

type WorkerReply = { id: number; width: number; height: number; data: Uint8Array } | { id: number; error: string };

const WORKER_URL = new URL('./heic-decode.worker.js', import.meta.url);

/**
 * Decodes HEVC HEIC/HEIF files in worker threads, so the second or more that libheif needs for
 * a 12 MP photo never blocks the event loop (uploads, progress, other photos). The result is
 * RGBA, upright: libheif applies the file's rotation and mirroring (irot/imir).
 */
export class HeicWorkerPool {
  private readonly size: number;
  private readonly idleTimeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;

  constructor(options: HeicWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 1);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
  }

  decode(content: Uint8Array): Promise<RawImage> {
    return new Promise<RawImage>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, content, resolve, reject });
      this.dispatch();
    });
  }

  /** Running workers, for tests and diagnostics. */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Stops every worker; decodes still running fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const job of this.waiting.splice(0)) job.reject(new Error('The HEIC decoder was closed'));
    await Promise.all(
      slots.map(async (slot) => {
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        slot.job?.reject(new Error('The HEIC decoder was closed'));
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.slots.find((candidate) => candidate.job === null) ?? this.startWorker();
      if (!slot) return;
      const job = this.waiting.shift()!;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.job = job;
      // Only a busy worker keeps the process alive: an idle one must not hold up exit.
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, content: job.content });
    }
  }

  private startWorker(): Slot | null {
    if (this.slots.length >= this.size) return null;
    const slot: Slot = { worker: new Worker(WORKER_URL), job: null, idleTimer: null };
    slot.worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    slot.worker.on('error', (error) => this.retire(slot, error));
    slot.worker.on('exit', (code) => this.retire(slot, new Error(`The HEIC decoder stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    slot.job = null;
    if ('error' in reply) job.reject(new Error(reply.error));
    else job.resolve({ data: reply.data, width: reply.width, height: reply.height, channels: 4 });
    this.dispatch();
    if (slot.job === null) this.rest(slot);
  }

  private rest(slot: Slot): void {
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      this.removeSlot(slot);
      void slot.worker.terminate();
    }, this.idleTimeoutMs);
    slot.idleTimer.unref();
  }

  /** A worker that crashed or ended: its job fails, the next job gets a fresh worker. */
  private retire(slot: Slot, error: Error): void {
    if (!this.removeSlot(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job?.reject(error);
    slot.job = null;
    this.dispatch();
  }

  private removeSlot(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }
}
