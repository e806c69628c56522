import { describe, expect, it } from 'vitest';
import { CachedVisionAnalyzer } from '../../../src/adapters/vision/cached-vision-analyzer.ts';
import type { AiSpendEntry, AiSpendRepository, CachedVisionAnswer, VisionAnswerCache } from '../../../src/ports/ai-spend.ts';
import type { VisionAnalyzer, VisionItemAnalysis, VisionItemRequest } from '../../../src/ports/vision-analyzer.ts';

const usage = {
  provider: 'openai-compatible/gpt-4o-mini',
  model: 'gpt-4o-mini',
  promptVersion: 'vision-item-analysis.v1',
  inputTokens: 20_000,
  cachedInputTokens: 0,
  outputTokens: 250,
  imageTokens: 19_832,
  costUsd: 0.00315,
  priced: true,
  calls: 1,
  cached: false,
};

class CountingModel implements VisionAnalyzer {
  readonly provider = 'openai-compatible/gpt-4o-mini';
  readonly identity = 'model|prompt-v1';
  itemCalls = 0;
  photoCalls = 0;

  analyseItem(): Promise<VisionItemAnalysis> {
    this.itemCalls += 1;
    return Promise.resolve({ findings: { claims: [{ attribute: 'color', value: 'Red', confidence: 0.9, photos: [1], seenText: null }], photos: [] }, usage });
  }

  checkSkuPhoto(): Promise<VisionItemAnalysis> {
    this.photoCalls += 1;
    const verdict = { photo: 1, isSkuPhoto: true, sku: 'EF-1', weightText: null, scaleReading: '1.25 lb', confidence: 0.8 };
    return Promise.resolve({ findings: { claims: [], photos: [verdict] }, usage: { ...usage, promptVersion: 'sku-photo-verdict.v1' } });
  }
}

function memory(): { cache: VisionAnswerCache; spend: AiSpendRepository; entries: AiSpendEntry[] } {
  const answers = new Map<string, CachedVisionAnswer>();
  const entries: AiSpendEntry[] = [];
  return {
    entries,
    cache: { get: (key) => Promise.resolve(answers.get(key) ?? null), put: (key, answer) => Promise.resolve(void answers.set(key, answer)) },
    spend: {
      record: (entry) => Promise.resolve(void entries.push(entry)),
      totalsForBatch: () => Promise.reject(new Error('not used')),
      totalsForItem: () => Promise.reject(new Error('not used')),
    },
  };
}

const request = (detail: 'low' | 'high', itemId = 'item-1'): VisionItemRequest => ({
  batchId: 'batch-1',
  itemId,
  known: { sku: null, weightText: null },
  photos: [{ photoId: `photo-of-${itemId}`, image: Buffer.from('the same bytes'), kind: 'garment', detail, focus: null, maxTiles: null }],
});

describe('answers kept by what was asked', () => {
  it('pays once for the same images, model and prompt, whatever the item, and books the paid call', async () => {
    const model = new CountingModel();
    const store = memory();
    const cached = new CachedVisionAnalyzer(model, store.cache, store.spend);
    const first = await cached.analyseItem(request('low'));
    const again = await cached.analyseItem(request('low', 'item-2'));
    expect(model.itemCalls).toBe(1);
    expect(first.usage.cached).toBe(false);
    expect(again.findings).toEqual(first.findings);
    expect(again.usage).toEqual(expect.objectContaining({ cached: true, calls: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 }));
    expect(store.entries).toEqual([expect.objectContaining({ batchId: 'batch-1', itemId: 'item-1', operation: 'item-analysis', costUsd: 0.00315 })]);
  });

  it('asks again when the same photo is to be shown at another detail', async () => {
    const model = new CountingModel();
    const store = memory();
    const cached = new CachedVisionAnalyzer(model, store.cache, store.spend);
    await cached.analyseItem(request('low'));
    await cached.analyseItem(request('high'));
    expect(model.itemCalls).toBe(2);
  });

  it('gives a SKU-photo verdict with the weight the model read, booked to the photo and its batch, once', async () => {
    const model = new CountingModel();
    const store = memory();
    const cached = new CachedVisionAnalyzer(model, store.cache, store.spend);
    const context = { batchId: 'batch-1', photoId: 'photo-9' };
    const verdict = await cached.classify(Buffer.from('label'), context);
    await cached.classify(Buffer.from('label'), context);
    expect(verdict).toEqual({ isSkuPhoto: true, sku: 'EF-1', weightText: '1.25 lb', confidence: 0.8, provider: 'openai-compatible/gpt-4o-mini' });
    expect(model.photoCalls).toBe(1);
    expect(store.entries).toEqual([expect.objectContaining({ batchId: 'batch-1', photoId: 'photo-9', itemId: null, operation: 'sku-photo' })]);
  });
});
