import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharpImageProcessor } from '../../../src/adapters/images/sharp-image-processor.ts';
import { processFolder, type ProcessFolderResult } from '../../../src/cli/process-folder.ts';
import type { ItemDto } from '../../../src/contracts/batch.ts';
import { FakeOpenAiServer, type ReceivedChatRequest } from '../../fakes/openai/fake-openai-server.ts';
import { ScriptedTextRecognizer } from '../../fakes/scripted-text-recognizer.ts';
import { databaseEngines, type DatabaseEngine } from '../../support/database.ts';
import { exampleBatchDir, readExampleBatchTruth, type ExampleBatchTruth } from '../../support/example-batch.ts';
import { openTestContainer, type TestContainer } from '../../support/test-container.ts';

interface TruthItem {
  sku: string;
  weightText: string;
  itemType: string;
  photos: string[];
  tag: { photo: string; brand: string; text: string[] };
}

/**
 * What the fake model says about an item, found by the SKU the request names: its type from photo 1,
 * its brand from the close-up (wrong on purpose for the Levi's jeans, to show the tag's text leading),
 * and a pattern on a photo that was never shown (to show it dropped).
 */
function answerLikeAModel(truth: readonly TruthItem[]) {
  return (request: ReceivedChatRequest): unknown => {
    const item = truth.find((candidate) => request.text.includes(candidate.sku));
    const closeUp = request.images.find((image) => image.detail === 'high')?.position;
    const brand = item?.tag.brand === "Levi's" ? 'Wrangler' : (item?.tag.brand ?? 'Unknown');
    return {
      claims: [
        { attribute: 'itemType', value: item?.itemType ?? 'Shirt', confidence: 0.9, photos: [1], seenText: null },
        ...(closeUp === undefined ? [] : [{ attribute: 'brand', value: brand, confidence: 0.95, photos: [closeUp], seenText: brand.toUpperCase() }]),
        { attribute: 'pattern', value: 'Plaid', confidence: 0.7, photos: [request.images.length + 5], seenText: null },
      ],
      photos: [],
    };
  };
}

/** OCR that reads the example batch's labels and tags as printed, by the bytes of each photo's AI rendition. */
async function scriptExampleText(truth: readonly TruthItem[]): Promise<ScriptedTextRecognizer> {
  const recognizer = new ScriptedTextRecognizer();
  const processor = new SharpImageProcessor();
  try {
    for (const item of truth) {
      const label = await processor.process(await readFile(path.join(exampleBatchDir, item.photos[0]!)));
      recognizer.script(label.derivatives.ai, `SKU: ${item.sku}\nWEIGHT ${item.weightText}`);
      const tag = await processor.process(await readFile(path.join(exampleBatchDir, item.tag.photo)));
      recognizer.script(tag.derivatives.ai, item.tag.text.join('\n'));
    }
  } finally {
    await processor.close();
  }
  return recognizer;
}

/** The photos of the example's first item alone: one label, three garment photos, one tag. */
async function copyFirstItem(truth: readonly TruthItem[]): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'easyflip-one-item-'));
  for (const name of truth[0]!.photos) await copyFile(path.join(exampleBatchDir, name), path.join(folder, name));
  return folder;
}

function visionEnv(server: FakeOpenAiServer, extra: Record<string, string> = {}): Record<string, string> {
  return { VISION_PROVIDER: 'openai', OPENAI_API_KEY: server.apiKey, OPENAI_BASE_URL: server.baseUrl, ...extra };
}

let truth: TruthItem[];
let scripted: ScriptedTextRecognizer;
let oneItemFolder: string;
let outRoot: string;

beforeAll(async () => {
  truth = ((await readExampleBatchTruth()) as ExampleBatchTruth & { items: TruthItem[] }).items;
  scripted = await scriptExampleText(truth);
  oneItemFolder = await copyFirstItem(truth);
  outRoot = await mkdtemp(path.join(os.tmpdir(), 'easyflip-vision-out-'));
}, 120_000);

