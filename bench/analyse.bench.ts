/**
 * `npm run bench:analyse`: what the offline reading of a camera roll costs and how often it is right.
 *
 *   roll    a generated 32-item camera roll (test/support/camera-roll-generator.ts, kept in the temp
 *           folder) through the whole offline pipeline on PGlite: seconds per item, and accuracy of
 *           grouping, orphans, SKU, weight, product code, tag brand and size, colour
 *   real    the team's real photos (../shared/data/photos): scale displays, garment colours, care
 *           labels (fibres, origin, care), barcodes, OCR of photos turned by EXIF
 *
 * `npm run bench:analyse -- real` runs only the real photos. Timings on a shared machine are noisy.
 */
import { availableParallelism } from 'node:os';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ZxingBarcodeReader } from '../src/adapters/barcodes/zxing-barcode-reader.ts';
import { SharpImageProcessor } from '../src/adapters/images/sharp-image-processor.ts';
import { TesseractTextRecognizer } from '../src/adapters/ocr/tesseract-text-recognizer.ts';
import { SevenSegmentScaleReader } from '../src/adapters/pixels/seven-segment-scale-reader.ts';
import { SharpImageSampler } from '../src/adapters/pixels/sharp-image-sampler.ts';
import { processFolder } from '../src/cli/process-folder.ts';
import { findGarmentColours } from '../src/domain/colour/garment-colours.ts';
import { extractTagAttributes } from '../src/domain/tags/extract-tag-attributes.ts';
import { GARMENT_COLOURS_BY_EYE, prepareCameraRoll } from '../test/support/camera-roll-generator.ts';
import { databaseEngines } from '../test/support/database.ts';
import { hasSharedData, sharedPath } from '../test/support/shared-data.ts';
import { openTestContainer } from '../test/support/test-container.ts';

interface Row {
  set: string;
  measure: string;
  result: string;
}

const rows: Row[] = [];
const share = (hits: number, total: number): string => `${hits}/${total} = ${((100 * hits) / Math.max(1, total)).toFixed(0)}%`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function benchGeneratedRoll(): Promise<void> {
  const roll = await prepareCameraRoll({ garmentsDir: sharedPath('photos', 'garments') });
  const engine = databaseEngines[0];
  if (engine === undefined) throw new Error('no database engine');
  const workers = String(Math.max(1, availableParallelism()));
  const harness = await openTestContainer(engine, {}, { OCR_WORKERS: workers, SCALE_UNIT: 'lb' });
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'easyflip-bench-analyse-'));
  try {
    const started = performance.now();
    const result = await processFolder(harness.container, { folder: roll.dir, outDir });
    const elapsed = performance.now() - started;
    const items = result.items.items;
    const set = `generated roll (${roll.items.length} items, ${roll.photos.length} photos)`;
    const at = (index: number) => items[index];
    let grouped = 0;
    let skus = 0;
    let weights = 0;
    let wrongWeights = 0;
    let codes = 0;
    let brands = 0;
    let sizes = 0;
    let colours = 0;
    for (const [index, truth] of roll.items.entries()) {
      const item = at(index);
      if (JSON.stringify(item?.photos.map((photo) => photo.originalName)) === JSON.stringify(truth.photos)) grouped += 1;
      if (item?.sku === truth.sku) skus += 1;
      if (truth.weightGrams !== null && item?.weight) {
        if (Math.abs(item.weight.grams - truth.weightGrams) < 2) weights += 1;
        else wrongWeights += 1;
      }
      if (item?.productCode === truth.productCode) codes += 1;
      if (truth.tag !== null) {
        if (item?.analysis?.attributes.brand?.[0]?.value.toLowerCase() === truth.tag.brand.toLowerCase()) brands += 1;
        if (item?.analysis?.attributes.size?.[0]?.value === truth.tag.size) sizes += 1;
      }
      const colour = item?.analysis?.attributes.color?.[0]?.value;
      if (truth.garment !== null && colour !== undefined && GARMENT_COLOURS_BY_EYE[truth.garment]?.includes(colour)) colours += 1;
    }
    const weighed = roll.items.filter((item) => item.weightGrams !== null).length;
    const tagged = roll.items.filter((item) => item.tag !== null).length;
    const dressed = roll.items.filter((item) => item.garment !== null).length;
    const orphansRight = JSON.stringify(result.items.orphans.map((photo) => photo.originalName)) === JSON.stringify(roll.orphans);
    rows.push(
      { set, measure: `seconds per item (${workers} OCR workers, whole pipeline)`, result: seconds(elapsed / roll.items.length) },
      { set, measure: 'seconds per photo', result: seconds(elapsed / roll.photos.length) },
      { set, measure: 'items grouped exactly', result: share(grouped, roll.items.length) },
      { set, measure: 'orphans found', result: orphansRight ? `all ${roll.orphans.length}` : 'WRONG' },
      { set, measure: 'SKU read', result: share(skus, roll.items.length) },
      { set, measure: 'weight read (label or scale)', result: `${share(weights, weighed)}, ${wrongWeights} wrong` },
      { set, measure: 'product code (UPC hang tag)', result: share(codes, roll.items.length) },
      { set, measure: 'tag brand', result: share(brands, tagged) },
      { set, measure: 'tag size (lone letters)', result: share(sizes, tagged) },
      { set, measure: 'colour named as by eye', result: share(colours, dressed) },
    );
  } finally {
    await harness.dispose();
    await rm(outDir, { recursive: true, force: true });
  }
}

