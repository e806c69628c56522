import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { PermanentError, TransientError } from '../../contracts/errors.ts';
import { outcomeOfError } from '../../observability/external-call-outcome.ts';
import type { ExternalCallMetrics } from '../../ports/external-call-metrics.ts';
import type { Logger } from '../../ports/logger.ts';
import type { RecognizedLine, RecognizedText, RecognizeOptions, TextRecognizer } from '../../ports/text-recognizer.ts';

export interface TesseractTextRecognizerOptions {
  /**
   * Workers at most, started as reads need them; each holds its own engine and model (some
   * 50-90 MB). Defaults to the core count.
   */
  workers?: number;
  /** A worker idle this long is stopped, and its WebAssembly memory with it. Default 30 s. */
  idleTimeoutMs?: number;
  /** Where worker-side failures are reported; they also reject the job that caused them. */
  logger?: Logger;
  /** Time and outcome of every read (service `tesseract`), waiting for a free worker included. */
  metrics?: ExternalCallMetrics;
}

const requireFromHere = createRequire(import.meta.url);

/**
 * The folder of the English LSTM model shipped by `@tesseract.js-data/eng`. The integer "best"
 * model is the one tesseract.js would otherwise download for LSTM-only recognition.
 */
export function locateEnglishTrainedData(): string {
  const packageJson = requireFromHere.resolve('@tesseract.js-data/eng/package.json');
  return path.join(path.dirname(packageJson), '4.0.0_best_int');
}

type Layout = NonNullable<RecognizeOptions['layout']>;

/**
 * Labels, tags and scale displays are scattered words in a photo, not a page of prose: a sparse
 * read. Close-ups are one block: a sparse read drops a lone character there, a block read keeps it.
 */
const pageSegmentation: Record<Layout, Tesseract.PSM> = {
  sparse: Tesseract.PSM.SPARSE_TEXT,
  block: Tesseract.PSM.SINGLE_BLOCK,
};

interface PooledWorker {
  engine: Tesseract.Worker;
  /** The page segmentation the engine is set to. */
  layout: Layout | null;
  busy: boolean;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * OCR with tesseract.js on a pool of worker threads, reading its model from node_modules only.
 * Workers start on demand and stop after a quiet spell; each switches its page segmentation to
 * what a read asks for (a parameter change, not a restart), so sparse and block reads share them.
 */
export class TesseractTextRecognizer implements TextRecognizer {
  private readonly maxWorkers: number;
  private readonly idleTimeoutMs: number;
  private readonly logger: Logger | undefined;
  private readonly metrics: ExternalCallMetrics | undefined;
  private readonly workers: PooledWorker[] = [];
  private starting = 0;
  private readonly waiting: Array<{ layout: Layout; resolve: (worker: PooledWorker) => void; reject: (error: Error) => void }> = [];
  /** Counts closes: an engine whose start began before the last close is not kept. */
  private generation = 0;

  constructor(options: TesseractTextRecognizerOptions = {}) {
    const requested = options.workers ?? availableParallelism();
    if (!Number.isInteger(requested) || requested < 1) {
      throw new RangeError(`workers must be a positive integer, got ${requested}`);
    }
    this.maxWorkers = requested;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.logger = options.logger;
    this.metrics = options.metrics;
  }

