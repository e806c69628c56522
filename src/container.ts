import { mkdir } from 'node:fs/promises';
import { writeSellerHubCsv } from './adapters/export/seller-hub-csv.ts';
import { ThreadedBarcodeReader } from './adapters/barcodes/threaded-barcode-reader.ts';
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
import type { BullMqStageQueueOptions } from './adapters/queue/bullmq-stage-queue.ts';
import type { QueueBoard } from './adapters/queue/bull-board.ts';
import type { OperationsServices } from './http/operations.routes.ts';
import { PrometheusMetrics } from './observability/prometheus-metrics.ts';
import type { OpenTelemetryTracing } from './observability/tracing.ts';
import type { Tracing } from './ports/tracing.ts';
import { DeadLetterService } from './services/dead-letter.service.ts';
import { SharpImageProcessor } from './adapters/images/sharp-image-processor.ts';
import { TesseractTextRecognizer } from './adapters/ocr/tesseract-text-recognizer.ts';
import { CallGuard } from './adapters/resilience/call-guard.ts';
import { FallbackTextRecognizer, type ChainedTextRecognizer } from './adapters/resilience/fallback-text-recognizer.ts';
import { GuardedVisionAnalyzer } from './adapters/resilience/guarded-vision-analyzer.ts';
import { CachedVisionAnalyzer } from './adapters/vision/cached-vision-analyzer.ts';
import { SevenSegmentScaleReader } from './adapters/pixels/seven-segment-scale-reader.ts';
import { SharpImageSampler } from './adapters/pixels/sharp-image-sampler.ts';
import { InProcessStageQueue } from './adapters/queue/in-process-stage-queue.ts';
import { LocalPhotoStore } from './adapters/storage/local-photo-store.ts';
import type { PhotoStore } from './ports/photo-store.ts';
import type { ExternalCallMetrics } from './ports/external-call-metrics.ts';
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
import { AesGcmSecretCipher } from './adapters/secrets/aes-gcm-secret-cipher.ts';
import { deriveStateKey, HmacOAuthStateSigner } from './adapters/secrets/hmac-oauth-state-signer.ts';
import type { EbayApiSettings } from './adapters/ebay/ebay-api-factory.ts';
import { EBAY_MARKETPLACE_INSIGHTS_SCOPE, EBAY_SELLER_SCOPES } from './adapters/ebay/ebay-scopes.ts';
import { EbayUserTokenProvider, EbayUserTokenProviders } from './adapters/ebay/ebay-user-token-provider.ts';
import { EbayAccountService } from './services/ebay-account.service.ts';
import { PublishingService } from './services/publishing.service.ts';
import type { VisionAnalyzer } from './ports/vision-analyzer.ts';

export interface Services {
  batches: BatchService;
  exports: ExportService;
  photos: PhotoService;
  health: HealthService;
  listings: ListingService;
  deadLetters: DeadLetterService;
  regrouping: RegroupingService;
  ebayAccount: EbayAccountService;
  publishing: PublishingService;
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
  /** The admin queue board and its credential; null in the embedded mode or without ADMIN_TOKEN. */
  adminQueueBoard: (QueueBoard & { token: string }) | null;
  /** Spans of requests and stage jobs; null when no exporter is configured. */
  tracing: Tracing | null;
  /** What the operations routes (metrics, dead letters, progress events) serve. */
  operations: OperationsServices;
  /** The seller's eBay account for publishing: settings for `createEbayApi` and per-account user tokens. */
  ebay: EbayAccountRuntime;
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
  /** A vision model's verdict on SKU photos; by default the configured vision model's when VISION_SKU_PHOTOS is on. */
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
  /** Replaces the configured tracing (tests export spans to memory). */
  tracing?: Tracing;
  /** Settings of the BullMQ queue in the scaled mode (tests give a prefix of their own and short locks). */
  queueOptions?: Partial<Omit<BullMqStageQueueOptions, 'redisUrl'>>;
}

/**
 * Wires adapters into ports: the only place that knows which technology serves which need. The
 * SDKs of optional services (S3, Redis and BullMQ, OpenAI, Google, eBay's Sell APIs, OpenTelemetry)
 * load only when configured: unused, they would cost memory and start-up time for nothing.
 */
