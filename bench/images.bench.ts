/**
 * `npm run bench:images`: what ingesting phone photos costs.
 *
 *   single    median time per 12 MP phone JPEG (Display P3 profile, EXIF orientation 6), all
 *             derivatives, scan and flags, one photo at a time on one libvips thread, against a
 *             naive pipeline (one decode per rendition) and a plain resize, in the same run
 *   batch     photos per second for a 200-photo batch on every core, and peak resident memory
 *   heic      a 12 MP HEIC decoded off the event loop (needs `heif-enc` to make one)
 *   upload    1 GB in 200 photos streamed through the real server, its peak resident memory
 *   embedded  the server taking photos and ingesting them at once (decode, OCR, barcodes)
 *
 * `npm run bench:images -- single batch` runs only the sections named; `BENCH_SERVER_X=v` sets
 * X=v for the server of the last two (e.g. BENCH_SERVER_IMAGE_CONCURRENCY=1). Timings on a
 * shared machine are noisy: ratios measured in the same run are the figures to compare.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { ZxingBarcodeReader } from '../src/adapters/barcodes/zxing-barcode-reader.ts';
import { openDatabase } from '../src/adapters/db/database.ts';
import { SharpImageProcessor } from '../src/adapters/images/sharp-image-processor.ts';
import type { BatchDto, BatchStatusDto } from '../src/contracts/batch.ts';
import { startServerProcess } from './lib/easyflip-server-process.ts';
import { postMultipartStream } from './lib/multipart-upload.ts';
import { processNaively, resizePlainly } from './lib/naive-image-pipeline.ts';
import { canReadProcessMemory, formatMegabytes, readProcessMemory, RssSampler } from './lib/process-memory.ts';
import { createStampedPhotoParts, renderPhonePhoto, stampJpeg } from './lib/synthetic-phone-photo.ts';
import { formatMs, median, timeTask } from './lib/timing.ts';

const SECTIONS = ['single', 'batch', 'heic', 'upload', 'embedded'] as const;
type Section = (typeof SECTIONS)[number];

const wanted = process.argv.slice(2).filter((argument): argument is Section => (SECTIONS as readonly string[]).includes(argument));
const run = (section: Section): boolean => wanted.length === 0 || wanted.includes(section);
const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

print(`machine: ${os.availableParallelism()} cores, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}, Node ${process.version}`);
const phonePhoto = await renderPhonePhoto({ seed: 1 });
print(`test photo: 4032×3024 JPEG q92, Display P3, orientation 6, ${(phonePhoto.length / 1024 / 1024).toFixed(1)} MB\n`);

if (run('single')) await benchSinglePhoto();
if (run('batch')) await benchBatch();
if (run('heic')) await benchHeic();
if (run('upload')) await benchUpload();
if (run('embedded')) await benchEmbedded();

async function benchSinglePhoto(): Promise<void> {
  print('== one photo at a time, one libvips thread ==');
  sharp.concurrency(1);
  const processor = new SharpImageProcessor({ concurrency: 1 });
  const rounds = 15;
  const contenders = {
    ours: () => processor.process(phonePhoto),
    naive: () => processNaively(phonePhoto),
    plainWithProfile: () => resizePlainly(phonePhoto, { applyProfile: true }),
    plainWithoutProfile: () => resizePlainly(phonePhoto, { applyProfile: false }),
  };
  const cpu: Record<keyof typeof contenders, number[]> = { ours: [], naive: [], plainWithProfile: [], plainWithoutProfile: [] };
  const wall: Record<keyof typeof contenders, number[]> = { ours: [], naive: [], plainWithProfile: [], plainWithoutProfile: [] };
  for (const task of Object.values(contenders)) await task();
  // Interleaved, so a burst of load from elsewhere falls on every contender alike.
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, task] of Object.entries(contenders) as Array<[keyof typeof contenders, () => Promise<unknown>]>) {
      const { timing } = await timeTask(task);
      cpu[name].push(timing.cpuMs);
      wall[name].push(timing.wallMs);
    }
  }
  const row = (label: string, name: keyof typeof contenders): void =>
    print(`  ${label.padEnd(46)} ${formatMs(median(cpu[name])).padStart(7)} CPU   ${formatMs(median(wall[name])).padStart(7)} wall`);
  row('ours: every derivative, scan, flags, hash', 'ours');
  row('naive: one decode per rendition', 'naive');
  row('plain resize to 1600 px, profile applied', 'plainWithProfile');
  row('plain resize to 1600 px, profile ignored', 'plainWithoutProfile');
  const ours = median(cpu.ours);
  print(`  naive ÷ ours: ${(median(cpu.naive) / ours).toFixed(1)}× CPU, ${(median(wall.naive) / median(wall.ours)).toFixed(1)}× wall`);
  print(`  ours ÷ plain resize with profile: ${(ours / median(cpu.plainWithProfile)).toFixed(2)}`);
  print(`  ours ÷ plain resize without profile: ${(ours / median(cpu.plainWithoutProfile)).toFixed(2)} (the 80 ms target is 0.84 of the issue's 95 ms for it)`);

  const reader = new ZxingBarcodeReader();
  const { scan } = await processor.process(phonePhoto);
  await reader.read(scan);
  const scans: number[] = [];
  for (let i = 0; i < 5; i += 1) scans.push((await timeTask(() => reader.read(scan))).timing.cpuMs);
  print(`  for scale: the ingest stage's barcode read of that ${scan.width}×${scan.height} scan (zxing) ${formatMs(median(scans))} CPU`);
  await processor.close();
  print();
}

async function benchBatch(): Promise<void> {
  const cores = os.availableParallelism();
  print(`== a 200-photo batch on ${cores} cores ==`);
  sharp.concurrency(1);
  const processor = new SharpImageProcessor({ concurrency: cores });
  const templates = await Promise.all([1, 2, 3, 4].map((seed) => renderPhonePhoto({ seed })));
  const count = 200;
  const inFlight = cores * 2;
  const sampler = new RssSampler(process.pid, 20);
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const index = next++;
        // Distinct bytes, made when needed: 200 photos are never all in memory.
        await processor.process(Buffer.concat(stampJpeg(templates[index % templates.length]!, `batch ${index}`)));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const peak = sampler.stop();
  print(`  ${count} photos in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} photos/s (${inFlight} in flight, ${cores} decoding at once)`);
  print(`  CPU per photo ${formatMs((cpu.user + cpu.system) / 1000 / count)}; peak resident memory of this process ${formatMegabytes(peak)}`);
  await processor.close();
  print();
}

async function benchHeic(): Promise<void> {
  print('== a 12 MP HEIC, decoded off the event loop ==');
  const work = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bench-heic-'));
  try {
    const upright = await sharp(phonePhoto).rotate().withIccProfile('p3').withMetadata().jpeg({ quality: 92 }).toBuffer();
    await writeFile(path.join(work, 'photo.jpg'), upright);
    const encoded = spawnSync('heif-enc', ['-q', '80', '-o', path.join(work, 'photo.heic'), path.join(work, 'photo.jpg')], {
      encoding: 'utf8',
    });
    if (encoded.error || encoded.status !== 0) {
      print('  skipped: making a HEIC needs heif-enc (Debian: apt-get install libheif-examples)\n');
      return;
    }
    const heic = await readFile(path.join(work, 'photo.heic'));
    const processor = new SharpImageProcessor({ concurrency: 1 });
    await processor.process(heic);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const { timing } = await timeTask(() => processor.process(heic));
    loop.disable();
    print(`  ${(heic.length / 1024 / 1024).toFixed(1)} MB HEIC processed in ${formatMs(timing.wallMs)}; longest event-loop stall meanwhile ${formatMs(loop.max / 1e6)}`);
    const { default: decodeOnMainThread } = await import('heic-decode');
    const inline = await timeTask(() => decodeOnMainThread({ buffer: heic }));
    print(`  the same decode on the main thread would stall it for ${formatMs(inline.timing.wallMs)}`);
    await processor.close();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  print();
}

/** A server in a child process on PostgreSQL when DATABASE_URL is set (a schema of its own), else on PGlite. */
async function withServer<T>(
  env: Record<string, string>,
  body: (server: Awaited<ReturnType<typeof startServerProcess>>, databaseLabel: string) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bench-server-'));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const database = databaseUrl ? await openDatabase({ databaseUrl, schema }) : null;
  const serverEnv: Record<string, string> = { EASYFLIP_DATA_DIR: dataDir, RECONCILE_INTERVAL_SECONDS: '0', ...env, ...readServerOverrides() };
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    serverEnv.DATABASE_URL = url.toString();
  }
  const server = await startServerProcess(serverEnv);
  try {
    return await body(server, databaseUrl ? 'PostgreSQL' : 'embedded PGlite (set DATABASE_URL to leave the database out)');
  } finally {
    await server.kill();
    await database?.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `BENCH_SERVER_IMAGE_CONCURRENCY=1` runs the server with `IMAGE_CONCURRENCY=1`, and so on. */
function readServerOverrides(): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('BENCH_SERVER_') && value !== undefined) overrides[name.slice('BENCH_SERVER_'.length)] = value;
  }
  return overrides;
}

