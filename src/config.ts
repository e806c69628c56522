import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DETAIL_POLICY_NAMES, type DetailPolicy } from './domain/analysis/detail-policy.ts';
import { DEFAULT_PRICE_TABLE, type PriceTable } from './domain/analysis/model-prices.ts';

const ConfigSchema = z.object({
  EASYFLIP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(100_000_000),
  MAX_PHOTOS_PER_BATCH: z.coerce.number().int().positive().default(2000),
  SKU_PATTERN: z
    .string()
    .optional()
    .refine((source) => source === undefined || isValidRegex(source), 'must be a valid regular expression'),
  TIME_GAP_MINUTES: z.coerce.number().positive().default(30),
  SCALE_UNIT: z.enum(['lb', 'kg', 'oz', 'g']).optional(),
  OCR_WORKERS: z.coerce.number().int().positive().default(Math.max(1, os.availableParallelism())),
  QUEUE_MODE: z.enum(['in-process', 'bullmq']).default('in-process'),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('easyflip'),
  WORKER_QUEUES: z.string().optional(),
  RECONCILE_INTERVAL_SECONDS: z.coerce.number().min(0).default(30),
  RECONCILE_RUNNING_GRACE_SECONDS: z.coerce.number().min(0).default(120),
  METRICS_ENABLED: z.enum(['true', 'false', '1', '0']).default('true'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('easyflip'),
  ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  EBAY_CLIENT_ID: z.string().min(1).optional(),
  EBAY_CLIENT_SECRET: z.string().min(1).optional(),
  EBAY_ENVIRONMENT: z.enum(['production', 'sandbox']).default('production'),
  EBAY_MARKETPLACE_ID: z.string().regex(/^EBAY_[A-Z_]+$/, 'must be an eBay marketplace ID such as EBAY_US').default('EBAY_US'),
  EBAY_API_BASE_URL: z.url().optional(),
  EBAY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  EBAY_AUTH_BASE_URL: z.url().optional(),
  EBAY_RU_NAME: z.string().min(1).optional(),
  EBAY_TOKEN_ENCRYPTION_KEY: z.string().refine((value) => decodeEncryptionKey(value) !== null, 'must be 32 bytes, as 64 hex digits or base64').optional(),
  EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .refine((value) => (parseList(value) ?? []).every((key) => decodeEncryptionKey(key) !== null), 'each key must be 32 bytes, as 64 hex digits or base64')
    .optional(),
  EBAY_STATE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EBAY_MARKETPLACE_INSIGHTS: z.enum(['true', 'false', '1', '0']).default('false'),
  EBAY_LOCATION_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US').optional(),
  EBAY_LOCATION_POSTAL_CODE: z.string().min(1).optional(),
  EBAY_LOCATION_CITY: z.string().min(1).optional(),
  EBAY_LOCATION_STATE: z.string().min(1).optional(),
  EBAY_TAXONOMY_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  AUTO_PUBLISH: z.enum(['true', 'false', '1', '0']).default('false'),
  IMAGE_CONCURRENCY: z.coerce.number().int().positive().default(Math.max(1, os.availableParallelism())),
  HEIC_WORKERS: z.coerce.number().int().positive().default(1),
  BARCODE_THREADS: z.coerce.number().int().positive().default(1),
  QUALITY_BLURRY_BELOW: z.coerce.number().min(0).default(50),
  QUALITY_TOO_DARK_BELOW: z.coerce.number().min(0).max(255).default(30),
  QUALITY_TOO_BRIGHT_ABOVE: z.coerce.number().min(0).max(255).default(240),
  QUALITY_MIN_LONGEST_SIDE: z.coerce.number().int().min(0).default(500),
  NEAR_DUPLICATE_MAX_DISTANCE: z.coerce.number().int().min(0).max(64).default(12),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).optional(),
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'folder names ending in /, such as easyflip/').default(''),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  VISION_PROVIDER: z.enum(['none', 'openai']).default('none'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  VISION_MODEL: z.string().min(1).default('gpt-4o-mini'),
  VISION_DETAIL_POLICY: z.enum(DETAIL_POLICY_NAMES).default('tags-high'),
  VISION_MAX_PHOTOS: z.coerce.number().int().min(1).max(20).default(6),
  VISION_HIGH_DETAIL_PHOTOS: z.coerce.number().int().min(0).default(1),
  VISION_HIGH_DETAIL_TILES: z.coerce.number().int().min(1).max(16).default(1),
  VISION_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  VISION_MAX_OUTPUT_TOKENS: z.coerce.number().int().positive().default(800),
  VISION_SKU_PHOTOS: z.enum(['true', 'false', '1', '0']).default('false'),
  VISION_PRICES: z
    .string()
    .optional()
    .refine((text) => text === undefined || ConfiguredPrices.safeParse(parseJson(text)).success, 'must be JSON: {"model": {"inputPerMillion": 0.15, "outputPerMillion": 0.6, "image": {...}}}'),
  VISION_BREAKER_MIN_CALLS: z.coerce.number().int().min(1).default(3),
  VISION_BREAKER_ERROR_PERCENT: z.coerce.number().min(1).max(100).default(50),
  VISION_BREAKER_RESET_SECONDS: z.coerce.number().positive().default(30),
  VISION_MAX_RETRY_AFTER_SECONDS: z.coerce.number().min(0).default(20),
  OCR_PROVIDER: z
    .string()
    .default('tesseract')
    .refine((text) => (parseList(text) ?? []).every((name) => name === 'google' || name === 'tesseract'), 'a list of google and tesseract, such as google,tesseract'),
  GOOGLE_VISION_API_KEY: z.string().min(1).optional(),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().min(1).optional(),
  GOOGLE_VISION_BASE_URL: z.url().optional(),
  OCR_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

const ImageTokenRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tiles'), baseTokens: z.number().nonnegative(), tileTokens: z.number().nonnegative() }),
  z.object({ kind: z.literal('patches'), multiplier: z.number().positive(), maxPatches: z.number().int().positive() }),
]);
/** VISION_PRICES: per model, dollars per million tokens in and out, and how it counts images. */
const ConfiguredPrices = z.record(
  z.string().min(1),
  z.object({
    inputPerMillion: z.number().nonnegative(),
    cachedInputPerMillion: z.number().nonnegative().optional(),
    outputPerMillion: z.number().nonnegative(),
    image: ImageTokenRuleSchema,
  }),
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseList(value: string | undefined): string[] | null {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length > 0 ? entries : null;
}

/** A 32-byte key written as 64 hex digits or as base64; null when it is neither. */
function decodeEncryptionKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : null;
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  dataDir: string;
  /** Where photos live in embedded mode. */
  photoDir: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  redisUrl: string | null;
  http: { host: string; port: number; publicBaseUrl: string | null };
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  limits: { maxUploadBytes: number; maxImagePixels: number; maxPhotosPerBatch: number };
  segmentation: {
    skuPattern: string | null;
    timeGapMinutes: number;
    /** The unit the seller's scale shows, for displays whose unit sign cannot be read. */
    scaleUnit: 'lb' | 'kg' | 'oz' | 'g' | null;
  };
  ocr: { workers: number };
  queue: {
    /** in-process: the embedded runner; bullmq: BullMQ on REDIS_URL, workers in any process. */
    mode: 'in-process' | 'bullmq';
    /** Prefix of every Redis key, so several installations (or tests) share one Redis. */
    prefix: string;
    /** The catalog queues this process works on; null for all of them. */
    workerQueues: string[] | null;
    /** How often the reconciler puts lost work back; 0 runs it at start only. */
    reconcileIntervalSeconds: number;
    /** A run marked running whose job is gone is put back only after this long. */
    runningGraceSeconds: number;
  };
  metrics: { enabled: boolean };
  /** OpenTelemetry traces, exported by OTLP/HTTP to `otlpEndpoint`; null traces nothing. */
  tracing: { otlpEndpoint: string | null; serviceName: string };
  /** The credential of the admin views (the queue board); null leaves them unmounted. */
  admin: { token: string | null };
  ebay: {
    /** Application keys (OAuth client credentials); null runs offline on the bundled categories. */
    credentials: { clientId: string; clientSecret: string } | null;
    environment: 'production' | 'sandbox';
    marketplaceId: string;
    /** Replaces eBay's API host (a proxy, or a local fake in tests). */
    apiBaseUrl: string | null;
    timeoutMs: number;
    /** Replaces eBay's sign-in host (auth.ebay.com) in consent links: a local fake in tests. */
    authBaseUrl: string | null;
    /** The RuName of the application: eBay's redirect_uri for the seller's consent. */
    ruName: string | null;
    /** Keys that encrypt sellers' refresh tokens at rest (AES-256-GCM); previous ones only decrypt. */
    tokenEncryptionKeys: { current: Buffer; previous: Buffer[] } | null;
    /** Signs the OAuth state; null derives it from the current token-encryption key. */
    stateSecret: string | null;
    /** Ask sellers for the Marketplace Insights scope (sold comparables; limited release). */
    marketplaceInsights: boolean;
    /** The address of the inventory location created when the seller has none. */
    defaultLocation: { country: string; postalCode: string; city: string | null; stateOrProvince: string | null } | null;
  };
  /** How long eBay's category suggestions and item specifics are kept. */
  taxonomy: { cacheTtlSeconds: number };
  /** Off: items wait in review until the seller approves them; on: clean, priced items publish once composed. */
  publishing: { autoPublish: boolean };
  images: {
    /** Photos decoded at once in this process: more than the cores buys memory use, not speed. */
    concurrency: number;
    /** Worker threads decoding HEIC (libheif in WebAssembly) off the event loop. */
    heicWorkers: number;
    /** Worker threads scanning photos for barcodes (zxing in WebAssembly) off the event loop. */
    barcodeThreads: number;
    /** Thresholds of the quality flags the seller sees. */
    quality: { blurryBelow: number; tooDarkBelow: number; tooBrightAbove: number; minLongestSide: number };
    /** Perceptual hashes differing in at most this many of 64 bits make two photos of a batch near duplicates. */
    nearDuplicateMaxDistance: number;
  };
  /** Where photos live: the local folder (embedded mode) or an S3-compatible bucket. */
  storage: LocalStorageConfig | S3StorageConfig;
  /** The vision model each item's photos are shown to; `none` keeps the analysis offline. */
  vision: VisionConfig;
  /** OCR engines in the order they are tried. */
  ocrChain: {
    providers: Array<'google' | 'tesseract'>;
    google: { apiKey: string | null; credentialsFile: string | null; baseUrl: string | null };
    timeoutMs: number;
  };
}

