import { mkdir } from 'node:fs/promises';
import { writeSellerHubCsv } from './adapters/export/seller-hub-csv.ts';
import { ZxingBarcodeReader } from './adapters/barcodes/zxing-barcode-reader.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from './adapters/db/database.ts';
import { createKyselyRepositories } from './adapters/db/repositories/kysely-repositories.ts';
import { InProcessPipelineEvents } from './adapters/events/in-process-pipeline-events.ts';
import { SharpImageProcessor } from './adapters/images/sharp-image-processor.ts';
import { TesseractTextRecognizer } from './adapters/ocr/tesseract-text-recognizer.ts';
import { InProcessStageQueue } from './adapters/queue/in-process-stage-queue.ts';
import { LocalPhotoStore } from './adapters/storage/local-photo-store.ts';
import type { Config } from './config.ts';
import type { Database } from './adapters/db/schema.ts';
import type { Kysely } from 'kysely';
import { createLogger, type AppLogger } from './observability/logger.ts';
import { createQueuePolicy, stageNames } from './pipeline/catalog.ts';
import { Orchestrator } from './pipeline/orchestrator.ts';
import { PipelineScheduler } from './pipeline/pipeline-scheduler.ts';
import { reconcileUnfinishedWork } from './pipeline/reconciler.ts';
import { createStageJobHandler } from './pipeline/run-stage.ts';
import { stageHandlers, type StageHandlers } from './pipeline/stage-handlers.ts';
import type { StagePorts } from './pipeline/stages/stage-ports.ts';
import type { BarcodeReader } from './ports/barcode-reader.ts';
import type { ImageProcessor } from './ports/image-processor.ts';
import type { ListingPublisher } from './ports/listing-publisher.ts';
import type { PipelineEvents } from './ports/pipeline-events.ts';
import type { Repositories } from './ports/repositories.ts';
import type { StageQueue } from './ports/stage-queue.ts';
import type { TextRecognizer } from './ports/text-recognizer.ts';
import { BatchService } from './services/batch.service.ts';
import { ExportService } from './services/export.service.ts';
import { HealthService } from './services/health.service.ts';
import { PhotoService } from './services/photo.service.ts';

export interface Services {
  batches: BatchService;
  exports: ExportService;
  photos: PhotoService;
  health: HealthService;
}

export interface PipelineRuntime {
  /** Re-enqueues unfinished work from the database, then starts consuming. */
  start(): Promise<void>;
  /** Resolves when the queue has nothing waiting or running. */
  whenIdle(): Promise<void>;
  /** Stops taking jobs and lets running ones finish. */
  stop(): Promise<void>;
}

export interface Container {
  config: Config;
  logger: AppLogger;
  databaseKind: 'postgres' | 'pglite';
  repositories: Repositories;
  services: Services;
  events: PipelineEvents;
  runtime: PipelineRuntime;
  close(): Promise<void>;
}

/** Swappable parts, for tests and for the scaled mode's adapters. */
export interface ContainerOverrides {
  logger?: AppLogger;
  /** An open, migrated database that the caller owns (and closes). */
  database?: { db: Kysely<Database>; kind: 'postgres' | 'pglite' };
  imageProcessor?: ImageProcessor;
  textRecognizer?: TextRecognizer;
  barcodeReader?: BarcodeReader;
  listingPublisher?: ListingPublisher | null;
  handlers?: Partial<StageHandlers>;
  queue?: StageQueue;
  /** Multiplies every retry delay (tests shrink it). */
  backoffScale?: number;
}

/** Wires adapters into ports: the only place that knows which technology serves which need. */
export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const database = overrides.database ? { ...overrides.database, close: async () => {} } : await openConfiguredDatabase(config);
  const repositories = createKyselyRepositories(database.db);
  const photoStore = new LocalPhotoStore(config.photoDir);
  const textRecognizer = overrides.textRecognizer ?? new TesseractTextRecognizer({ workers: config.ocr.workers });
  const ports: StagePorts = {
    repositories,
    photoStore,
    imageProcessor:
      overrides.imageProcessor ??
      new SharpImageProcessor({ maxBytes: config.limits.maxUploadBytes, maxPixels: config.limits.maxImagePixels }),
    barcodeReader: overrides.barcodeReader ?? new ZxingBarcodeReader(),
    textRecognizer,
    listingPublisher: overrides.listingPublisher ?? null,
    settings: { skuPattern: config.segmentation.skuPattern, timeGapMinutes: config.segmentation.timeGapMinutes },
  };

  const handlers: StageHandlers = { ...stageHandlers, ...overrides.handlers };
  const missing = stageNames.filter((stage) => typeof handlers[stage] !== 'function');
  if (missing.length > 0) throw new Error(`No handler for the stages: ${missing.join(', ')}`);

  const events = new InProcessPipelineEvents();
  const queue =
    overrides.queue ??
    new InProcessStageQueue(createQueuePolicy({ backoffScale: overrides.backoffScale ?? 1 }), logger.child({ module: 'queue' }));
  const orchestrator = new Orchestrator(repositories);
  const scheduler = new PipelineScheduler(orchestrator, queue);
  const runStage = createStageJobHandler({ ports, handlers, orchestrator, queue, events, logger });

  let started = false;
  const runtime: PipelineRuntime = {
    async start() {
      if (started) return;
      started = true;
      queue.start(runStage);
      await reconcileUnfinishedWork({ repositories, orchestrator, queue, logger });
    },
    whenIdle: () => queue.whenIdle(),
    stop: () => queue.close(),
  };

  const services: Services = {
    batches: new BatchService(repositories, photoStore, scheduler, {
      maxUploadBytes: config.limits.maxUploadBytes,
      maxPhotosPerBatch: config.limits.maxPhotosPerBatch,
    }),
    exports: new ExportService(repositories, { write: writeSellerHubCsv }, { publicBaseUrl: config.http.publicBaseUrl }),
    photos: new PhotoService(repositories, photoStore),
    health: new HealthService(async () => {
      await repositories.accounts.ensureDefault();
    }),
  };

  return {
    config,
    logger,
    databaseKind: database.kind,
    repositories,
    services,
    events,
    runtime,
    async close() {
      await runtime.stop();
      await textRecognizer.close();
      await database.close();
    },
  };
}

/** Opens the configured database (PGlite under the data folder by default) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.database.kind === 'pglite') await mkdir(config.database.dataDir, { recursive: true });
  const database = await openDatabase(
    config.database.kind === 'postgres' ? { databaseUrl: config.database.url } : { pgliteDataDir: config.database.dataDir },
  );
  await migrateToLatest(database.db);
  return database;
}
