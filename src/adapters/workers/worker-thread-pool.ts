import { Worker } from 'node:worker_threads';

export interface WorkerThreadPoolOptions {
  /** The worker's module: it answers each `{ id, request }` message with `{ id, result }` or `{ id, error }`. */
  workerUrl: URL;
  /** What the work is, for error messages: "HEIC decoder", "barcode scanner". */
  name: string;
  /** Jobs running at once, each in its own thread. Default 1. */
  size?: number;
  /**
   * A worker idle this long is stopped. WebAssembly memory never shrinks, so a worker that
   * handled a 12 MP photo keeps a few hundred MB until it ends. Default 10 s.
   */
  idleTimeoutMs?: number;
}

interface Job<Request, Result> {
  id: number;
  request: Request;
  transfer: ArrayBuffer[];
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface Slot<Request, Result> {
  worker: Worker;
  job: Job<Request, Result> | null;
  idleTimer: NodeJS.Timeout | null;
}

/** How a worker reports a failed job: the message, and the error code and retry verdict when it knows them. */
export interface WorkerFailure {
  message: string;
  code?: string;
  retryable?: boolean;
}

type WorkerReply<Result> = { id: number; result: Result } | { id: number; error: string | WorkerFailure };

/** A job the worker answered with a failure. */
export class WorkerJobError extends Error {
  readonly code: string | null;
  readonly retryable: boolean | null;

  constructor(failure: WorkerFailure) {
    super(failure.message);
    this.name = 'WorkerJobError';
    this.code = failure.code ?? null;
    this.retryable = failure.retryable ?? null;
  }
}

/**
 * Runs CPU-heavy work (WebAssembly decoders) in worker threads started on demand, so it never
 * blocks the event loop that serves uploads, progress and every other photo. Jobs queue when
 * every worker is busy; a crashed worker fails its job only, and the next job gets a fresh one.
 */
export class WorkerThreadPool<Request, Result> {
  readonly #options: Required<WorkerThreadPoolOptions>;
  readonly #slots: Array<Slot<Request, Result>> = [];
  readonly #waiting: Array<Job<Request, Result>> = [];
  #nextId = 1;

  constructor(options: WorkerThreadPoolOptions) {
    this.#options = { size: 1, idleTimeoutMs: 10_000, ...options };
    this.#options.size = Math.max(1, this.#options.size);
  }

  /** Runs one job; `transfer` lists buffers moved to the worker rather than copied. */
  run(request: Request, transfer: ArrayBuffer[] = []): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiting.push({ id: this.#nextId++, request, transfer, resolve, reject });
      this.#dispatch();
    });
  }

  /** Running workers, for tests and diagnostics. */
  get workerCount(): number {
    return this.#slots.length;
  }

  /** Stops every worker; jobs still running or waiting fail. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    const closed = (): Error => new Error(`The ${this.#options.name} was closed`);
    for (const job of this.#waiting.splice(0)) job.reject(closed());
    await Promise.all(
      slots.map(async (slot) => {
        if (slot.idleTimer) clearTimeout(slot.idleTimer);
        slot.job?.reject(closed());
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      const slot = this.#slots.find((candidate) => candidate.job === null) ?? this.#startWorker();
      if (!slot) return;
      const job = this.#waiting.shift();
      if (!job) return;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.job = job;
      // Only a busy worker keeps the process alive: an idle one must not hold up exit.
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, request: job.request }, job.transfer);
    }
  }

  #startWorker(): Slot<Request, Result> | null {
    if (this.#slots.length >= this.#options.size) return null;
    const slot: Slot<Request, Result> = { worker: new Worker(this.#options.workerUrl), job: null, idleTimer: null };
    slot.worker.on('message', (reply: WorkerReply<Result>) => this.#settle(slot, reply));
    slot.worker.on('error', (error) => this.#retire(slot, error));
    slot.worker.on('exit', (code) => this.#retire(slot, new Error(`The ${this.#options.name} stopped (exit code ${code})`)));
    this.#slots.push(slot);
    return slot;
  }

  #settle(slot: Slot<Request, Result>, reply: WorkerReply<Result>): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    slot.job = null;
    if ('error' in reply) job.reject(new WorkerJobError(typeof reply.error === 'string' ? { message: reply.error } : reply.error));
    else job.resolve(reply.result);
    this.#dispatch();
    if (slot.job === null) this.#rest(slot);
  }

  #rest(slot: Slot<Request, Result>): void {
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      this.#removeSlot(slot);
      void slot.worker.terminate();
    }, this.#options.idleTimeoutMs);
    slot.idleTimer.unref();
  }

  /** A worker that crashed or ended: its job fails, the next job gets a fresh worker. */
  #retire(slot: Slot<Request, Result>, error: Error): void {
    if (!this.#removeSlot(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job?.reject(error);
    slot.job = null;
    this.#dispatch();
  }

  #removeSlot(slot: Slot<Request, Result>): boolean {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return false;
    this.#slots.splice(index, 1);
    return true;
  }
}