export interface VisionConfig {
  provider: 'none' | 'openai';
  /** OpenAI's key; for a self-hosted server, whatever it expects. */
  apiKey: string | null;
  /** A compatible server's `/v1` URL; null for OpenAI. */
  baseUrl: string | null;
  model: string;
  policy: DetailPolicy;
  timeoutMs: number;
  maxOutputTokens: number;
  /** Ask the model about photos that neither a barcode nor their text marks as SKU photos (a call per photo). */
  skuPhotos: boolean;
  /** The built-in prices with VISION_PRICES laid over them. */
  prices: PriceTable;
  breaker: { minCalls: number; errorPercent: number; resetMs: number; windowMs: number };
  /** A 429 asking to wait longer than this falls back to the offline analysis at once. */
  maxRetryAfterMs: number;
}

export interface LocalStorageConfig {
  driver: 'local';
  dir: string;
}

export interface S3StorageConfig {
  driver: 's3';
  bucket: string;
  region: string;
  /** Another S3-compatible service (MinIO, R2, ...); null for AWS. */
  endpoint: string | null;
  /** Bucket in the path (`host/bucket/key`) rather than the host name, as most self-hosted services want. */
  forcePathStyle: boolean;
  /** Folder inside the bucket, '' or ending in '/'. */
  prefix: string;
  /** Null: the SDK's usual chain (environment, profile, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Local folder where uploads are spooled while their hash is computed. */
  spoolDir: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the settings from an environment (process.env by default); throws ConfigError naming each bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const settings = parsed.data;
  if (Boolean(settings.EBAY_CLIENT_ID) !== Boolean(settings.EBAY_CLIENT_SECRET)) {
    throw new ConfigError(['EBAY_CLIENT_ID, EBAY_CLIENT_SECRET: set both eBay application keys, or neither']);
  }
  if (settings.QUEUE_MODE === 'bullmq' && !settings.REDIS_URL) {
    throw new ConfigError(['QUEUE_MODE: bullmq needs REDIS_URL']);
  }
  if (settings.STORAGE_DRIVER === 's3' && !settings.S3_BUCKET) {
    throw new ConfigError(['S3_BUCKET: STORAGE_DRIVER=s3 needs the bucket name']);
  }
  if (Boolean(settings.S3_ACCESS_KEY_ID) !== Boolean(settings.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(['S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither to use the usual AWS credential chain']);
  }
  if (settings.VISION_PROVIDER === 'openai' && !settings.OPENAI_API_KEY && !settings.OPENAI_BASE_URL) {
    throw new ConfigError(['OPENAI_API_KEY: VISION_PROVIDER=openai needs the key, or OPENAI_BASE_URL for a self-hosted compatible server']);
  }
  const ocrProviders = (parseList(settings.OCR_PROVIDER) ?? ['tesseract']) as Array<'google' | 'tesseract'>;
  if (ocrProviders.includes('google') && !settings.GOOGLE_VISION_API_KEY && !settings.GOOGLE_APPLICATION_CREDENTIALS) {
    throw new ConfigError(['GOOGLE_VISION_API_KEY: OCR_PROVIDER google needs an API key or GOOGLE_APPLICATION_CREDENTIALS']);
  }
  const dataDir = path.resolve(settings.EASYFLIP_DATA_DIR);
  return {
    dataDir,
    photoDir: path.join(dataDir, 'photos'),
    database: settings.DATABASE_URL
      ? { kind: 'postgres', url: settings.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'db') },
    redisUrl: settings.REDIS_URL ?? null,
    http: { host: settings.HOST, port: settings.PORT, publicBaseUrl: settings.PUBLIC_BASE_URL ?? null },
    logLevel: settings.LOG_LEVEL,
    limits: {
      maxUploadBytes: settings.MAX_UPLOAD_BYTES,
      maxImagePixels: settings.MAX_IMAGE_PIXELS,
      maxPhotosPerBatch: settings.MAX_PHOTOS_PER_BATCH,
    },
    segmentation: {
      skuPattern: settings.SKU_PATTERN ?? null,
      timeGapMinutes: settings.TIME_GAP_MINUTES,
      scaleUnit: settings.SCALE_UNIT ?? null,
    },
    ocr: { workers: settings.OCR_WORKERS },
    queue: {
      mode: settings.QUEUE_MODE,
      prefix: settings.QUEUE_PREFIX,
      workerQueues: parseList(settings.WORKER_QUEUES),
      reconcileIntervalSeconds: settings.RECONCILE_INTERVAL_SECONDS,
      runningGraceSeconds: settings.RECONCILE_RUNNING_GRACE_SECONDS,
    },
    metrics: { enabled: settings.METRICS_ENABLED === 'true' || settings.METRICS_ENABLED === '1' },
    tracing: { otlpEndpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT ?? null, serviceName: settings.OTEL_SERVICE_NAME },
    admin: { token: settings.ADMIN_TOKEN ?? null },
    ebay: {
      credentials:
        settings.EBAY_CLIENT_ID && settings.EBAY_CLIENT_SECRET
          ? { clientId: settings.EBAY_CLIENT_ID, clientSecret: settings.EBAY_CLIENT_SECRET }
          : null,
      environment: settings.EBAY_ENVIRONMENT,
      marketplaceId: settings.EBAY_MARKETPLACE_ID,
      apiBaseUrl: settings.EBAY_API_BASE_URL ?? null,
      timeoutMs: settings.EBAY_TIMEOUT_MS,
      authBaseUrl: settings.EBAY_AUTH_BASE_URL ?? null,
      ruName: settings.EBAY_RU_NAME ?? null,
      tokenEncryptionKeys: settings.EBAY_TOKEN_ENCRYPTION_KEY
        ? {
            current: decodeEncryptionKey(settings.EBAY_TOKEN_ENCRYPTION_KEY)!,
            previous: (parseList(settings.EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS) ?? []).map((key) => decodeEncryptionKey(key)!),
          }
        : null,
      stateSecret: settings.EBAY_STATE_SECRET ?? null,
      marketplaceInsights: settings.EBAY_MARKETPLACE_INSIGHTS === 'true' || settings.EBAY_MARKETPLACE_INSIGHTS === '1',
      defaultLocation:
        settings.EBAY_LOCATION_COUNTRY && settings.EBAY_LOCATION_POSTAL_CODE
          ? {
              country: settings.EBAY_LOCATION_COUNTRY,
              postalCode: settings.EBAY_LOCATION_POSTAL_CODE,
              city: settings.EBAY_LOCATION_CITY ?? null,
              stateOrProvince: settings.EBAY_LOCATION_STATE ?? null,
            }
          : null,
    },
    taxonomy: { cacheTtlSeconds: settings.EBAY_TAXONOMY_CACHE_TTL_SECONDS },
    publishing: { autoPublish: settings.AUTO_PUBLISH === 'true' || settings.AUTO_PUBLISH === '1' },
    images: {
      concurrency: settings.IMAGE_CONCURRENCY,
      heicWorkers: settings.HEIC_WORKERS,
      barcodeThreads: settings.BARCODE_THREADS,
      quality: {
        blurryBelow: settings.QUALITY_BLURRY_BELOW,
        tooDarkBelow: settings.QUALITY_TOO_DARK_BELOW,
        tooBrightAbove: settings.QUALITY_TOO_BRIGHT_ABOVE,
        minLongestSide: settings.QUALITY_MIN_LONGEST_SIDE,
      },
      nearDuplicateMaxDistance: settings.NEAR_DUPLICATE_MAX_DISTANCE,
    },
    storage:
      settings.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            bucket: settings.S3_BUCKET!,
            region: settings.S3_REGION,
            endpoint: settings.S3_ENDPOINT ?? null,
            forcePathStyle: settings.S3_FORCE_PATH_STYLE === 'true' || settings.S3_FORCE_PATH_STYLE === '1',
            prefix: settings.S3_PREFIX,
            credentials:
              settings.S3_ACCESS_KEY_ID && settings.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY }
                : null,
            spoolDir: path.join(dataDir, 'spool'),
          }
        : { driver: 'local', dir: path.join(dataDir, 'photos') },
    vision: {
      provider: settings.VISION_PROVIDER,
      apiKey: settings.OPENAI_API_KEY ?? null,
      baseUrl: settings.OPENAI_BASE_URL ?? null,
      model: settings.VISION_MODEL,
      policy: {
        name: settings.VISION_DETAIL_POLICY,
        maxPhotos: settings.VISION_MAX_PHOTOS,
        maxHighDetail: settings.VISION_HIGH_DETAIL_PHOTOS,
        highDetailTiles: settings.VISION_HIGH_DETAIL_TILES,
      },
      timeoutMs: settings.VISION_TIMEOUT_MS,
      maxOutputTokens: settings.VISION_MAX_OUTPUT_TOKENS,
      skuPhotos: settings.VISION_SKU_PHOTOS === 'true' || settings.VISION_SKU_PHOTOS === '1',
      prices: { ...DEFAULT_PRICE_TABLE, ...(settings.VISION_PRICES ? ConfiguredPrices.parse(JSON.parse(settings.VISION_PRICES)) : {}) },
      breaker: {
        minCalls: settings.VISION_BREAKER_MIN_CALLS,
        errorPercent: settings.VISION_BREAKER_ERROR_PERCENT,
        resetMs: settings.VISION_BREAKER_RESET_SECONDS * 1000,
        windowMs: Math.max(10_000, settings.VISION_BREAKER_RESET_SECONDS * 2000),
      },
      maxRetryAfterMs: settings.VISION_MAX_RETRY_AFTER_SECONDS * 1000,
    },
    ocrChain: {
      providers: ocrProviders,
      google: {
        apiKey: settings.GOOGLE_VISION_API_KEY ?? null,
        credentialsFile: settings.GOOGLE_APPLICATION_CREDENTIALS ?? null,
        baseUrl: settings.GOOGLE_VISION_BASE_URL ?? null,
      },
      timeoutMs: settings.OCR_TIMEOUT_MS,
    },
  };
}

/** Loads `.env` from the working directory when there is one; real environment variables win. */
export function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