afterAll(async () => {
  await rm(oneItemFolder, { recursive: true, force: true });
  await rm(outRoot, { recursive: true, force: true });
});

async function run(harness: TestContainer, folder: string): Promise<ProcessFolderResult> {
  const outDir = await mkdtemp(path.join(outRoot, 'run-'));
  return processFolder(harness.container, { folder, outDir });
}

describe.each(databaseEngines)('vision analysis in the whole pipeline on $name', (engine: DatabaseEngine) => {
  describe('with the model answering', () => {
    const server = new FakeOpenAiServer();
    let harness: TestContainer;
    let first: ProcessFolderResult;
    let rerun: ProcessFolderResult;
    let callsAfterFirst: number;

    beforeAll(async () => {
      await server.start();
      server.respondWith(answerLikeAModel(truth));
      harness = await openTestContainer(engine, { textRecognizer: scripted }, visionEnv(server));
      first = await run(harness, exampleBatchDir);
      callsAfterFirst = server.requests.length;
      rerun = await run(harness, exampleBatchDir);
    }, 240_000);

    afterAll(async () => {
      await harness?.dispose();
      await server.stop();
    });

    const itemOf = (result: ProcessFolderResult, sku: string): ItemDto => {
      const found = result.items.items.find((item) => item.sku === sku);
      if (found === undefined) throw new Error(`no item ${sku}`);
      return found;
    };

    it('makes one call per item and completes the batch', () => {
      expect(first.completed).toBe(true);
      expect(first.deadLetters).toEqual([]);
      expect(callsAfterFirst).toBe(truth.length);
    });

    it("turns the model's structured answer into attributes with the photos as evidence", () => {
      for (const expected of truth) {
        const item = itemOf(first, expected.sku);
        expect(item.analysis?.provider).toBe('openai-compatible/gpt-4o-mini');
        expect(item.analysis?.promptVersion).toBe('vision-item-analysis.v1');
        expect(item.analysis?.degraded).toBeNull();
        const itemType = item.analysis?.attributes.itemType?.[0];
        expect(itemType?.value).toBe(expected.itemType);
        expect(itemType?.evidence[0]?.source).toBe('vision');
        expect(item.photos.map((photo) => photo.id)).toContain(itemType?.evidence[0]?.photoId);
      }
    });

    it("keeps the tag's text first where the model reads another brand, and shows the conflict", () => {
      const jeans = itemOf(first, truth[0]!.sku);
      expect(jeans.analysis?.attributes.brand?.[0]?.value).toBe("Levi's");
      expect(jeans.analysis?.conflicts).toEqual([
        expect.objectContaining({ attribute: 'brand', kept: expect.objectContaining({ value: "Levi's", source: 'ocr' }), other: expect.objectContaining({ value: 'Wrangler', source: 'vision' }) }),
      ]);
      expect(jeans.listing?.title).toContain("Levi's");
      const hoodie = itemOf(first, truth[1]!.sku);
      expect(hoodie.analysis?.conflicts).toEqual([]);
      expect(hoodie.analysis?.attributes.brand?.[0]?.evidence.map((evidence) => evidence.source)).toEqual(['ocr', 'vision']);
    });

    it('drops a claim tied to no photo that was shown, and lists it', () => {
      for (const item of first.items.items) {
        expect(item.analysis?.attributes.pattern).toBeUndefined();
        expect(item.analysis?.unverified).toEqual([expect.objectContaining({ attribute: 'pattern', value: 'Plaid', kept: false })]);
      }
    });

    it('sends tag close-ups at high detail and the rest at low detail, never a label already read', () => {
      for (const request of server.requests.slice(0, callsAfterFirst)) {
        expect(request.images.filter((image) => image.detail === 'high')).toHaveLength(1);
        expect(request.images.length).toBeLessThanOrEqual(6);
        expect(request.text).toMatch(/The weight is already known/);
      }
    });

    it('records what each item cost and what the batch cost, and shows both', () => {
      let sum = 0;
      for (const item of first.items.items) {
        const cost = item.analysis?.cost;
        expect(cost).toEqual(expect.objectContaining({ calls: 1, cached: false, model: 'gpt-4o-mini', priced: true }));
        expect(cost?.usd).toBeGreaterThan(0);
        expect(cost?.inputTokens).toBeGreaterThan(2833);
        sum += cost?.usd ?? 0;
      }
      expect(first.items.aiSpend?.calls).toBe(truth.length);
      expect(first.items.aiSpend?.usd).toBeCloseTo(sum, 8);
    });

    it('spends nothing again on unchanged photos: zero calls, zero cost, the same attributes', () => {
      expect(server.requests.length).toBe(callsAfterFirst);
      expect(rerun.items.aiSpend).toEqual({ usd: 0, calls: 0, inputTokens: 0, outputTokens: 0 });
      for (const expected of truth) {
        const again = itemOf(rerun, expected.sku);
        expect(again.analysis?.cost).toEqual(expect.objectContaining({ usd: 0, calls: 0, cached: true }));
        expect(again.analysis?.attributes.itemType?.[0]?.value).toBe(expected.itemType);
        expect(again.analysis?.attributes.brand?.[0]?.value).toBe(itemOf(first, expected.sku).analysis?.attributes.brand?.[0]?.value);
      }
    });
  });

  describe('when the model fails', () => {
    const server = new FakeOpenAiServer();
    const harnesses: TestContainer[] = [];
    const open = async (extra: Record<string, string>): Promise<TestContainer> => {
      const harness = await openTestContainer(engine, { textRecognizer: scripted }, visionEnv(server, extra));
      harnesses.push(harness);
      return harness;
    };

    beforeAll(async () => {
      await server.start();
      server.respondWith(answerLikeAModel(truth));
    });

    afterAll(async () => {
      for (const harness of harnesses) await harness.dispose();
      await server.stop();
    });

    const onlyItem = (result: ProcessFolderResult): ItemDto => {
      expect(result.items.items).toHaveLength(1);
      return result.items.items[0]!;
    };

    it('falls back to the offline analysis on a 500, marks the item degraded with the reason, then pauses calls once the breaker opens', async () => {
      server.reset();
      const harness = await open({ VISION_BREAKER_MIN_CALLS: '1', VISION_BREAKER_RESET_SECONDS: '600' });
      server.failNext();
      const failed = onlyItem(await run(harness, oneItemFolder));
      expect(failed.status).toBe('ready_for_review');
      expect(failed.analysis?.provider).toBe('local');
      expect(failed.analysis?.degraded).toContain('answered 500');
      expect(failed.analysis?.degraded).toContain('offline analysis was used');
      expect(failed.analysis?.attributes.brand?.[0]?.value).toBe("Levi's");
      expect(failed.analysis?.cost).toBeNull();
      expect(server.requests).toHaveLength(1);

      const paused = onlyItem(await run(harness, oneItemFolder));
      expect(server.requests).toHaveLength(1);
      expect(paused.analysis?.provider).toBe('local');
      expect(paused.analysis?.degraded).toContain('paused');
    }, 120_000);

    it('falls back when the model does not answer in time', async () => {
      server.reset();
      const harness = await open({ VISION_TIMEOUT_MS: '500' });
      server.slowNext(5_000);
      const item = onlyItem(await run(harness, oneItemFolder));
      expect(item.analysis?.provider).toBe('local');
      expect(item.analysis?.degraded).toContain('did not answer within 500 ms');
      expect(item.listing).not.toBeNull();
    }, 120_000);

    it('waits as long as a 429 asks, then gets the answer', async () => {
      server.reset();
      const harness = await open({});
      server.rateLimitNext(1);
      const item = onlyItem(await run(harness, oneItemFolder));
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(1000);
      expect(item.analysis?.provider).toBe('openai-compatible/gpt-4o-mini');
      expect(item.analysis?.degraded).toBeNull();
      expect(item.analysis?.cost?.calls).toBe(1);
    }, 120_000);
  });
});