/** The readings of ../shared/data/photos/scale-displays/README.md. */
const SCALE_READINGS: Record<string, string> = { '3': '20.21', '15': '14.33', '6': '14.13', '10': '19.87', '12': '3.93', '14': '11.14', '17': '15.53' };

async function benchScaleDisplays(recognizer: TesseractTextRecognizer): Promise<void> {
  const dir = sharedPath('photos', 'scale-displays');
  const reader = new SevenSegmentScaleReader({ unitReader: recognizer });
  const digitsOnly = new TesseractTextRecognizer({ workers: 1 });
  let found = 0;
  let boxed = 0;
  let units = 0;
  let wrong = 0;
  let tesseractDigits = 0;
  let elapsed = 0;
  const files = (await readdir(dir)).filter((name) => name.endsWith('.jpg'));
  for (const file of files) {
    const image = await readFile(path.join(dir, file));
    const truth = SCALE_READINGS[file.split('_')[0] ?? ''];
    const started = performance.now();
    const reading = await reader.read(image);
    elapsed += performance.now() - started;
    if (reading?.digits === truth) found += 1;
    else if (reading !== null) wrong += 1;
    if (reading?.unit === 'lb') units += 1;
    const [, cx = 0, cy = 0, w = 0, h = 0] = (await readFile(path.join(dir, file.replace(/\.jpg$/, '.yolo.txt')), 'utf8')).trim().split(/\s+/).map(Number);
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const region = { left: Math.round((cx - w / 2) * width), top: Math.round((cy - h / 2) * height), width: Math.round(w * width), height: Math.round(h * height) };
    if ((await reader.read(image, { region }))?.digits === truth) boxed += 1;
    // What general OCR makes of the same display, for comparison: best of the four quarter turns.
    const crop = await sharp(image).extract(region).png().toBuffer();
    for (const angle of [0, 90, 180, 270]) {
      const text = (await digitsOnly.recognize(await sharp(crop).rotate(angle).greyscale().normalise().png().toBuffer(), { layout: 'block' })).text;
      if (text.replace(/[^\d.]/g, '') === truth) {
        tesseractDigits += 1;
        break;
      }
    }
  }
  await digitsOnly.close();
  const set = `scale displays (${files.length} real photos)`;
  rows.push(
    { set, measure: 'reading found and read, photo alone', result: `${share(found, files.length)}, ${wrong} wrong` },
    { set, measure: 'reading, display box given', result: share(boxed, files.length) },
    { set, measure: 'unit sign read ("lb")', result: share(units, files.length) },
    { set, measure: 'tesseract on the display box (any turn)', result: share(tesseractDigits, files.length) },
    { set, measure: 'seconds per photo', result: seconds(elapsed / files.length) },
  );
}

async function benchGarmentColours(): Promise<void> {
  const sampler = new SharpImageSampler();
  let hits = 0;
  let best = 0;
  let elapsed = 0;
  const entries = Object.entries(GARMENT_COLOURS_BY_EYE);
  for (const [file, accepted] of entries) {
    const started = performance.now();
    const pixels = await sampler.readPixels(await readFile(sharedPath('photos', 'garments', file)), { maxSide: 96 });
    const top = findGarmentColours(pixels)[0]?.name ?? 'none';
    elapsed += performance.now() - started;
    if (accepted.includes(top)) hits += 1;
    if (accepted[0] === top) best += 1;
  }
  const set = `garment colours (${entries.length} real photos)`;
  rows.push(
    { set, measure: 'colour a person would accept', result: share(hits, entries.length) },
    { set, measure: 'the best name, exactly', result: share(best, entries.length) },
    { set, measure: 'seconds per photo', result: seconds(elapsed / entries.length) },
  );
}

/** What ../shared/data/photos/README.md says the care labels show. */
const CARE_LABELS: ReadonlyArray<{ file: string; material?: string; country?: string; care?: boolean }> = [
  { file: 'athul_sample_image.jpg', material: 'Cotton', country: 'China', care: true },
  { file: 'athul_sample_image3_is_webp.jpg', material: 'Cotton' },
  { file: 'athul_valid_39_jpg.rf.4be0c80568ac34ed7b725ad43f4a1e48.jpg', material: 'Viscose' },
  { file: 'athul_valid_5_jpg.rf.dad6ff6f04057c87d0e338a1179af726.jpg', material: 'Polyester', care: true },
  { file: 'athul_valid_74_jpg.rf.c7ea5cdcbaf7faeb67a28b095e947198.jpg', material: 'Polyester', country: 'Italy' },
];

