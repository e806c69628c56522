import type { PixelRegion } from '../contracts/readings.ts';
import type { VisionPhotoKind } from '../domain/analysis/detail-policy.ts';
import type { ImageDetail } from '../domain/analysis/image-tokens.ts';
import type { VisionFindings } from '../domain/analysis/vision-findings.ts';

/** One photo of an item as the model will see it. */
export interface VisionPhotoInput {
  photoId: string;
  /** The photo's AI rendition (encoded JPEG), upright. */
  image: Buffer;
  kind: VisionPhotoKind;
  detail: ImageDetail;
  /** Part of the photo to send instead of all of it, in the rendition's pixels. */
  focus: PixelRegion | null;
  /** Tile budget of a high-detail photo; null to send it as it is. */
  maxTiles: number | null;
}

export interface VisionItemRequest {
  batchId: string;
  itemId: string;
  /** In the order the model numbers them, from 1. */
  photos: VisionPhotoInput[];
  /** What is already read, so the model does not spend words on it. */
  known: { sku: string | null; weightText: string | null };
}

/** Tokens and dollars of what answered a request. */
export interface VisionUsage {
  provider: string;
  model: string;
  promptVersion: string;
  /** Every input token billed (text and images), as the response reports it. */
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Of the input, what the images cost by the model's published rule. */
  imageTokens: number;
  costUsd: number;
  /** False when the model has no price in the table: the dollars are unknown, not zero. */
  priced: boolean;
  /** Paid calls made for this answer: 0 when it came from the cache. */
  calls: number;
  cached: boolean;
}

export interface VisionItemAnalysis {
  findings: VisionFindings;
  usage: VisionUsage;
}

export interface VisionCallOptions {
  /** Aborts the call (a timeout of the caller's). */
  signal?: AbortSignal;
}

/** Looks at all of an item's photos at once and says what it sees, each claim tied to the photos that show it. */
export interface VisionAnalyzer {
  /** Names the provider and model, as an analysis records it ("openai-compatible/gpt-4o-mini"). */
  readonly provider: string;
  /**
   * Changes whenever the same photos could get a different answer: model, prompt and its version, how
   * images are prepared. Answers are cached under it.
   */
  readonly identity: string;
  analyseItem(request: VisionItemRequest, options?: VisionCallOptions): Promise<VisionItemAnalysis>;
  /** Whether one photo is the seller's SKU/weight photo: findings about photo 1, claims empty. */
  checkSkuPhoto(image: Buffer, options?: VisionCallOptions): Promise<VisionItemAnalysis>;
}
