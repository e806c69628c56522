import type { VisionFindings } from '../domain/analysis/vision-findings.ts';
import type { VisionUsage } from './vision-analyzer.ts';

/** One paid call to a model, kept so that spend per item and per batch is known. */
export interface AiSpendEntry {
  batchId: string | null;
  itemId: string | null;
  photoId: string | null;
  provider: string;
  model: string;
  operation: 'item-analysis' | 'sku-photo';
  promptVersion: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  imageTokens: number;
  costUsd: number;
}

export interface AiSpendTotals {
  usd: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

/** The ledger of model calls. */
export interface AiSpendRepository {
  record(entry: AiSpendEntry): Promise<void>;
  totalsForBatch(batchId: string): Promise<AiSpendTotals>;
  totalsForItem(itemId: string): Promise<AiSpendTotals>;
}

/** A model's validated answer, kept under the hash of what was asked. */
export interface CachedVisionAnswer {
  operation: AiSpendEntry['operation'];
  findings: VisionFindings;
  /** What the call that produced it cost, for the record; a cache hit spends nothing. */
  usage: VisionUsage;
}

/** Answers of earlier identical calls: the same photos, model and prompt are never paid for twice. */
export interface VisionAnswerCache {
  get(key: string): Promise<CachedVisionAnswer | null>;
  put(key: string, answer: CachedVisionAnswer): Promise<void>;
}
