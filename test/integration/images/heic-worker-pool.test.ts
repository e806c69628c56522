import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { HeicWorkerPool } from '../../../src/adapters/images/heic-worker-pool.ts';

const FIXTURE = new URL('./fixtures/quadrants-p3.heic', import.meta.url);

describe('HeicWorkerPool', () => {
  let pool: HeicWorkerPool;

  afterEach(async () => {
    await pool?.close();
  });

  it('decodes a HEVC HEIC in a worker thread while the event loop keeps turning', async () => {
    pool = new HeicWorkerPool();
    const heic = await readFile(FIXTURE);
    // Ticks of a 5 ms timer during the decode. libheif's WebAssembly is compiled on the first
    // decode (hundreds of ms); on the main thread no tick would run meanwhile.
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const image = await pool.decode(heic);
    const took = performance.now() - started;
    clearInterval(ticker);

    expect(image).toMatchObject({ width: 480, height: 320, channels: 4 });
    expect(image.data.length).toBe(480 * 320 * 4);
    expect(took).toBeGreaterThan(50);
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('turns a broken file into a failed decode and keeps working for the next one', async () => {
    pool = new HeicWorkerPool();
    const heic = await readFile(FIXTURE);
    await expect(pool.decode(heic.subarray(0, 400))).rejects.toThrow();
    expect((await pool.decode(heic)).width).toBe(480);
  });

  it('runs at most `size` workers and queues the rest', async () => {
    pool = new HeicWorkerPool({ size: 2 });
    const heic = await readFile(FIXTURE);
    const pending = Array.from({ length: 5 }, () => pool.decode(heic));
    expect(pool.workerCount).toBe(2);
    const images = await Promise.all(pending);
    expect(images.map((image) => image.height)).toEqual([320, 320, 320, 320, 320]);
  });

  it('stops idle workers after the idle time, and starts one again when needed', async () => {
    pool = new HeicWorkerPool({ idleTimeoutMs: 20 });
    const heic = await readFile(FIXTURE);
    await pool.decode(heic);
    await expect.poll(() => pool.workerCount, { timeout: 5000 }).toBe(0);
    expect((await pool.decode(heic)).width).toBe(480);
  });

  it('fails waiting decodes when closed', async () => {
    pool = new HeicWorkerPool();
    const heic = await readFile(FIXTURE);
    const refused = expect(pool.decode(heic)).rejects.toThrow(/closed/);
    await pool.close();
    await refused;
  });
});
