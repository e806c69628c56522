import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { PermanentError, TransientError } from '../../contracts/errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { RecognizedLine, RecognizedText, TextRecognizer } from '../../ports/text-recognizer.ts';

export interface TesseractTextRecognizerOptions {
  /** Size of the worker pool; each worker holds its own engine and model in memory. Defaults to the core count. */
  workers?: number;
  /** Where worker-side failures are reported; they also reject the job that caused them. */
  logger?: Logger;
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

/** OCR with tesseract.js on a pool of worker threads, reading its model from node_modules only. */
export class TesseractTextRecognizer implements TextRecognizer {
  private readonly workerCount: number;
  private readonly logger: Logger | undefined;
  private pool: Promise<WorkerPool> | null = null;

  constructor(options: TesseractTextRecognizerOptions = {}) {
    const requested = options.workers ?? availableParallelism();
    if (!Number.isInteger(requested) || requested < 1) {
      throw new RangeError(`workers must be a positive integer, got ${requested}`);
    }
    this.workerCount = requested;
    this.logger = options.logger;
  }

  async recognize(image: Buffer): Promise<RecognizedText> {
    if (image.length === 0) {
      throw new PermanentError('EMPTY_FILE', 'The image to read text from is empty.');
    }
    const { scheduler } = await this.startPool();
    let page: Tesseract.Page;
    try {
      // Photos are rarely square to the camera: let tesseract measure the skew and straighten first.
      const result = await scheduler.addJob('recognize', image, { rotateAuto: true }, { text: true, blocks: true });
      page = result.data;
    } catch (error) {
      throw new PermanentError('CORRUPT_IMAGE', `Text could not be read from this image: ${describeError(error)}`, {
        cause: error,
      });
    }
    return toRecognizedText(page);
  }

  async close(): Promise<void> {
    const starting = this.pool;
    this.pool = null;
    if (starting === null) return;
    const pool = await starting.catch(() => null);
    // The scheduler's own terminate does not wait for its workers; these do.
    await Promise.all(pool?.workers.map((worker) => worker.terminate()) ?? []);
  }

  private startPool(): Promise<WorkerPool> {
    if (this.pool === null) {
      const starting = this.createPool();
      this.pool = starting;
      // A failed start is not cached: the next call tries again.
      starting.catch(() => {
        if (this.pool === starting) this.pool = null;
      });
    }
    return this.pool;
  }

  private async createPool(): Promise<WorkerPool> {
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
      Array.from({ length: this.workerCount }, () =>
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
      await Promise.all(workers.map((worker) => worker.setParameters(photoParameters)));
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
        if (text.length > 0) lines.push({ text, confidence: toUnitInterval(line.confidence) });
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