export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const database = overrides.database ? { ...overrides.database, close: async () => {} } : await openConfiguredDatabase(config);
  const repositories = (overrides.decorateRepositories ?? ((created: Repositories) => created))(
    createKyselyRepositories(database.db),
  );
  const photoStore = await createPhotoStore(config);
  const ebay = await createEbayAccount(config, repositories, logger);
  const imageProcessor =
    overrides.imageProcessor ??
    new SharpImageProcessor({
      maxBytes: config.limits.maxUploadBytes,
      maxPixels: config.limits.maxImagePixels,
      concurrency: config.images.concurrency,
      heicWorkers: config.images.heicWorkers,
      ...config.images.quality,
    });
  // Queue depth is read at each scrape from the queue made further down.
  let queueOfMetrics: StageQueue | null = null;
  const metrics = config.metrics.enabled
    ? new PrometheusMetrics({
        queueDepth: async () => (await queueOfMetrics?.countJobs?.()) ?? [],
        deadLetters: () => repositories.deadLetters.countByStage(),
      })
    : null;
  const barcodeReader = overrides.barcodeReader ?? new ThreadedBarcodeReader({ threads: config.images.barcodeThreads });
  const textRecognizer =
    overrides.textRecognizer ?? new TesseractTextRecognizer({ workers: config.ocr.workers, ...(metrics ? { metrics } : {}) });
  const taxonomy = createListingTaxonomy(config, repositories, metrics);
  const ocrChain = await createOcrChain(config, textRecognizer, metrics);
  const vision = await createVisionAnalyzer(config, repositories, metrics);
  const listingPublisher =
    overrides.listingPublisher !== undefined ? overrides.listingPublisher : await createListingPublisher(config, repositories, photoStore, ebay, logger);
  const ports: StagePorts = {
    repositories,
    categorySuggester: overrides.categorySuggester ?? taxonomy.categorySuggester,
    aspectCatalog: overrides.aspectCatalog ?? taxonomy.aspectCatalog,
    photoStore,
    imageProcessor,
    barcodeReader,
    textRecognizer: ocrChain.recognizer,
    listingPublisher,
    scaleDisplayReader: overrides.scaleDisplayReader ?? new SevenSegmentScaleReader({ unitReader: textRecognizer }),
    imageSampler: new SharpImageSampler(),
    skuPhotoClassifier: overrides.skuPhotoClassifier !== undefined ? overrides.skuPhotoClassifier : vision.skuPhotoClassifier,
    visionAnalyzer: vision.analyzer,
    settings: {
      skuPattern: config.segmentation.skuPattern,
      timeGapMinutes: config.segmentation.timeGapMinutes,
      scaleUnit: config.segmentation.scaleUnit,
      nearDuplicateMaxDistance: config.images.nearDuplicateMaxDistance,
      visionPolicy: config.vision.policy,
    },
  };

  const handlers: StageHandlers = { ...stageHandlers, ...overrides.handlers };
  const missing = stageNames.filter((stage) => typeof handlers[stage] !== 'function');
  if (missing.length > 0) throw new Error(`No handler for the stages: ${missing.join(', ')}`);

  const transport = await createPipelineTransport(config, overrides, logger);
  const { events, queue } = transport;
  const orchestrator = new Orchestrator(repositories, { autoPublish: config.publishing.autoPublish });
  const configuredTracing = overrides.tracing ? null : await loadConfiguredTracing(config.tracing);
  const tracing = overrides.tracing ?? configuredTracing;
  const scheduler = new PipelineScheduler(orchestrator, queue, tracing ?? undefined);
  const rerun: ItemRerunControl = {
    async itemsRegrouped(batchId, itemIds) {
      for (const job of await orchestrator.itemsRegrouped(batchId, itemIds)) await queue.enqueue(job);
    },
  };
  queueOfMetrics = queue;
  const runStage = createStageJobHandler({
    ports,
    handlers,
    orchestrator,
    queue,
    events,
    logger,
    ...(metrics ? { metrics } : {}),
    ...(tracing ? { tracing } : {}),
  });

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
    ebayAccount: ebay.service,
    publishing: new PublishingService(repositories, scheduler, { publisherConfigured: ports.listingPublisher !== null, setup: ebay.service }),
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
    tracing,
    adminQueueBoard: transport.board && config.admin.token ? { ...transport.board, token: config.admin.token } : null,
    operations: { deadLetters: services.deadLetters, metrics, progress: events, batches: services.batches },
    ebay: { apiSettings: ebay.apiSettings, userTokens: ebay.userTokens },
    async close() {
      await runtime.stop();
      await transport.close();
      await configuredTracing?.shutdown();
      await ocrChain.close();
      vision.close();
      await textRecognizer.close();
      // The HEIC worker threads of the processor made here; one passed in is its owner's to close.
      if (!overrides.imageProcessor && imageProcessor instanceof SharpImageProcessor) await imageProcessor.close();
      if (!overrides.barcodeReader && barcodeReader instanceof ThreadedBarcodeReader) await barcodeReader.close();
      await database.close();
    },
  };
}

