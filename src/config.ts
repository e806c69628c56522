import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

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
  EBAY_CLIENT_ID: z.string().min(1).optional(),
  EBAY_CLIENT_SECRET: z.string().min(1).optional(),
  EBAY_ENVIRONMENT: z.enum(['production', 'sandbox']).default('production'),
  EBAY_MARKETPLACE_ID: z.string().regex(/^EBAY_[A-Z_]+$/, 'must be an eBay marketplace ID such as EBAY_US').default('EBAY_US'),
  EBAY_API_BASE_URL: z.url().optional(),
  EBAY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  EBAY_TAXONOMY_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  IMAGE_CONCURRENCY: z.coerce.number().int().positive().default(Math.max(1, os.availableParallelism())),
  HEIC_WORKERS: z.coerce.number().int().positive().default(1),
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
});

function parseList(value: string | undefined): string[] | null {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length > 0 ? entries : null;
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
  ebay: {
    /** Application keys (OAuth client credentials); null runs offline on the bundled categories. */
    credentials: { clientId: string; clientSecret: string } | null;
    environment: 'production' | 'sandbox';
    marketplaceId: string;
    /** Replaces eBay's API host (a proxy, or a local fake in tests). */
    apiBaseUrl: string | null;
    timeoutMs: number;
  };
  /** How long eBay's category suggestions and item specifics are kept. */
  taxonomy: { cacheTtlSeconds: number };
  images: {
    /** Photos decoded at once in this process: more than the cores buys memory use, not speed. */
    concurrency: number;
    /** Worker threads decoding HEIC (libheif in WebAssembly) off the event loop. */
    heicWorkers: number;
    /** Thresholds of the quality flags the seller sees. */
    quality: { blurryBelow: number; tooDarkBelow: number; tooBrightAbove: number; minLongestSide: number };
    /** Perceptual hashes differing in at most this many of 64 bits make two photos of a batch near duplicates. */
    nearDuplicateMaxDistance: number;
  };
  /** Where photos live: the local folder (embedded mode) or an S3-compatible bucket. */
  storage: LocalStorageConfig | S3StorageConfig;
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
    ebay: {
      credentials:
        settings.EBAY_CLIENT_ID && settings.EBAY_CLIENT_SECRET
          ? { clientId: settings.EBAY_CLIENT_ID, clientSecret: settings.EBAY_CLIENT_SECRET }
          : null,
      environment: settings.EBAY_ENVIRONMENT,
      marketplaceId: settings.EBAY_MARKETPLACE_ID,
      apiBaseUrl: settings.EBAY_API_BASE_URL ?? null,
      timeoutMs: settings.EBAY_TIMEOUT_MS,
    },
    taxonomy: { cacheTtlSeconds: settings.EBAY_TAXONOMY_CACHE_TTL_SECONDS },
    images: {
      concurrency: settings.IMAGE_CONCURRENCY,
      heicWorkers: settings.HEIC_WORKERS,
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