async function benchCareLabels(recognizer: TesseractTextRecognizer): Promise<void> {
  const processor = new SharpImageProcessor();
  let facts = 0;
  let found = 0;
  let elapsed = 0;
  for (const label of CARE_LABELS) {
    const original = await readFile(sharedPath('photos', 'care-labels', label.file));
    const started = performance.now();
    const ai = (await processor.process(original)).derivatives.ai;
    // Two of them are upside down: the text read either way up is kept, as a seller turning the photo would.
    const texts = [(await recognizer.recognize(ai)).text, (await recognizer.recognize(await sharp(ai).rotate(180).toBuffer())).text];
    elapsed += performance.now() - started;
    const attributes = extractTagAttributes(texts.map((text, index) => ({ photoId: String(index), text })));
    const values = (name: 'material' | 'countryOfOrigin' | 'careInstructions'): string[] => (attributes[name] ?? []).map((claim) => claim.value);
    if (label.material !== undefined) {
      facts += 1;
      if (values('material').includes(label.material)) found += 1;
    }
    if (label.country !== undefined) {
      facts += 1;
      if (values('countryOfOrigin').includes(label.country)) found += 1;
    }
    if (label.care === true) {
      facts += 1;
      if (values('careInstructions').length > 0) found += 1;
    }
  }
  const set = `care labels (${CARE_LABELS.length} real photos)`;
  rows.push(
    { set, measure: 'fibre, origin and care facts read', result: share(found, facts) },
    { set, measure: 'seconds per photo (two OCR passes)', result: seconds(elapsed / CARE_LABELS.length) },
  );
}

async function benchBarcodes(): Promise<void> {
  const dir = sharedPath('photos', 'barcodes');
  const reader = new ZxingBarcodeReader();
  let hits = 0;
  let elapsed = 0;
  const files = (await readdir(dir)).filter((name) => name.endsWith('.png'));
  for (const file of files) {
    const expected = (await readFile(path.join(dir, file.replace(/\.png$/, '.txt')), 'utf8')).trim();
    const { data, info } = await sharp(await readFile(path.join(dir, file))).greyscale().raw().toBuffer({ resolveWithObject: true });
    const started = performance.now();
    const found = await reader.read({ data, width: info.width, height: info.height, channels: 1 });
    elapsed += performance.now() - started;
    if (found.some((code) => code.text === expected || `0${code.text}` === expected)) hits += 1;
  }
  const set = `barcodes (${files.length} real photos)`;
  rows.push(
    { set, measure: 'decoded to the payload in its .txt', result: share(hits, files.length) },
    { set, measure: 'seconds per photo', result: seconds(elapsed / files.length) },
  );
}

async function benchTurnedText(recognizer: TesseractTextRecognizer): Promise<void> {
  let hits = 0;
  const files = ['tesseractjs_simple-90.jpg', 'tesseractjs_simple-180.jpg', 'tesseractjs_simple-270.jpg'];
  for (const file of files) {
    const upright = await sharp(await readFile(sharedPath('photos', 'ocr-text', file))).rotate().png().toBuffer();
    if ((await recognizer.recognize(upright)).text.includes('Tesseract.js')) hits += 1;
  }
  rows.push({ set: 'OCR of photos turned by EXIF (3)', measure: '"Tesseract.js" read after auto-orient', result: share(hits, files.length) });
}

function printTable(): void {
  const widths = [
    Math.max(...rows.map((row) => row.set.length), 3),
    Math.max(...rows.map((row) => row.measure.length), 7),
    Math.max(...rows.map((row) => row.result.length), 6),
  ];
  const line = (cells: string[]): string => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
  console.log(line(['set', 'measure', 'result']));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  let previous = '';
  for (const row of rows) {
    console.log(line([row.set === previous ? '' : row.set, row.measure, row.result]));
    previous = row.set;
  }
}

if (!hasSharedData()) {
  console.log('../shared/data is missing: the benchmark needs its garment and scale photos.');
  process.exit(1);
}
const sections = process.argv.slice(2);
const wanted = (name: string): boolean => sections.length === 0 || sections.includes(name);
const recognizer = new TesseractTextRecognizer({ workers: Math.max(1, availableParallelism()) });
try {
  if (wanted('roll')) await benchGeneratedRoll();
  if (wanted('real')) {
    await benchScaleDisplays(recognizer);
    await benchGarmentColours();
    await benchCareLabels(recognizer);
    await benchBarcodes();
    await benchTurnedText(recognizer);
  }
} finally {
  await recognizer.close();
}
printTable();
