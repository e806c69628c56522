import { ErrorCode, PermanentError, TransientError } from '../../contracts/errors.ts';
import type { BarcodeReader, DecodedBarcode } from '../../ports/barcode-reader.ts';
import type { RawImage } from '../../ports/image-processor.ts';
import { WorkerJobError, WorkerThreadPool } from '../workers/worker-thread-pool.ts';

export interface ThreadedBarcodeReaderOptions {
  /** Scans running at once, each in its own thread. */
  threads: number;
  /** A thread idle this long is stopped, freeing its WebAssembly memory. Default 10 s. */
  idleTimeoutMs?: number;
}

/**
 * The zxing reader run in worker threads: the same passes and answers, with the event loop free
 * while a photo is scanned. The pixels are copied once into the thread (a few MB of grey).
 */
export class ThreadedBarcodeReader implements BarcodeReader {
  readonly #pool: WorkerThreadPool<RawImage, DecodedBarcode[]>;

  constructor(options: ThreadedBarcodeReaderOptions) {
    this.#pool = new WorkerThreadPool({
      workerUrl: new URL('./zxing-barcode.worker.js', import.meta.url),
      name: 'barcode scanner',
      size: options.threads,
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    });
  }

  async read(image: RawImage): Promise<DecodedBarcode[]> {
    const data = new Uint8Array(image.data);
    try {
      return await this.#pool.run({ ...image, data }, [data.buffer]);
    } catch (error) {
      if (error instanceof WorkerJobError && error.retryable === false && ErrorCode.safeParse(error.code).success) {
        throw new PermanentError(ErrorCode.parse(error.code), error.message, { cause: error });
      }
      // The scan is pure: a crashed thread or a decoder that could not start is worth another try.
      throw new TransientError('PROVIDER_UNAVAILABLE', 'The barcode scanner failed; the photo will be scanned again.', { cause: error });
    }
  }

  /** Running threads, for tests and diagnostics. */
  get threadCount(): number {
    return this.#pool.workerCount;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
