import type { RawImage } from '../../ports/image-processor.ts';
import { WorkerThreadPool } from '../workers/worker-thread-pool.ts';

export interface HeicWorkerPoolOptions {
  /** Decodes running at once, each in its own thread. Default 1. */
  size?: number;
  /** A worker idle this long is stopped (its WebAssembly memory freed). Default 10 s. */
  idleTimeoutMs?: number;
}

interface DecodedPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Decodes HEVC HEIC/HEIF files in worker threads, so the second or more that libheif needs for
 * a 12 MP photo never blocks the event loop (uploads, progress, other photos). The result is
 * RGBA, upright: libheif applies the file's rotation and mirroring (irot/imir).
 */
export class HeicWorkerPool {
  readonly #pool: WorkerThreadPool<Uint8Array, DecodedPixels>;

  constructor(options: HeicWorkerPoolOptions = {}) {
    this.#pool = new WorkerThreadPool({ workerUrl: new URL('./heic-decode.worker.js', import.meta.url), name: 'HEIC decoder', ...options });
  }

  async decode(content: Uint8Array): Promise<RawImage> {
    const pixels = await this.#pool.run(content);
    return { data: pixels.data, width: pixels.width, height: pixels.height, channels: 4 };
  }

  /** Running workers, for tests and diagnostics. */
  get workerCount(): number {
    return this.#pool.workerCount;
  }

  /** Stops every worker; decodes still running fail. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}
