import { mkdir } from 'node:fs/promises';
import { writeSellerHubCsv } from './adapters/export/seller-hub-csv.ts';
import { ZxingBarcodeReader } from './adapters/barcodes/zxing-barcode-reader.ts';
import { EbayApplicationTokenProvider } from './adapters/ebay/ebay-application-token-provider.ts';
import { resolveEbayBaseUrl } from './adapters/ebay/ebay-environment.ts';
import { EbayRestClient } from './adapters/ebay/ebay-rest-client.ts';
import { EbayTaxonomyApi } from './adapters/ebay/ebay-taxonomy-api.ts';
import { SanitizeHtmlListingSanitizer } from './adapters/ebay/listing-html-sanitizer.ts';
import { BundledAspectCatalog, BundledCategorySuggester } from './adapters/taxonomy/bundled-taxonomy.ts';
import { FallbackAspectCatalog, FallbackCategorySuggester } from './adapters/taxonomy/fallback-taxonomy.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from './adapters/db/database.ts';
import { createKyselyRepositories } from './adapters/db/repositories/kysely-repositories.ts';
import { InProcessPipelineEvents } from './adapters/events/in-process-pipeline-events.ts';
import { RedisStreamPipelineEvents } from './adapters/events/redis-stream-pipeline-events.ts';
import { BullMqStageQueue, type BullMqStageQueueOptions } from './adapters/queue/bullmq-stage-queue.ts';
import type { OperationsServices } from './http/operations.routes.ts';
import { PrometheusMetrics } from './observability/prometheus-metrics.ts';
import { DeadLetterService } from './services/dead-letter.service.ts';
import { SharpImageProcessor } from './adapters/images/sharp-image-processor.ts';
import { TesseractTextRecognizer } from './adapters/ocr/tesseract-text-recognizer.ts';
import { SevenSegmentScaleReader } from './adapters/pixels/seven-segment-scale-reader.ts';
import { SharpImageSampler } from './adapters/pixels/sharp-image-sampler.ts';
import { InProcessStageQueue } from './adapters/queue/in-process-stage-queue.ts';
import { LocalPhotoStore } from './adapters/storage/local-photo-store.ts';
import { S3PhotoStore } from './adapters/storage/s3-photo-store.ts';
import type { PhotoStore } from './ports/photo-store.ts';
import type { Config } from './config.ts';
import type { Database } from './adapters/db/schema.ts';
import type { Kysely } from 'kysely';
import { createLogger, type AppLogger } from './observability/logger.ts';
import { createQueuePolicy, stageNames } from './pipeline/catalog.ts';
import { Orchestrator } from './pipeline/orchestrator.ts';
import { PipelineScheduler } from './pipeline/pipeline-scheduler.ts';
import { reconcileUnfinishedWork, startPeriodicReconciler, type PeriodicReconciler } from './pipeline/reconciler.ts';
import { createStageJobHandler } from './pipeline/run-stage.ts';
import { stageHandlers, type StageHandlers } from './pipeline/stage-handlers.ts';
import { recomposeItemListing } from './pipeline/stages/compose.stage.ts';
import type { StagePorts } from './pipeline/stages/stage-ports.ts';
import type { AspectCatalog, CategorySuggester } from './ports/listing-taxonomy.ts';
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
import { ListingService } from './services/listing.service.ts';
import { PhotoService } from './services/photo.service.ts';
import { RegroupingService } from './services/regrouping.service.ts';
import type { ItemRerunControl } from './ports/pipeline-control.ts';
import type { ScaleDisplayReader } from './ports/scale-display-reader.ts';
import type { SkuPhotoClassifier } from './ports/sku-photo-classifier.ts';

export interface Services {
  batches: BatchService;
  exports: ExportService;
  photos: PhotoService;
  health: HealthService;
  listings: ListingService;
  deadLetters: DeadLetterService;
  regrouping: RegroupingService;
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
  /** Prometheus metrics of this process; null when METRICS_ENABLED is false. */
  metrics: PrometheusMetrics | null;
  /** What the operations routes (metrics, dead letters, progress events) serve. */
  operations: OperationsServices;
  close(): Promise<void>;
}