/** Photos on the local disk (embedded mode) or in an S3-compatible bucket, as configured. */
async function createPhotoStore(config: Config): Promise<PhotoStore> {
  const storage = config.storage;
  if (storage.driver === 'local') return new LocalPhotoStore(storage.dir);
  const { S3PhotoStore } = await import('./adapters/storage/s3-photo-store.ts');
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
function createListingTaxonomy(
  config: Config,
  repositories: Repositories,
  metrics: ExternalCallMetrics | null,
): { categorySuggester: CategorySuggester; aspectCatalog: AspectCatalog } {
  const bundled = { categorySuggester: new BundledCategorySuggester(), aspectCatalog: new BundledAspectCatalog() };
  const credentials = config.ebay.credentials;
  if (!credentials) return bundled;
  const baseUrl = resolveEbayBaseUrl(config.ebay.environment, config.ebay.apiBaseUrl);
  const tokens = new EbayApplicationTokenProvider({ ...credentials, baseUrl, timeoutMs: config.ebay.timeoutMs });
  const client = new EbayRestClient({
    baseUrl,
    tokens,
    timeoutMs: config.ebay.timeoutMs,
    marketplaceId: config.ebay.marketplaceId,
    ...(metrics ? { metrics } : {}),
  });
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

/** Where admins find the queue board (scaled mode, ADMIN_TOKEN set). */
const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * The queue and the progress events: in-process in the embedded mode; BullMQ and a Redis stream in
 * the scaled mode, where workers of other processes may hold running jobs (hence the grace before
 * the reconciler takes a running run back).
 */
async function createPipelineTransport(
  config: Config,
  overrides: ContainerOverrides,
  logger: AppLogger,
): Promise<{ queue: StageQueue; events: PipelineEvents; runningGraceMs: number; board: QueueBoard | null; close(): Promise<void> }> {
  const policy = createQueuePolicy({ backoffScale: overrides.backoffScale ?? 1 });
  if (config.queue.mode !== 'bullmq' || !config.redisUrl) {
    return {
      queue: overrides.queue ?? new InProcessStageQueue(policy, logger.child({ module: 'queue' })),
      events: overrides.events ?? new InProcessPipelineEvents(),
      runningGraceMs: 0,
      board: null,
      close: () => Promise.resolve(),
    };
  }
  const known = policy.queues.map((queue) => queue.name);
  const unknown = (config.queue.workerQueues ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown queues ${unknown.join(', ')}; the queues are ${known.join(', ')}`);
  const prefix = overrides.queueOptions?.prefix ?? config.queue.prefix;
  const [{ RedisStreamPipelineEvents }, { BullMqStageQueue }, { createQueueBoard }] = await Promise.all([
    import('./adapters/events/redis-stream-pipeline-events.ts'),
    import('./adapters/queue/bullmq-stage-queue.ts'),
    import('./adapters/queue/bull-board.ts'),
  ]);
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
        ...overrides.queueOptions,
      },
      logger.child({ module: 'queue' }),
    );
  return {
    queue,
    events: overrides.events ?? redisEvents!,
    runningGraceMs: config.queue.runningGraceSeconds * 1000,
    // Mounted only with an admin credential to put in front of it.
    board: config.admin.token && queue instanceof BullMqStageQueue ? createQueueBoard(queue, ADMIN_QUEUES_PATH) : null,
    close: async () => {
      await redisEvents?.close();
    },
  };
}

export interface EbayAccountRuntime {
  /** For `createEbayApi`; null without eBay application keys. */
  apiSettings: EbayApiSettings | null;
  /** Each account's seller token, renewed ahead of expiry; null unless account connection is configured. */
  userTokens: EbayUserTokenProviders | null;
}

/**
 * The seller's eBay account: the consent flow, the encrypted tokens and the seller's setup. It
 * works when the application keys, the RuName and a token-encryption key are all configured;
 * otherwise the service answers that connecting is not set up, and publishing falls back to CSV.
 */
async function createEbayAccount(
  config: Config,
  repositories: Repositories,
  logger: AppLogger,
): Promise<EbayAccountRuntime & { service: EbayAccountService }> {
  const { credentials, ruName, tokenEncryptionKeys } = config.ebay;
  const apiSettings: EbayApiSettings | null = credentials
    ? {
        ...credentials,
        environment: config.ebay.environment,
        marketplaceId: config.ebay.marketplaceId,
        ruName,
        apiBaseUrl: config.ebay.apiBaseUrl,
        authBaseUrl: config.ebay.authBaseUrl,
        timeoutMs: config.ebay.timeoutMs,
      }
    : null;
  const scopes = [...EBAY_SELLER_SCOPES, ...(config.ebay.marketplaceInsights ? [EBAY_MARKETPLACE_INSIGHTS_SCOPE] : [])];
  const serviceOptions = {
    environment: config.ebay.environment,
    marketplaceId: config.ebay.marketplaceId,
    scopes,
    defaultLocation: config.ebay.defaultLocation
      ? {
          country: config.ebay.defaultLocation.country,
          postalCode: config.ebay.defaultLocation.postalCode,
          ...(config.ebay.defaultLocation.city ? { city: config.ebay.defaultLocation.city } : {}),
          ...(config.ebay.defaultLocation.stateOrProvince ? { stateOrProvince: config.ebay.defaultLocation.stateOrProvince } : {}),
        }
      : null,
  };
  const ebayLogger = logger.child({ module: 'ebay-account' });
  if (!apiSettings || !ruName || !tokenEncryptionKeys) {
    return { apiSettings, userTokens: null, service: new EbayAccountService(repositories, null, serviceOptions, ebayLogger) };
  }
  const [{ EbayOAuthClient }, { EbaySellerSetupClient }] = await Promise.all([
    import('./adapters/ebay/ebay-oauth-client.ts'),
    import('./adapters/ebay/ebay-seller-setup-api.ts'),
  ]);
  const cipher = new AesGcmSecretCipher(tokenEncryptionKeys);
  const oauth = new EbayOAuthClient({ config: { ...apiSettings, ruName } });
  const userTokens = new EbayUserTokenProviders(
    (accountId) =>
      new EbayUserTokenProvider({
        accountId,
        environment: config.ebay.environment,
        connections: repositories.ebayConnections,
        cipher,
        oauth,
        logger: ebayLogger,
      }),
  );
  const states = new HmacOAuthStateSigner(config.ebay.stateSecret ?? deriveStateKey(tokenEncryptionKeys.current));
  const setup = new EbaySellerSetupClient({ config: apiSettings, tokensFor: (accountId) => userTokens.forAccount(accountId) });
  const service = new EbayAccountService(repositories, { authorizer: oauth, setup, cipher, states }, serviceOptions, ebayLogger);
  return { apiSettings, userTokens, service };
}

/**
 * Publishing on eBay through the Sell APIs with the seller's connected account, when account
 * connection is configured; null otherwise (listings leave as a Seller Hub CSV).
 */
async function createListingPublisher(
  config: Config,
  repositories: Repositories,
  photoStore: PhotoStore,
  ebay: EbayAccountRuntime & { service: EbayAccountService },
  logger: AppLogger,
): Promise<ListingPublisher | null> {
  const { apiSettings, userTokens } = ebay;
  if (!apiSettings || !userTokens) return null;
  const [{ EbaySellListingPublisher }, { EbayPictureUploader }, { createEbaySellerSession }] = await Promise.all([
    import('./adapters/ebay/ebay-sell-listing-publisher.ts'),
    import('./adapters/ebay/ebay-picture-uploader.ts'),
    import('./adapters/ebay/ebay-seller-session.ts'),
  ]);
  return new EbaySellListingPublisher({
    environment: config.ebay.environment,
    setup: ebay.service,
    publications: repositories.ebayPublications,
    pictures: new EbayPictureUploader({ environment: config.ebay.environment, photoStore, images: repositories.ebayImages }),
    openSession: (accountId) => createEbaySellerSession(apiSettings, userTokens.forAccount(accountId)),
    logger: logger.child({ module: 'ebay-publisher' }),
  });
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

/**
 * OCR engines in the configured order (OCR_PROVIDER, e.g. google,tesseract): Google Cloud Vision behind
 * its breaker and timeout, then the local engine. The local engine alone needs no chain.
 */
async function createOcrChain(
  config: Config,
  local: TextRecognizer,
  metrics: ExternalCallMetrics | null,
): Promise<{ recognizer: TextRecognizer; close(): Promise<void> }> {
  const { providers, google, timeoutMs } = config.ocrChain;
  if (!providers.includes('google')) return { recognizer: local, close: () => Promise.resolve() };
  const { GoogleVisionTextRecognizer, serviceAccountTokens } = await import('./adapters/ocr/google-vision-text-recognizer.ts');
  const guard = new CallGuard({
    service: 'google-vision',
    displayName: 'Google Cloud Vision',
    timeoutMs,
    breaker: config.vision.breaker,
    maxRetryAfterMs: config.vision.maxRetryAfterMs,
    rateLimitRetries: 1,
    ...(metrics ? { metrics } : {}),
  });
  const cloud = new GoogleVisionTextRecognizer({
    ...(google.apiKey ? { apiKey: google.apiKey } : { accessTokens: serviceAccountTokens(google.credentialsFile) }),
    ...(google.baseUrl ? { baseUrl: google.baseUrl } : {}),
  });
  const links: ChainedTextRecognizer[] = providers.map((name) =>
    name === 'google'
      ? { name: 'google-vision', displayName: 'Google Cloud Vision', recognizer: cloud, guard }
      : { name: 'tesseract', displayName: 'tesseract.js', recognizer: local, guard: null },
  );
  return {
    recognizer: new FallbackTextRecognizer(links),
    async close() {
      guard.shutdown();
      await cloud.close();
    },
  };
}

/**
 * The vision model of VISION_PROVIDER, wrapped from the inside out: breaker, timeout and Retry-After
 * (CallGuard), then the answer cache and the spend ledger, so a cached answer is served even while the
 * provider is down. Null with VISION_PROVIDER=none: the analysis stays offline.
 */
async function createVisionAnalyzer(
  config: Config,
  repositories: Repositories,
  metrics: ExternalCallMetrics | null,
): Promise<{ analyzer: VisionAnalyzer | null; skuPhotoClassifier: SkuPhotoClassifier | null; close(): void }> {
  const settings = config.vision;
  if (settings.provider === 'none') return { analyzer: null, skuPhotoClassifier: null, close: () => {} };
  const { OpenAiCompatibleVision } = await import('./adapters/vision/openai-compatible-vision.ts');
  const model = new OpenAiCompatibleVision({
    // A self-hosted server may want no key, but the SDK needs one to send.
    apiKey: settings.apiKey ?? 'unused',
    baseUrl: settings.baseUrl,
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    maxOutputTokens: settings.maxOutputTokens,
    prices: settings.prices,
  });
  const guard = new CallGuard({
    service: settings.baseUrl === null ? 'openai' : 'openai-compatible',
    displayName: `The vision model (${settings.model} at ${settings.baseUrl ?? 'OpenAI'})`,
    timeoutMs: settings.timeoutMs,
    breaker: settings.breaker,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    rateLimitRetries: 2,
    ...(metrics ? { metrics } : {}),
  });
  const cached = new CachedVisionAnalyzer(new GuardedVisionAnalyzer(model, guard), repositories.visionCache, repositories.aiSpend);
  return { analyzer: cached, skuPhotoClassifier: settings.skuPhotos ? cached : null, close: () => guard.shutdown() };
}

/** OpenTelemetry, loaded only when a collector is configured: unset, no tracing code runs or loads. */
async function loadConfiguredTracing(settings: Config['tracing']): Promise<OpenTelemetryTracing | null> {
  if (!settings.otlpEndpoint) return null;
  const { createConfiguredTracing } = await import('./observability/tracing.ts');
  return createConfiguredTracing(settings);
}
