import type { ItemAttributes, WeightReading } from '../contracts/attributes.ts';
import type { ErrorCode } from '../contracts/errors.ts';
import type { Analysis, BatchStatus, ItemFlag, ItemStatus, ListingDraft, PriceEstimate } from '../contracts/item.ts';
import type { Barcode, PhotoRole, PhotoStatus, QualityFlags, SupportedImageType } from '../contracts/photo.ts';
import type { ListingVersionRepository, TaxonomyCache } from './listing-taxonomy.ts';
import type { MarketplaceImageRepository, PublicationRepository } from './publication-repositories.ts';
import type { EbayConnectionRepository } from './ebay-connection-repository.ts';
import type { AiSpendRepository, VisionAnswerCache } from './ai-spend.ts';
import type { PublishClaimRepository } from './publish-claim-repository.ts';
import type { PhotoReadings } from '../contracts/readings.ts';
import type { StageName, StageRunStatus } from '../contracts/stages.ts';

export interface BatchRecord {
  id: string;
  accountId: string;
  name: string;
  status: BatchStatus;
  submittedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
}

export interface PhotoRecord {
  id: string;
  batchId: string;
  /** Upload order within the batch, from 1. */
  sequence: number;
  originalName: string;
  sha256: string;
  bytes: number;
  originalKey: string;
  status: PhotoStatus;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  mimeType: SupportedImageType | null;
  width: number | null;
  height: number | null;
  capturedAt: Date | null;
  thumbnailKey: string | null;
  aiKey: string | null;
  ebayKey: string | null;
  quality: QualityFlags | null;
  barcodes: Barcode[];
  /** 64-bit perceptual hash (16 hex digits), once ingested. */
  perceptualHash?: string | null;
  /** The earliest photo of the batch this one nearly duplicates (also in `quality.nearDuplicateOf`). */
  nearDuplicateOf?: string | null;
  itemId: string | null;
  role: PhotoRole;
  createdAt: Date;
}

export interface IngestedPhoto {
  mimeType: SupportedImageType;
  width: number;
  height: number;
  capturedAt: Date | null;
  thumbnailKey: string;
  aiKey: string;
  ebayKey: string;
  quality: QualityFlags;
  barcodes: Barcode[];
  perceptualHash?: string | null;
}

/** A photo's perceptual hash with what near-duplicate detection needs around it. */
export interface PhotoHashRecord {
  id: string;
  sequence: number;
  perceptualHash: string;
  nearDuplicateOf: string | null;
}

export interface ItemRecord {
  id: string;
  batchId: string;
  /** Order of the item within its batch, from 1. */
  position: number;
  sku: string | null;
  skuPhotoId: string | null;
  weight: WeightReading | null;
  productCode: string | null;
  flags: ItemFlag[];
  status: ItemStatus;
  statusReason: string | null;
  createdAt: Date;
}

export interface NewItem {
  position: number;
  sku: string | null;
  skuPhotoId: string | null;
  weight: WeightReading | null;
  productCode: string | null;
  flags: ItemFlag[];
  /** Every photo of the item, SKU photo included. */
  photoIds: string[];
}

export interface PhotoAssignment {
  photoId: string;
  itemId: string | null;
  role: PhotoRole;
}