  /** Workers running now, for tests and diagnostics. */
  get workerCount(): number {
    return this.workers.length;
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<RecognizedText> {
    if (image.length === 0) {
      throw new PermanentError('EMPTY_FILE', 'The image to read text from is empty.');
    }
    const layout = options.layout ?? 'sparse';
    const operation = layout === 'block' ? 'recognize-block' : 'recognize';
    const startedAt = performance.now();
    const record = (outcome: Parameters<ExternalCallMetrics['recordCall']>[0]['outcome']): void =>
      this.metrics?.recordCall({ service: 'tesseract', operation, outcome, durationMs: performance.now() - startedAt });
    let worker: PooledWorker;
    try {
      worker = await this.acquire(layout);
    } catch (error) {
      record(outcomeOfError(error));
      throw error;
    }
    let page: Tesseract.Page;
    try {
      if (worker.layout !== layout) {
        await worker.engine.setParameters({ tessedit_pageseg_mode: pageSegmentation[layout] });
        worker.layout = layout;
      }
      // Photos are rarely square to the camera: let tesseract measure the skew and straighten first.
      // A close-up holds too few letters to measure a skew on; turning it on a guess spoils it.
      const result = await worker.engine.recognize(image, { rotateAuto: layout === 'sparse' }, { text: true, blocks: true });
      page = result.data;
      record('ok');
    } catch (error) {
      record(outcomeOfError(error));
      throw new PermanentError('CORRUPT_IMAGE', `Text could not be read from this image: ${describeError(error)}`, {
        cause: error,
      });
    } finally {
      this.release(worker);
    }
    return toRecognizedText(page);
  }

  /** Stops every worker and fails the reads waiting for one; a later read starts afresh. */
  async close(): Promise<void> {
    this.generation += 1;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The OCR engine was closed'));
    const workers = this.workers.splice(0);
    for (const worker of workers) if (worker.idleTimer) clearTimeout(worker.idleTimer);
    await Promise.all(workers.map((worker) => worker.engine.terminate()));
  }

  /** An idle worker (one already in the wanted layout first), a new one while below the limit, or the next one freed. */
  private async acquire(layout: Layout): Promise<PooledWorker> {
    const idle =
      this.workers.find((worker) => !worker.busy && worker.layout === layout) ?? this.workers.find((worker) => !worker.busy);
    if (idle) return this.occupy(idle);
    if (this.workers.length + this.starting < this.maxWorkers) {
      this.starting += 1;
      const generation = this.generation;
      let engine: Tesseract.Worker;
      try {
        engine = await this.startEngine();
      } catch (error) {
        this.starting -= 1;
        // A read queued behind this start must not wait for a worker that will never come.
        const next = this.waiting.shift();
        if (next) this.acquire(next.layout).then(next.resolve, next.reject);
        throw error;
      }
      this.starting -= 1;
      if (generation !== this.generation) {
        await engine.terminate();
        throw new Error('The OCR engine was closed');
      }
      const worker: PooledWorker = { engine, layout: null, busy: true, idleTimer: null };
      this.workers.push(worker);
      return worker;
    }
    return new Promise<PooledWorker>((resolve, reject) => this.waiting.push({ layout, resolve, reject }));
  }

  private occupy(worker: PooledWorker): PooledWorker {
    if (worker.idleTimer) clearTimeout(worker.idleTimer);
    worker.idleTimer = null;
    worker.busy = true;
    return worker;
  }

  private release(worker: PooledWorker): void {
    if (!this.workers.includes(worker)) return;
    const next = this.waiting.shift();
    if (next) {
      next.resolve(worker);
      return;
    }
    worker.busy = false;
    worker.idleTimer = setTimeout(() => {
      const index = this.workers.indexOf(worker);
      if (index < 0 || worker.busy) return;
      this.workers.splice(index, 1);
      void worker.engine.terminate();
    }, this.idleTimeoutMs);
    worker.idleTimer.unref();
  }

  private async startEngine(): Promise<Tesseract.Worker> {
    const workerOptions: Partial<Tesseract.WorkerOptions> = {
      langPath: locateEnglishTrainedData(),
      gzip: true,
      cacheMethod: 'none',
      errorHandler: (error: unknown) => {
        this.logger?.warn({ err: describeError(error) }, 'tesseract worker reported an error');
      },
    };
    let engine: Tesseract.Worker;
    try {
      engine = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, workerOptions);
    } catch (error) {
      // Nothing is kept of a failed start: the next read tries again.
      throw new TransientError('PROVIDER_UNAVAILABLE', `The OCR engine could not start: ${describeError(error)}`, { cause: error });
    }
    try {
      // Tesseract's own chatter ("Estimating resolution as ...") would otherwise land on stdout.
      await engine.setParameters({ debug_file: '/dev/null' });
    } catch (error) {
      await engine.terminate();
      throw new TransientError('PROVIDER_UNAVAILABLE', `The OCR engine could not be configured: ${describeError(error)}`, {
        cause: error,
      });
    }
    return engine;
  }
}

function toRecognizedText(page: Tesseract.Page): RecognizedText {
  const lines: RecognizedLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.trim();
        if (text.length === 0) continue;
        const { x0, y0, x1, y1 } = line.bbox;
        const region = x1 > x0 && y1 > y0 ? { left: x0, top: y0, width: x1 - x0, height: y1 - y0 } : undefined;
        lines.push({ text, confidence: toUnitInterval(line.confidence), ...(region === undefined ? {} : { region }) });
      }
    }
  }
  const text = page.text.trim();
  return { text, confidence: text.length > 0 ? toUnitInterval(page.confidence) : 0, lines };
}

function toUnitInterval(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(1, Math.max(0, percent / 100));
}

function describeError(error: unknown): string {
  // The worker rejects with strings such as "Error: Error attempting to read image."
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error: /, '');
}
