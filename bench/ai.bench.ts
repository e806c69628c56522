/**
 * `npm run bench:ai`: what one item costs at the vision model, by detail policy.
 *
 * A 6-photo item from the example batch (its SKU label, four garment photos, its tag) is prepared as
 * the pipeline prepares it (AI renditions, the tag's text found by tesseract) and sent through the
 * real OpenAI-compatible adapter to the local fake of the API, which bills every request the way
 * OpenAI documents (text at about four characters a token, images by the tile rule of the model). For
 * each policy: input tokens (images and text), output tokens and dollars at gpt-4o-mini prices, and
 * the ratio to sending every photo whole at high detail. The target is at most $0.004 an item.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SharpImageProcessor } from '../src/adapters/images/sharp-image-processor.ts';
import { TesseractTextRecognizer } from '../src/adapters/ocr/tesseract-text-recognizer.ts';
import { OpenAiCompatibleVision } from '../src/adapters/vision/openai-compatible-vision.ts';
import { planVisionPhotos, unionOfRegions, type CandidatePhoto, type DetailPolicy } from '../src/domain/analysis/detail-policy.ts';
import { DEFAULT_PRICE_TABLE } from '../src/domain/analysis/model-prices.ts';
import type { VisionUsage } from '../src/ports/vision-analyzer.ts';
import { FakeOpenAiServer } from '../test/fakes/openai/fake-openai-server.ts';
import { exampleBatchDir } from '../test/support/example-batch.ts';

const MODEL = 'gpt-4o-mini';
const TARGET_USD = 0.004;
const ITEM = [
  { file: 'IMG_0002.jpg', kind: 'label' },
  { file: 'IMG_0003.jpg', kind: 'garment' },
  { file: 'IMG_0004.jpg', kind: 'garment' },
  { file: 'IMG_0005.jpg', kind: 'garment' },
  { file: 'IMG_0001.jpg', kind: 'garment' },
  { file: 'IMG_0006.jpg', kind: 'tag' },
] as const;

/** A realistic answer for one item: about a dozen claims, the length decides the output tokens. */
const ANSWER = {
  claims: [
    { attribute: 'brand', value: "Levi's", confidence: 0.95, photos: [5], seenText: "LEVI'S" },
    { attribute: 'size', value: 'W32 L30', confidence: 0.9, photos: [5], seenText: 'W32 L30' },
    { attribute: 'material', value: '100% Cotton', confidence: 0.9, photos: [5], seenText: '100% COTTON' },
    { attribute: 'countryOfOrigin', value: 'Mexico', confidence: 0.9, photos: [5], seenText: 'MADE IN MEXICO' },
    { attribute: 'itemType', value: 'Jeans', confidence: 0.9, photos: [1, 2], seenText: null },
    { attribute: 'department', value: 'Men', confidence: 0.7, photos: [1], seenText: null },
    { attribute: 'color', value: 'Blue', confidence: 0.9, photos: [1, 2, 3], seenText: null },
    { attribute: 'pattern', value: 'Solid', confidence: 0.8, photos: [1], seenText: null },
    { attribute: 'style', value: 'Straight', confidence: 0.6, photos: [1], seenText: null },
    { attribute: 'condition', value: 'No visible flaws', confidence: 0.6, photos: [1, 2, 3, 4], seenText: null },
  ],
  photos: [],
};

interface Row {
  policy: string;
  photos: string;
  imageTokens: number;
  usage: VisionUsage;
}

