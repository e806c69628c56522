import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { ItemAttributes, MeasurementClaim, WeightReading } from '../../contracts/attributes.ts';
import type { PhotoReadings } from '../../contracts/readings.ts';
import type { ErrorCode } from '../../contracts/errors.ts';
import type { BatchStatus, ConditionId, ItemFlag, ItemStatus, OcrText, PriceEstimate } from '../../contracts/item.ts';
import type { Barcode, PhotoRole, PhotoStatus, QualityFlags, SupportedImageType } from '../../contracts/photo.ts';
import type { StageName, StageRunStatus } from '../../contracts/stages.ts';
import type { ListingDraft } from '../../contracts/item.ts';
import type { ListingComposition, ListingField, ListingVersionSource, PreflightReport } from '../../contracts/listing.ts';

/** A nullable timestamptz column: read as a Date, written as a Date or an ISO string. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A timestamptz column the database fills with now() when it is left out. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/**
 * A jsonb column: read as the parsed value, written as JSON text. Writing text (never a raw
 * object) keeps pg from turning JS arrays into Postgres array literals.
 */
type Json<T> = ColumnType<T, string, string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

/** uuid primary key: the app passes crypto.randomUUID(), the database has gen_random_uuid() too. */
type Id = Generated<string>;
/** bigint identity, in insertion order: a stable order where created_at can tie. */
type InsertionOrder = GeneratedAlways<number>;

export type UserRole = 'owner' | 'admin' | 'member';

export interface AccountsTable {
  id: Id;
  name: string;
  /** True for the single local account of embedded mode (a partial unique index keeps it single). */
  is_default: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Id;
  account_id: string;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  role: Generated<UserRole>;
  created_at: CreatedAt;
}

export interface BatchesTable {
  id: Id;
  account_id: string;
  name: string;
  status: Generated<BatchStatus>;
  submitted_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface PhotosTable {
  id: Id;
  batch_id: string;
  sequence: number;
  original_name: string;
  sha256: string;
  /** bigint in the database, parsed to a JS number on both engines. */
  bytes: number;
  original_key: string;
  status: Generated<PhotoStatus>;
  error_code: ErrorCode | null;
  error_message: string | null;
  mime_type: SupportedImageType | null;
  width: number | null;
  height: number | null;
  captured_at: NullableTimestamp;
  thumbnail_key: string | null;
  ai_key: string | null;
  ebay_key: string | null;
  quality: NullableJson<QualityFlags>;
  barcodes: JsonWithDefault<Barcode[]>;
  item_id: string | null;
  role: Generated<PhotoRole>;
  /** Order of the photo within its item, as segmentation listed it. */
  position_in_item: number | null;
  /** What was read from the photo, by kind (migration 0003). */
  readings: JsonWithDefault<PhotoReadings>;
  /** 64-bit perceptual hash, 16 hex digits (migration 0004). */
  perceptual_hash: Generated<string | null>;
  /** The earliest photo of the batch this one nearly duplicates (migration 0004). */
  near_duplicate_of: Generated<string | null>;
  created_at: CreatedAt;
}

export interface ItemsTable {
  id: Id;
  batch_id: string;
  position: number;
  sku: string | null;
  sku_photo_id: string | null;
  weight: NullableJson<WeightReading>;
  product_code: string | null;
  flags: JsonWithDefault<ItemFlag[]>;
  status: Generated<ItemStatus>;
  status_reason: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AnalysesTable {
  id: Id;
  item_id: string;
  provider: string;
  attributes: Json<ItemAttributes>;
  ocr: Json<OcrText[]>;
  degraded: string | null;
  /** Garment measurements with their evidence (migration 0003). */
  measurements: JsonWithDefault<MeasurementClaim[]>;
  created_at: CreatedAt;
}

export interface ListingsTable {
  id: Id;
  item_id: string;
  title: string;
  description_html: string;
  category_id: string;
  category_name: string;
  condition_id: ConditionId;
  condition_description: string | null;
  aspects: Json<Record<string, string[]>>;
  product_code: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PriceEstimatesTable {
  id: Id;
  item_id: string;
  estimate: Json<PriceEstimate>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface StageRunsTable {
  id: Id;
  insertion_order: InsertionOrder;
  stage: StageName;
  subject_id: string;
  batch_id: string;
  item_id: string | null;
  photo_id: string | null;
  status: Generated<StageRunStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface DeadLettersTable {
  id: Id;
  insertion_order: InsertionOrder;
  stage_run_id: string;
  stage: StageName;
  batch_id: string;
  subject_id: string;
  payload: Json<unknown>;
  error_code: ErrorCode;
  reason: string;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Id;
  insertion_order: InsertionOrder;
  account_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: JsonWithDefault<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface ListingVersionsTable {
  id: Id;
  item_id: string;
  version: number;
  source: ListingVersionSource;
  actor: string;
  note: string | null;
  draft: Json<ListingDraft>;
  edited_fields: Json<ListingField[]>;
  preflight: Json<PreflightReport>;
  composition: NullableJson<ListingComposition>;
  created_at: CreatedAt;
}

export interface TaxonomyCacheTable {
  key: string;
  value: Json<unknown>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_at: CreatedAt;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  batches: BatchesTable;
  photos: PhotosTable;
  items: ItemsTable;
  analyses: AnalysesTable;
  listings: ListingsTable;
  price_estimates: PriceEstimatesTable;
  stage_runs: StageRunsTable;
  dead_letters: DeadLettersTable;
  audit_log: AuditLogTable;
  listing_versions: ListingVersionsTable;
  taxonomy_cache: TaxonomyCacheTable;
}

export type PhotoRow = Selectable<PhotosTable>;
export type ItemRow = Selectable<ItemsTable>;
export type BatchRow = Selectable<BatchesTable>;
export type StageRunRow = Selectable<StageRunsTable>;
export type DeadLetterRow = Selectable<DeadLettersTable>;
export type NewPhotoRow = Insertable<PhotosTable>;