/** Swappable parts, for tests and for the scaled mode's adapters. */
export interface ContainerOverrides {
  /** Wraps the repositories, e.g. to inject faults (a process that dies mid-write). */
  decorateRepositories?: (repositories: Repositories) => Repositories;
  logger?: AppLogger;
  /** An open, migrated database that the caller owns (and closes). */
  database?: { db: Kysely<Database>; kind: 'postgres' | 'pglite' };
  imageProcessor?: ImageProcessor;
  textRecognizer?: TextRecognizer;
  scaleDisplayReader?: ScaleDisplayReader;
  /** A vision model's verdict on SKU photos (no adapter ships yet). */
  skuPhotoClassifier?: SkuPhotoClassifier | null;
  barcodeReader?: BarcodeReader;
  listingPublisher?: ListingPublisher | null;
  handlers?: Partial<StageHandlers>;
  queue?: StageQueue;
  /** Multiplies every retry delay (tests shrink it). */
  backoffScale?: number;
  categorySuggester?: CategorySuggester;
  aspectCatalog?: AspectCatalog;
  events?: PipelineEvents;
  /** Settings of the BullMQ queue in the scaled mode (tests give a prefix of their own and short locks). */
  queueOptions?: Partial<Omit<BullMqStageQueueOptions, 'redisUrl'>>;
}

/** Wires adapters into ports: the only place that knows which technology serves which need. */
export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const database = overrides.database ? { ...overrides.database, close: async () => {} } : await openConfiguredDatabase(config);
  const repositories = (overrides.decorateRepositories ?? ((created: Repositories) => created))(
    createKyselyRepositories(database.db),
  );
  const photoStore = createPhotoStore(config);
  const imageProcessor =
    overrides.imageProcessor ??
    new SharpImageProcessor({
      maxBytes: config.limits.maxUploadBytes,
      maxPixels: config.limits.maxImagePixels,
      concurrency: config.images.concurrency,
      heicWorkers: config.images.heicWorkers,
      ...config.images.quality,
    });
  const textRecognizer = overrides.textRecognizer ?? new TesseractTextRecognizer({ workers: config.ocr.workers });
  const taxonomy = createListingTaxonomy(config, repositories);
  const ports: StagePorts = {
    repositories,
    categorySuggester: overrides.categorySuggester ?? taxonomy.categorySuggester,
    aspectCatalog: overrides.aspectCatalog ?? taxonomy.aspectCatalog,
    photoStore,
    imageProcessor,
    barcodeReader: overrides.barcodeReader ?? new ZxingBarcodeReader(),
    textRecognizer,
    listingPublisher: overrides.listingPublisher ?? null,
    scaleDisplayReader: overrides.scaleDisplayReader ?? new SevenSegmentScaleReader({ unitReader: textRecognizer }),
    imageSampler: new SharpImageSampler(),
    skuPhotoClassifier: overrides.skuPhotoClassifier ?? null,
    settings: {
      skuPattern: config.segmentation.skuPattern,
      timeGapMinutes: config.segmentation.timeGapMinutes,
      scaleUnit: config.segmentation.scaleUnit,
      nearDuplicateMaxDistance: config.images.nearDuplicateMaxDistance,
    },
  };

  const handlers: StageHandlers = { ...stageHandlers, ...overrides.handlers };
  const missing = stageNames.filter((stage) => typeof handlers[stage] !== 'function');
  if (missing.length > 0) throw new Error(`No handler for the stages: ${missing.join(', ')}`);

  const transport = createPipelineTransport(config, overrides, logger);
  const { events, queue } = transport;
  const orchestrator = new Orchestrator(repositories);
  const scheduler = new PipelineScheduler(orchestrator, queue);
  const rerun: ItemRerunControl = {
    async itemsRegrouped(batchId, itemIds) {
      for (const job of await orchestrator.itemsRegrouped(batchId, itemIds)) await queue.enqueue(job);
    },
  };
  const metrics = config.metrics.enabled
    ? new PrometheusMetrics({
        ...(queue.countJobs ? { queueDepth: () => queue.countJobs!() } : {}),
        deadLetters: () => repositories.deadLetters.countByStage(),
      })
    : null;
  const runStage = createStageJobHandler({ ports, handlers, orchestrator, queue, events, logger, ...(metrics ? { metrics } : {}) });

  let started = false;
  let periodicReconciler: PeriodicReconciler | null = null;
  const reconciler = { repositories, orchestrator, queue, logger: logger.child({ module: 'reconciler' }) };
  const runtime: PipelineRuntime = {
    async start() {
      if (started) return;
      started = true;
      queue.start(runStage);
      await reconcileUnfinishedWork(reconciler, { runningGraceMs: transport.runningGraceMs });
      if (config.queue.reconcileIntervalSeconds > 0) {
        periodicReconciler = startPeriodicReconciler(reconciler, {
          intervalMs: config.queue.reconcileIntervalSeconds * 1000,
          runningGraceMs: transport.runningGraceMs,
        });
      }
    },
    whenIdle: () => queue.whenIdle(),
    async stop() {
      await periodicReconciler?.stop();
      periodicReconciler = null;
      await queue.close();
    },
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
    listings: new ListingService(
      repositories,
      { recompose: (itemId, options) => recomposeItemListing(itemId, ports, options) },
      new SanitizeHtmlListingSanitizer(),
      { publicBaseUrl: config.http.publicBaseUrl },
    ),
    deadLetters: new DeadLetterService(repositories, queue),
    regrouping: new RegroupingService(repositories, rerun, config.segmentation),
  };

  return {
    config,
    logger,
    databaseKind: database.kind,
    repositories,
    services,
    events,
    runtime,
    metrics,
    operations: { deadLetters: services.deadLetters, metrics, progress: events, batches: services.batches },
    async close() {
      await runtime.stop();
      await transport.close();
      await textRecognizer.close();
      // The HEIC worker threads of the processor made here; one passed in is its owner's to close.
      if (!overrides.imageProcessor && imageProcessor instanceof SharpImageProcessor) await imageProcessor.close();
      await database.close();
    },
  };
}