async function main(): Promise<void> {
  const processor = new SharpImageProcessor();
  const ocr = new TesseractTextRecognizer({ workers: 1 });
  const server = new FakeOpenAiServer();
  await server.start();
  server.respondWith(() => ANSWER);
  try {
    const renditions = new Map<string, Buffer>();
    const candidates: CandidatePhoto[] = [];
    for (const photo of ITEM) {
      const ai = (await processor.process(await readFile(path.join(exampleBatchDir, photo.file)))).derivatives.ai;
      renditions.set(photo.file, ai);
      let textRegion = null;
      let textAmount = 0;
      if (photo.kind !== 'garment') {
        const read = await ocr.recognize(ai);
        const confident = read.lines.filter((line) => line.confidence >= 0.4);
        textRegion = unionOfRegions(confident.flatMap((line) => (line.region ? [line.region] : [])));
        textAmount = confident.reduce((sum, line) => sum + line.text.length, 0);
      }
      candidates.push({ photoId: photo.file, kind: photo.kind, resolved: photo.kind === 'label', textRegion, textAmount });
    }

    const vision = new OpenAiCompatibleVision({
      apiKey: server.apiKey,
      baseUrl: server.baseUrl,
      model: MODEL,
      timeoutMs: 60_000,
      maxOutputTokens: 800,
      prices: DEFAULT_PRICE_TABLE,
    });
    const base: DetailPolicy = { name: 'tags-high', maxPhotos: 6, maxHighDetail: 1, highDetailTiles: 1 };
    const scenarios: Array<{ label: string; policy: DetailPolicy; candidates: CandidatePhoto[] }> = [
      { label: 'tags-high (default)', policy: base, candidates },
      { label: 'tags-high, label unread', policy: base, candidates: candidates.map((candidate) => ({ ...candidate, resolved: false })) },
      { label: 'tags-high, 2 tiles', policy: { ...base, highDetailTiles: 2 }, candidates },
      { label: 'all-low', policy: { ...base, name: 'all-low' }, candidates },
      { label: 'all-high (every photo)', policy: { ...base, name: 'all-high' }, candidates },
    ];
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const plan = planVisionPhotos(scenario.candidates, scenario.policy);
      const { usage } = await vision.analyseItem({
        batchId: 'bench',
        itemId: 'bench',
        known: { sku: 'EF-10234', weightText: '1 Lb 4.2 oz' },
        photos: plan.map((planned) => ({ ...planned, image: renditions.get(planned.photoId) as Buffer })),
      });
      const photos = plan.map((planned) => `${planned.kind[0]}${planned.detail === 'high' ? 'H' : 'l'}`).join(' ');
      rows.push({ policy: scenario.label, photos, imageTokens: usage.imageTokens, usage });
    }

    const everyHigh = rows.find((row) => row.policy.startsWith('all-high'));
    const pad = (text: string, width: number) => text.padEnd(width);
    const num = (value: number, width: number) => String(value).padStart(width);
    process.stdout.write(`6-photo item (1 SKU label, 4 garment photos, 1 tag) at ${MODEL} prices ($0.15 / $0.60 per 1M tokens)\n`);
    process.stdout.write('photos: kind (label, garment, tag) then H = high detail, l = low detail\n\n');
    process.stdout.write(`${pad('policy', 26)}${pad('photos sent', 20)}image tok   input tok  output tok    cost/item   vs all-high\n`);
    for (const row of rows) {
      const ratio = everyHigh === undefined ? 1 : row.usage.costUsd / everyHigh.usage.costUsd;
      process.stdout.write(
        `${pad(row.policy, 26)}${pad(row.photos, 20)}${num(row.imageTokens, 9)}${num(row.usage.inputTokens, 12)}${num(row.usage.outputTokens, 12)}` +
          `${`$${row.usage.costUsd.toFixed(5)}`.padStart(13)}${`${(ratio * 100).toFixed(1)}%`.padStart(14)}\n`,
      );
    }
    const chosen = rows[0];
    if (chosen !== undefined && everyHigh !== undefined) {
      const verdict = chosen.usage.costUsd <= TARGET_USD ? 'within' : 'OVER';
      process.stdout.write(
        `\ndefault policy: $${chosen.usage.costUsd.toFixed(5)} per item, ${verdict} the $${TARGET_USD} target; ` +
          `every photo at high detail costs ${(everyHigh.usage.costUsd / chosen.usage.costUsd).toFixed(1)}× as much ($${everyHigh.usage.costUsd.toFixed(5)}).\n`,
      );
    }
  } finally {
    await server.stop();
    await ocr.close();
    await processor.close();
  }
}

await main();
