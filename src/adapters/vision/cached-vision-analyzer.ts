import { createHash } from 'node:crypto';
import type { SkuPhotoVerdict } from '../../contracts/readings.ts';
import type { AiSpendEntry, AiSpendRepository, VisionAnswerCache } from '../../ports/ai-spend.ts';
import type { SkuPhotoClassifier, SkuPhotoContext } from '../../ports/sku-photo-classifier.ts';
import type { VisionAnalyzer, VisionCallOptions, VisionItemAnalysis, VisionItemRequest, VisionUsage } from '../../ports/vision-analyzer.ts';

/**
 * Never pays twice for the same question: an answer is kept under the hash of the model's identity
 * (model, prompt and version), each image's bytes and how it is shown; asking again answers from
 * the cache at no cost. Every call that is paid for is booked to its batch and item first.
 */
export class CachedVisionAnalyzer implements VisionAnalyzer, SkuPhotoClassifier {
  readonly provider: string;
  readonly identity: string;

  constructor(
    private readonly inner: VisionAnalyzer,
    private readonly cache: VisionAnswerCache,
    private readonly spend: AiSpendRepository,
  ) {
    this.provider = inner.provider;
    this.identity = inner.identity;
  }

  async analyseItem(request: VisionItemRequest, options: VisionCallOptions = {}): Promise<VisionItemAnalysis> {
    const key = hashKey([
      this.identity,
      'item-analysis',
      request.known,
      request.photos.map((photo) => [sha256(photo.image), photo.kind, photo.detail, photo.focus, photo.maxTiles]),
    ]);
    return this.#answer(key, 'item-analysis', () => this.inner.analyseItem(request, options), {
      batchId: request.batchId,
      itemId: request.itemId,
      photoId: null,
    });
  }

  checkSkuPhoto(image: Buffer, options: VisionCallOptions = {}, context?: SkuPhotoContext): Promise<VisionItemAnalysis> {
    const key = hashKey([this.identity, 'sku-photo', sha256(image)]);
    return this.#answer(key, 'sku-photo', () => this.inner.checkSkuPhoto(image, options), {
      batchId: context?.batchId ?? null,
      itemId: null,
      photoId: context?.photoId ?? null,
    });
  }

  async classify(image: Buffer, context?: SkuPhotoContext): Promise<SkuPhotoVerdict> {
    const { findings } = await this.checkSkuPhoto(image, {}, context);
    const verdict = findings.photos[0];
    return {
      isSkuPhoto: verdict?.isSkuPhoto ?? false,
      sku: verdict?.sku ?? null,
      weightText: verdict?.weightText ?? verdict?.scaleReading ?? null,
      confidence: verdict?.confidence ?? 0,
      provider: this.provider,
    };
  }

  async #answer(
    key: string,
    operation: AiSpendEntry['operation'],
    ask: () => Promise<VisionItemAnalysis>,
    booking: Pick<AiSpendEntry, 'batchId' | 'itemId' | 'photoId'>,
  ): Promise<VisionItemAnalysis> {
    const known = await this.cache.get(key);
    if (known !== null && known.operation === operation) return { findings: known.findings, usage: spentNothing(known.usage) };
    const answer = await ask();
    const { usage } = answer;
    await this.spend.record({
      ...booking,
      provider: usage.provider,
      model: usage.model,
      operation,
      promptVersion: usage.promptVersion,
      inputTokens: usage.inputTokens,
      cachedInputTokens: usage.cachedInputTokens,
      outputTokens: usage.outputTokens,
      imageTokens: usage.imageTokens,
      costUsd: usage.costUsd,
    });
    await this.cache.put(key, { operation, findings: answer.findings, usage });
    return answer;
  }
}

function spentNothing(usage: VisionUsage): VisionUsage {
  return { ...usage, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, imageTokens: 0, costUsd: 0, calls: 0, cached: true };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function hashKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