/** Photos on the local disk (embedded mode) or in an S3-compatible bucket, as configured. */
function createPhotoStore(config: Config): PhotoStore {
  const storage = config.storage;
  if (storage.driver === 'local') return new LocalPhotoStore(storage.dir);
  return new S3PhotoStore({
    bucket: storage.bucket,
    region: storage.region,
    endpoint: storage.endpoint,
    forcePathStyle: storage.forcePathStyle,
    prefix: storage.prefix,
    credentials: storage.credentials,
    spoolDir: storage.spoolDir,
  });
}

/**
 * Category suggestions and item specifics: eBay's Taxonomy API (cached in the database) with the
 * bundled data behind it when application keys are configured; the bundled data alone otherwise.
 */
function createListingTaxonomy(config: Config, repositories: Repositories): { categorySuggester: CategorySuggester; aspectCatalog: AspectCatalog } {
  const bundled = { categorySuggester: new BundledCategorySuggester(), aspectCatalog: new BundledAspectCatalog() };
  const credentials = config.ebay.credentials;
  if (!credentials) return bundled;
  const baseUrl = resolveEbayBaseUrl(config.ebay.environment, config.ebay.apiBaseUrl);
  const tokens = new EbayApplicationTokenProvider({ ...credentials, baseUrl, timeoutMs: config.ebay.timeoutMs });
  const client = new EbayRestClient({ baseUrl, tokens, timeoutMs: config.ebay.timeoutMs, marketplaceId: config.ebay.marketplaceId });
  const taxonomy = new EbayTaxonomyApi({
    client,
    cache: repositories.taxonomyCache,
    marketplaceId: config.ebay.marketplaceId,
    cacheTtlSeconds: config.taxonomy.cacheTtlSeconds,
    cacheNamespace: baseUrl,
  });
  return {
    categorySuggester: new FallbackCategorySuggester(taxonomy, bundled.categorySuggester),
    aspectCatalog: new FallbackAspectCatalog(taxonomy, bundled.aspectCatalog),
  };
}

/** A conservative pace for eBay's Sell APIs, whose limits are per application and per day. */
const EBAY_LISTING_RATE_LIMIT = { max: 5, durationMs: 1000 };

/**
 * The queue and the progress events: in-process in the embedded mode; BullMQ and a Redis stream in
 * the scaled mode, where workers of other processes may hold running jobs (hence the grace before
 * the reconciler takes a running run back).
 */
function createPipelineTransport(
  config: Config,
  overrides: ContainerOverrides,
  logger: AppLogger,
): { queue: StageQueue; events: PipelineEvents; runningGraceMs: number; close(): Promise<void> } {
  const policy = createQueuePolicy({ backoffScale: overrides.backoffScale ?? 1 });
  if (config.queue.mode !== 'bullmq' || !config.redisUrl) {
    return {
      queue: overrides.queue ?? new InProcessStageQueue(policy, logger.child({ module: 'queue' })),
      events: overrides.events ?? new InProcessPipelineEvents(),
      runningGraceMs: 0,
      close: () => Promise.resolve(),
    };
  }
  const known = policy.queues.map((queue) => queue.name);
  const unknown = (config.queue.workerQueues ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown queues ${unknown.join(', ')}; the queues are ${known.join(', ')}`);
  const prefix = overrides.queueOptions?.prefix ?? config.queue.prefix;
  const redisEvents = overrides.events
    ? null
    : new RedisStreamPipelineEvents({ redisUrl: config.redisUrl, prefix }, logger.child({ module: 'events' }));
  const queue =
    overrides.queue ??
    new BullMqStageQueue(
      policy,
      {
        redisUrl: config.redisUrl,
        prefix,
        workerQueues: config.queue.workerQueues,
        rateLimits: { 'ebay-listing': EBAY_LISTING_RATE_LIMIT },
        ...overrides.queueOptions,
      },
      logger.child({ module: 'queue' }),
    );
  return {
    queue,
    events: overrides.events ?? redisEvents!,
    runningGraceMs: config.queue.runningGraceSeconds * 1000,
    close: async () => {
      await redisEvents?.close();
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
