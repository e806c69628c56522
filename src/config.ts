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
  OCR_WORKERS: z.coerce.number().int().positive().default(Math.max(1, os.availableParallelism())),
});

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
  segmentation: { skuPattern: string | null; timeGapMinutes: number };
  ocr: { workers: number };
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
    segmentation: { skuPattern: settings.SKU_PATTERN ?? null, timeGapMinutes: settings.TIME_GAP_MINUTES },
    ocr: { workers: settings.OCR_WORKERS },
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
