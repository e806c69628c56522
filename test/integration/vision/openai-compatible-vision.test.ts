import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiCompatibleVision } from '../../../src/adapters/vision/openai-compatible-vision.ts';
import { EasyFlipError, RateLimitedError } from '../../../src/contracts/errors.ts';
import { DEFAULT_PRICE_TABLE } from '../../../src/domain/analysis/model-prices.ts';
import type { VisionItemRequest } from '../../../src/ports/vision-analyzer.ts';
import { FakeOpenAiServer } from '../../fakes/openai/fake-openai-server.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';

/** The pipeline's AI rendition of an example photo: 1024 px on the longest side. */
async function aiRendition(name: string): Promise<Buffer> {
  return sharp(await readFile(path.join(exampleBatchDir, name))).resize(1024, 1024, { fit: 'inside' }).jpeg({ quality: 85 }).toBuffer();
}

async function failureOf(promise: Promise<unknown>): Promise<EasyFlipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EasyFlipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the OpenAI-compatible vision adapter against a local fake of the API', () => {
  const server = new FakeOpenAiServer();
  let vision: OpenAiCompatibleVision;
  let request: VisionItemRequest;

  beforeAll(async () => {
    await server.start();
    vision = new OpenAiCompatibleVision({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      model: 'gpt-4o-mini',
      timeoutMs: 10_000,
      maxOutputTokens: 800,
      prices: DEFAULT_PRICE_TABLE,
    });
    request = {
      batchId: 'batch-1',
      itemId: 'item-1',
      known: { sku: 'EF-10235', weightText: '0.57 kg' },
      photos: [
        { photoId: 'front', image: await aiRendition('IMG_0008.jpg'), kind: 'garment', detail: 'low', focus: null, maxTiles: null },
        { photoId: 'tag', image: await aiRendition('IMG_0010.jpg'), kind: 'tag', detail: 'high', focus: { left: 200, top: 300, width: 500, height: 400 }, maxTiles: 1 },
      ],
    };
  });

  afterAll(() => server.stop());
  beforeEach(() => server.reset());

  it('sends one call with every photo, low detail within 512 px, the tag close-up within one tile, and a strict JSON schema', async () => {
    server.respondWith(() => ({ claims: [], photos: [] }));
    await vision.analyseItem(request);
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.body.response_format?.type).toBe('json_schema');
    expect(sent.body.response_format?.json_schema?.strict).toBe(true);
    expect(sent.images.map((image) => image.detail)).toEqual(['low', 'high']);
    expect(Math.max(sent.images[0]!.width, sent.images[0]!.height)).toBeLessThanOrEqual(512);
    expect(sent.images[1]!.width).toBeLessThanOrEqual(512);
    expect(sent.images[1]!.height).toBeLessThanOrEqual(512);
    expect(sent.text).toContain('The SKU is already known: EF-10235.');
    expect(sent.text).toContain('Photo 2 (tag, close-up of its text):');
  });

  it('reads the structured answer into claims and verdicts, with the tokens and dollars the response reports', async () => {
    server.respondWith(() => ({
      claims: [{ attribute: 'itemType', value: 'Hoodie', confidence: 0.9, photos: [1], seenText: null }],
      photos: [{ photo: 2, isSkuPhoto: false, sku: null, weightText: null, scaleReading: null, confidence: 0.8 }],
    }));
    const { findings, usage } = await vision.analyseItem(request);
    expect(findings.claims).toEqual([{ attribute: 'itemType', value: 'Hoodie', confidence: 0.9, photos: [1], seenText: null }]);
    expect(findings.photos).toHaveLength(1);
    // Two images on gpt-4o-mini: 2833 at low detail, 2833 + 5667 for one high-detail tile.
    expect(usage.imageTokens).toBe(2833 + 2833 + 5667);
    expect(usage.inputTokens).toBeGreaterThan(usage.imageTokens);
    expect(usage.costUsd).toBeCloseTo((usage.inputTokens * 0.15 + usage.outputTokens * 0.6) / 1e6, 8);
    expect(usage).toEqual(expect.objectContaining({ model: 'gpt-4o-mini', promptVersion: 'vision-item-analysis.v1', calls: 1, cached: false, priced: true }));
  });

  it('refuses an answer that does not follow the schema', async () => {
    server.respondWith(() => ({ claims: [{ attribute: 'brand', value: 'Nike' }] }));
    expect((await failureOf(vision.analyseItem(request))).code).toBe('VALIDATION_FAILED');
  });

  it('turns a 500 into a retryable failure that quotes the service', async () => {
    server.failNext();
    const error = await failureOf(vision.analyseItem(request));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('answered 500');
    expect(error.message).toContain('The server had an error');
  });

  it('turns a 429 into a rate limit that carries the Retry-After', async () => {
    server.rateLimitNext(7);
    const error = await failureOf(vision.analyseItem(request));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('says to check the key when it is refused', async () => {
    const wrongKey = new OpenAiCompatibleVision({ apiKey: 'sk-wrong', baseUrl: server.baseUrl, model: 'gpt-4o-mini', timeoutMs: 10_000, maxOutputTokens: 800, prices: DEFAULT_PRICE_TABLE });
    const error = await failureOf(wrongKey.analyseItem(request));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Check OPENAI_API_KEY');
  });

  it('asks about one photo at low detail for a SKU-photo verdict', async () => {
    server.respondWith(() => ({ isSkuPhoto: true, sku: 'EF-10235', weightText: null, scaleReading: '0.57 kg', confidence: 0.9 }));
    const { findings, usage } = await vision.checkSkuPhoto(await aiRendition('IMG_0007.jpg'));
    expect(findings.photos).toEqual([{ photo: 1, isSkuPhoto: true, sku: 'EF-10235', weightText: null, scaleReading: '0.57 kg', confidence: 0.9 }]);
    expect(server.requests[0]?.images.map((image) => image.detail)).toEqual(['low']);
    expect(usage.promptVersion).toBe('sku-photo-verdict.v1');
  });
});

describe('the fake OpenAI server', () => {
  const server = new FakeOpenAiServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function post(body: unknown, key = server.apiKey): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
    const response = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
  }

  const imageOf = async (width: number, height: number) =>
    `data:image/jpeg;base64,${(await sharp({ create: { width, height, channels: 3, background: '#808080' } }).jpeg().toBuffer()).toString('base64')}`;

  it('bills images as documented: 1024 × 1024 at high detail is 2833 + 4 × 5667 tokens on gpt-4o-mini, low detail 2833', async () => {
    const high = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: await imageOf(1024, 1024), detail: 'high' } }] }] });
    const low = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: await imageOf(1024, 1024), detail: 'low' } }] }] });
    expect((high.json.usage as { prompt_tokens: number }).prompt_tokens).toBe(2833 + 4 * 5667);
    expect((low.json.usage as { prompt_tokens: number }).prompt_tokens).toBe(2833);
    expect(high.json).toEqual(expect.objectContaining({ object: 'chat.completion', model: 'gpt-4o-mini' }));
  });

  it('answers errors in OpenAI\'s shape, 429 with Retry-After', async () => {
    server.rateLimitNext(2);
    const limited = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.json).toEqual({ error: expect.objectContaining({ type: 'requests', code: 'rate_limit_exceeded', message: expect.any(String) as unknown }) });
    const refused = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, 'sk-nope');
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ error: { message: expect.any(String) as unknown, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    const malformed = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.test/a.jpg' } }] }] });
    expect(malformed.status).toBe(400);
  });
});
