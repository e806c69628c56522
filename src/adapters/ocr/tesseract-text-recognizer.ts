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
  /** Size of the worker pool; each worker holds its own engine and model in memory. Defaults to the core count. */
  workers?: number;
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

interface WorkerPool {
  scheduler: Tesseract.Scheduler;
  workers: Tesseract.Worker[];
}

const photoParameters: Partial<Tesseract.WorkerParams> = {
  // Labels, tags and scale displays are scattered words in a photo, not a page of prose.
  tessedit_pageseg_mode: Tesseract.PSM.SPARSE_TEXT,
  // Tesseract's own chatter ("Estimating resolution as ...") would otherwise land on stdout.
  debug_file: '/dev/null',
};

/** Close-ups are one block: a sparse read drops a lone character there, a block read keeps it. */
const closeUpParameters: Partial<Tesseract.WorkerParams> = {
  tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK,
  debug_file: '/dev/null',
};

/** OCR with tesseract.js on a pool of worker threads, reading its model from node_modules only. */
export class TesseractTextRecognizer implements TextRecognizer {
  private readonly workerCount: number;
  private readonly logger: Logger | undefined;
  private readonly metrics: ExternalCallMetrics | undefined;
  private pool: Promise<WorkerPool> | null = null;
  /** One worker for close-ups, started on the first one. */
  private blockPool: Promise<WorkerPool> | null = null;

  constructor(options: TesseractTextRecognizerOptions = {}) {
    const requested = options.workers ?? availableParallelism();
    if (!Number.isInteger(requested) || requested < 1) {
      throw new RangeError(`workers must be a positive integer, got ${requested}`);
    }
    this.workerCount = requested;
    this.logger = options.logger;
    this.metrics = options.metrics;
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<RecognizedText> {
    if (image.length === 0) {
      throw new PermanentError('EMPTY_FILE', 'The image to read text from is empty.');
    }
    const { scheduler } = options.layout === 'block' ? await this.startBlockPool() : await this.startPool();
    let page: Tesseract.Page;
    const operation = options.layout === 'block' ? 'recognize-block' : 'recognize';
    const startedAt = performance.now();
    try {
      // Photos are rarely square to the camera: let tesseract measure the skew and straighten first.
      // A close-up holds too few letters to measure a skew on; turning it on a guess spoils it.
      const rotateAuto = options.layout !== 'block';
      const result = await scheduler.addJob('recognize', image, { rotateAuto }, { text: true, blocks: true });
      page = result.data;
      this.metrics?.recordCall({ service: 'tesseract', operation, outcome: 'ok', durationMs: performance.now() - startedAt });
    } catch (error) {
      this.metrics?.recordCall({ service: 'tesseract', operation, outcome: outcomeOfError(error), durationMs: performance.now() - startedAt });
      throw new PermanentError('CORRUPT_IMAGE', `Text could not be read from this image: ${describeError(error)}`, {
        cause: error,
      });
    }
    return toRecognizedText(page);
  }

  async close(): Promise<void> {
    const starting = [this.pool, this.blockPool];
    this.pool = null;
    this.blockPool = null;
    for (const pending of starting) {
      if (pending === null) continue;
      const pool = await pending.catch(() => null);
      // The scheduler's own terminate does not wait for its workers; these do.
      await Promise.all(pool?.workers.map((worker) => worker.terminate()) ?? []);
    }
  }

  private startPool(): Promise<WorkerPool> {
    if (this.pool === null) {
      const starting = this.createPool(this.workerCount, photoParameters);
      this.pool = starting;
      // A failed start is not cached: the next call tries again.
      starting.catch(() => {
        if (this.pool === starting) this.pool = null;
      });
    }
    return this.pool;
  }

  private startBlockPool(): Promise<WorkerPool> {
    if (this.blockPool === null) {
      const starting = this.createPool(1, closeUpParameters);
      this.blockPool = starting;
      starting.catch(() => {
        if (this.blockPool === starting) this.blockPool = null;
      });
    }
    return this.blockPool;
  }

  private async createPool(workerCount: number, parameters: Partial<Tesseract.WorkerParams>): Promise<WorkerPool> {
    const langPath = locateEnglishTrainedData();
    const workerOptions: Partial<Tesseract.WorkerOptions> = {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      errorHandler: (error: unknown) => {
        this.logger?.warn({ err: describeError(error) }, 'tesseract worker reported an error');
      },
    };
    const started = await Promise.allSettled(
      Array.from({ length: workerCount }, () =>
        Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, workerOptions),
      ),
    );
    const workers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failure = started.find((outcome) => outcome.status === 'rejected');
    if (failure !== undefined) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw new TransientError('PROVIDER_UNAVAILABLE', `The OCR engine could not start: ${describeError(failure.reason)}`, {
        cause: failure.reason,
      });
    }
    try {
      await Promise.all(workers.map((worker) => worker.setParameters(parameters)));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw new TransientError('PROVIDER_UNAVAILABLE', `The OCR engine could not be configured: ${describeError(error)}`, {
        cause: error,
      });
    }
    const scheduler = Tesseract.createScheduler();
    for (const worker of workers) scheduler.addWorker(worker);
    return { scheduler, workers };
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