async function createBatch(baseUrl: string): Promise<BatchDto> {
  return (await (await fetch(`${baseUrl}/api/batches`, { method: 'POST' })).json()) as BatchDto;
}

async function benchUpload(): Promise<void> {
  print('== 1 GB in 200 photos, streamed through the server ==');
  if (!canReadProcessMemory) {
    print('  skipped: reading another process\'s memory needs Linux /proc\n');
    return;
  }
  const template = await renderPhonePhoto({ seed: 5, noise: 18, quality: 95 });
  const parts = createStampedPhotoParts(template, { count: 200 });
  // The server refuses the photos at ingest by its pixel limit, right after reading their
  // header: what is measured is the upload path (multipart, photo store, database, jobs).
  await withServer({ MAX_IMAGE_PIXELS: '1', OCR_WORKERS: '1' }, async (server, databaseLabel) => {
    const batch = await createBatch(server.baseUrl);
    const baseline = readProcessMemory(server.pid).rss;
    const sampler = new RssSampler(server.pid, 20);
    const { result, timing } = await timeTask(() => postMultipartStream(`${server.baseUrl}/api/batches/${batch.id}/photos`, parts));
    const peak = sampler.stop();
    const megabytes = result.sentBytes / 1024 / 1024;
    print(`  database: ${databaseLabel}; HTTP ${result.status}`);
    print(`  ${megabytes.toFixed(0)} MB in ${(timing.wallMs / 1000).toFixed(1)} s (${(megabytes / (timing.wallMs / 1000)).toFixed(0)} MB/s)`);
    print(`  server resident memory: ${formatMegabytes(baseline)} idle, ${formatMegabytes(peak)} at the peak of the upload (+${formatMegabytes(peak - baseline)})`);
  });
  print();
}