export interface StageRunRecord {
  id: string;
  stage: StageName;
  /** The photo, batch or item the stage works on. */
  subjectId: string;
  batchId: string;
  status: StageRunStatus;
  attempts: number;
  lastError: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface DeadLetterRecord {
  id: string;
  stageRunId: string;
  stage: StageName;
  batchId: string;
  subjectId: string;
  payload: unknown;
  errorCode: ErrorCode;
  reason: string;
  createdAt: Date;
}

export interface AnalysisRecord extends Analysis {
  itemId: string;
  attributes: ItemAttributes;
  createdAt: Date;
}

export interface ListingRecord extends ListingDraft {
  itemId: string;
  updatedAt: Date;
}

export interface PriceEstimateRecord {
  itemId: string;
  estimate: PriceEstimate;
  updatedAt: Date;
}

export interface BatchRepository {
  create(input: { accountId: string; name: string }): Promise<BatchRecord>;
  get(id: string): Promise<BatchRecord | null>;
  /** open → processing; returns false when the batch was not open. */
  submit(id: string): Promise<boolean>;
  markCompleted(id: string): Promise<void>;
  /** completed → processing, when regrouped items go through the pipeline again; false when it was not completed. */
  reopen(id: string): Promise<boolean>;
  listByStatus(status: BatchStatus): Promise<BatchRecord[]>;
}

export interface PhotoRepository {
  /**
   * Records an uploaded original. The same bytes uploaded twice to one batch are one photo:
   * the existing record comes back with `created: false`.
   */
  addReceived(input: {
    batchId: string;
    originalName: string;
    sha256: string;
    bytes: number;
    originalKey: string;
  }): Promise<{ photo: PhotoRecord; created: boolean }>;
  get(id: string): Promise<PhotoRecord | null>;
  listByBatch(batchId: string): Promise<PhotoRecord[]>;
  countByBatch(batchId: string): Promise<number>;
  markIngested(id: string, result: IngestedPhoto): Promise<void>;
  markRejected(id: string, error: { code: ErrorCode; message: string }): Promise<void>;
  /** Every ingested photo of the batch that has a perceptual hash. */
  listPerceptualHashes(batchId: string): Promise<PhotoHashRecord[]>;
  /**
   * Marks `photoId` as a near duplicate of `ofPhotoId`, unless it already points at a photo that
   * came earlier in the batch: the earliest look-alike wins, whatever order photos finish in.
   */
  markNearDuplicate(photoId: string, ofPhotoId: string): Promise<void>;
}

/** One item as a regrouping leaves it; `id` null for an item the regrouping creates. */
export interface RegroupedItemRecord {
  id: string | null;
  position: number;
  sku: string | null;
  skuPhotoId: string | null;
  weight: WeightReading | null;
  productCode: string | null;
  flags: ItemFlag[];
  /** Every photo of the item, SKU photo first. */
  photoIds: string[];
}

export interface ItemRegrouping {
  /** Every item of the batch after the change, untouched ones included (their positions may move). */
  items: RegroupedItemRecord[];
  orphanPhotoIds: string[];
  deletedItemIds: string[];
  /** Existing items whose photos changed: their fields and photo assignments are rewritten. */
  touchedItemIds: string[];
}

export interface ItemRepository {
  /**
   * Replaces the batch's items with `items` and assigns every photo of the batch
   * (photos not listed become orphans or stay rejected), all in one transaction.
   */
  replaceForBatch(batchId: string, items: NewItem[], orphanPhotoIds: string[]): Promise<ItemRecord[]>;
  get(id: string): Promise<ItemRecord | null>;
  listByBatch(batchId: string): Promise<ItemRecord[]>;
  listPhotos(itemId: string): Promise<PhotoRecord[]>;
  setStatus(id: string, status: ItemStatus, reason?: string | null): Promise<void>;
  /**
   * Applies a regrouping by hand in one transaction: creates, rewrites and deletes items, reassigns
   * photos and renumbers positions. Returns the created items' ids in the order of `items`.
   * Untouched items keep their analysis, listing and stage runs.
   */
  applyRegrouping(batchId: string, regrouping: ItemRegrouping): Promise<{ createdItemIds: string[] }>;
}

/** What was read from each photo (OCR text, tag crops, a scale display, a vision verdict), kept for reuse. */
export interface PhotoReadingRepository {
  /** Merges `readings` into what is kept for the photo: each kind given replaces the kept one. */
  save(photoId: string, readings: PhotoReadings): Promise<void>;
  /** The readings of each photo that has any. */
  listForPhotos(photoIds: string[]): Promise<Map<string, PhotoReadings>>;
}

export interface AnalysisRepository {
  save(itemId: string, analysis: Analysis): Promise<void>;
  get(itemId: string): Promise<AnalysisRecord | null>;
}

export interface ListingRepository {
  save(itemId: string, draft: ListingDraft): Promise<void>;
  get(itemId: string): Promise<ListingRecord | null>;
}

export interface PriceEstimateRepository {
  save(itemId: string, estimate: PriceEstimate): Promise<void>;
  get(itemId: string): Promise<PriceEstimateRecord | null>;
}

export interface NewStageRun {
  stage: StageName;
  subjectId: string;
  batchId: string;
  itemId?: string | null;
  photoId?: string | null;
}

/** The truth of where every photo, batch and item is in the pipeline. */
export interface StageRunRepository {
  /** Creates the run as pending unless one exists for (stage, subject); returns the run either way. */
  ensure(run: NewStageRun): Promise<{ run: StageRunRecord; created: boolean }>;
  get(stage: StageName, subjectId: string): Promise<StageRunRecord | null>;
  /** Marks running and counts the attempt. */
  start(stage: StageName, subjectId: string): Promise<StageRunRecord>;
  succeed(stage: StageName, subjectId: string): Promise<void>;
  /** A failed attempt that will be retried. */
  fail(stage: StageName, subjectId: string, error: string): Promise<void>;
  kill(stage: StageName, subjectId: string, error: string): Promise<void>;
  /** Pending, running and failed runs: what a restart must pick up again. */
  listUnfinished(): Promise<StageRunRecord[]>;
  listByBatch(batchId: string): Promise<StageRunRecord[]>;
  /** How many of the batch's runs of one stage are in each status. */
  countByStatus(batchId: string, stage: StageName): Promise<Partial<Record<StageRunStatus, number>>>;
  /** Forgets the runs of the given stages for these subjects, so they can run again. */
  reset(stages: StageName[], subjectIds: string[]): Promise<void>;
}

export interface DeadLetterRepository {
  add(input: Omit<DeadLetterRecord, 'id' | 'createdAt'>): Promise<void>;
  list(filter?: { batchId?: string }): Promise<DeadLetterRecord[]>;
  get(id: string): Promise<DeadLetterRecord | null>;
  /** Discards the letter; the run stays dead. Returns false when there was none. */
  remove(id: string): Promise<boolean>;
  /** How many letters each stage holds. */
  countByStage(): Promise<Partial<Record<StageName, number>>>;
}

export interface AuditLog {
  record(entry: {
    accountId: string | null;
    actor: string;
    action: string;
    subjectType: string;
    subjectId: string;
    details?: Record<string, unknown>;
  }): Promise<void>;
}

export interface AccountRepository {
  /** The single local account of embedded mode, created on first use. */
  ensureDefault(): Promise<{ id: string; name: string }>;
}

export interface Repositories {
  accounts: AccountRepository;
  batches: BatchRepository;
  photos: PhotoRepository;
  items: ItemRepository;
  analyses: AnalysisRepository;
  listings: ListingRepository;
  prices: PriceEstimateRepository;
  stageRuns: StageRunRepository;
  deadLetters: DeadLetterRepository;
  audit: AuditLog;
  photoReadings: PhotoReadingRepository;
  listingVersions: ListingVersionRepository;
  taxonomyCache: TaxonomyCache;
  /** Each item's steps of publishing on eBay. */
  ebayPublications: PublicationRepository;
  /** Photos already on eBay Picture Service, by content hash. */
  ebayImages: MarketplaceImageRepository;
  /** The seller's eBay connection (tokens encrypted) and consent flows under way. */
  ebayConnections: EbayConnectionRepository;
  /** Every paid model call, booked to its batch and item. */
  aiSpend: AiSpendRepository;
  /** Validated vision answers by the hash of what was asked. */
  visionCache: VisionAnswerCache;
  /** Items being published in a group; without it, every item is published on its own. */
  publishClaims?: PublishClaimRepository;
}
