import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { ItemAttributes, MeasurementClaim, WeightReading } from '../../contracts/attributes.ts';
import type { PhotoReadings } from '../../contracts/readings.ts';
import type { ErrorCode } from '../../contracts/errors.ts';
import type { BatchStatus, ConditionId, ItemFlag, ItemStatus, OcrText, PriceEstimate } from '../../contracts/item.ts';
import type { Barcode, PhotoRole, PhotoStatus, QualityFlags, SupportedImageType } from '../../contracts/photo.ts';
import type { StageName, StageRunStatus } from '../../contracts/stages.ts';
import type { ListingDraft } from '../../contracts/item.ts';
import type { ListingComposition, ListingField, ListingVersionSource, PreflightReport } from '../../contracts/listing.ts';
import type { MarketplaceEnvironment, PublicationState } from '../../ports/publication-repositories.ts';
import type { EbayConnectionStatus, EbayEnvironmentName } from '../../ports/ebay-connection-repository.ts';
import type { AttributeConflict, AnalysisCost, UnverifiedClaim } from '../../contracts/item.ts';
import type { AiSpendEntry, CachedVisionAnswer } from '../../ports/ai-spend.ts';

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
  /** Where the tags' text and the vision model disagree (migration 0007). */
  conflicts: JsonWithDefault<AttributeConflict[]>;
  /** Vision claims no photo backs (migration 0007). */
  unverified: JsonWithDefault<UnverifiedClaim[]>;
  /** What the analysis cost; null for the offline analyser (migration 0007). */
  cost: NullableJson<AnalysisCost>;
  prompt_version: string | null;
  created_at: CreatedAt;
}

/** One paid model call (migration 0007). */
export interface AiSpendTable {
  id: Id;
  batch_id: string | null;
  item_id: string | null;
  photo_id: string | null;
  provider: string;
  model: string;
  operation: AiSpendEntry['operation'];
  prompt_version: string;
  input_tokens: number;
  cached_input_tokens: Generated<number>;
  output_tokens: number;
  image_tokens: Generated<number>;
  cost_usd: number;
  created_at: CreatedAt;
}

/** A validated model answer under the hash of what was asked (migration 0007). */
export interface VisionCacheTable {
  key: string;
  operation: AiSpendEntry['operation'];
  answer: Json<CachedVisionAnswer>;
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

/** Items being published in a group, and the outcomes left for their own jobs (migration 0008). */
export interface PublishClaimsTable {
  item_id: string;
  batch_id: string;
  token: string;
  leader_item_id: string;
  leader_attempt: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  outcome: 'failed' | 'retry' | null;
  message: string | null;
  created_at: CreatedAt;
}

/** Each item's steps of publishing on eBay (migration 0006). */
export interface EbayPublicationsTable {
  item_id: string;
  environment: MarketplaceEnvironment;
  marketplace_id: string;
  sku: string;
  state: Generated<PublicationState>;
  offer_id: string | null;
  listing_id: string | null;
  listing_url: string | null;
  last_error: string | null;
  published_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** eBay Picture Service URLs by the hash of the bytes uploaded (migration 0006). */
export interface EbayImagesTable {
  environment: MarketplaceEnvironment;
  content_hash: string;
  image_id: string | null;
  image_url: string;
  expires_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** The seller's eBay account, tokens encrypted (migration 0005). */
export interface EbayConnectionsTable {
  id: Id;
  account_id: string;
  environment: EbayEnvironmentName;
  status: Generated<EbayConnectionStatus>;
  status_reason: string | null;
  scopes: Json<string[]>;
  refresh_token_ciphertext: string;
  refresh_token_key_id: string;
  refresh_token_expires_at: NullableTimestamp;
  access_token_ciphertext: string | null;
  access_token_key_id: string | null;
  access_token_expires_at: NullableTimestamp;
  fulfillment_policy_id: string | null;
  payment_policy_id: string | null;
  return_policy_id: string | null;
  merchant_location_key: string | null;
  connected_at: CreatedAt;
  updated_at: CreatedAt;
}

/** One-time states of eBay consent flows under way (migration 0005). */
export interface EbayOAuthStatesTable {
  nonce: string;
  account_id: string;
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
  ebay_publications: EbayPublicationsTable;
  publish_claims: PublishClaimsTable;
  ebay_images: EbayImagesTable;
  ebay_connections: EbayConnectionsTable;
  ebay_oauth_states: EbayOAuthStatesTable;
  ai_spend: AiSpendTable;
  vision_cache: VisionCacheTable;
}

export type PhotoRow = Selectable<PhotosTable>;
export type ItemRow = Selectable<ItemsTable>;
export type BatchRow = Selectable<BatchesTable>;
export type StageRunRow = Selectable<StageRunsTable>;
export type DeadLetterRow = Selectable<DeadLettersTable>;
export type NewPhotoRow = Insertable<PhotosTable>;