async function benchEmbedded(): Promise<void> {
  const count = Number(process.env.BENCH_EMBEDDED_PHOTOS ?? 40);
  print(`== ${count} photos taken and ingested by one server process (decode, derivatives, OCR, barcodes) ==`);
  if (!canReadProcessMemory) {
    print('  skipped: reading another process\'s memory needs Linux /proc\n');
    return;
  }
  const template = await renderPhonePhoto({ seed: 6 });
  const parts = createStampedPhotoParts(template, { count });
  await withServer({ OCR_WORKERS: '1' }, async (server, databaseLabel) => {
    const batch = await createBatch(server.baseUrl);
    const baseline = readProcessMemory(server.pid).rss;
    const sampler = new RssSampler(server.pid, 20);
    const started = performance.now();
    await postMultipartStream(`${server.baseUrl}/api/batches/${batch.id}/photos`, parts);
    const uploaded = performance.now() - started;
    for (;;) {
      const status = (await (await fetch(`${server.baseUrl}/api/batches/${batch.id}`)).json()) as BatchStatusDto;
      if (status.photos.ingested + status.photos.rejected >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const seconds = (performance.now() - started) / 1000;
    const peak = sampler.stop();
    print(`  database: ${databaseLabel}`);
    print(`  upload done after ${(uploaded / 1000).toFixed(1)} s, every photo ingested after ${seconds.toFixed(1)} s (${(count / seconds).toFixed(2)} photos/s end to end)`);
    print(`  server resident memory: ${formatMegabytes(baseline)} idle, ${formatMegabytes(peak)} at the peak`);
  });
  print();
}
