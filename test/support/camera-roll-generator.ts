import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { ItemFlag } from '../../src/contracts/item.ts';
import {
  drawDeskSvg,
  drawFabricSvg,
  drawHangTagSvg,
  drawLabelSvg,
  drawScaleSvg,
  encodeJpeg,
  layInPerspective,
  photographQuickly,
  Random,
  renderGarmentPhoto,
  renderTagPhoto,
  roundTo,
  sansFont,
  serifFont,
  type DrawnLabelSpec,
  type RenderedPhoto,
  type TagSpec,
} from '../../scripts/lib/camera-roll-drawing.ts';

export type GeneratedPhotoKind = 'garment' | 'sku-label' | 'tag' | 'hang-tag' | 'scale';
export type LabelKind = 'code128' | 'code128-sideways' | 'qrcode' | 'printed-text' | 'handwritten';

export interface GeneratedPhoto {
  file: string;
  kind: GeneratedPhotoKind;
  capturedAt: string;
  /** Index of the item it belongs to; null for an orphan. */
  item: number | null;
  /** The garments-folder picture it shows, for garment photos. */
  garment?: string;
}

export interface GeneratedItem {
  sku: string;
  label: LabelKind;
  /** The item's photos in shooting order, its SKU photos first. */
  photos: string[];
  skuPhotos: string[];
  weightGrams: number | null;
  weightFrom: 'label' | 'scale' | null;
  /** The UPC of a retail hang tag among its photos. */
  productCode: string | null;
  flags: Array<ItemFlag['code']>;
  /** What its tag close-up says, when it has one. */
  tag: { brand: string; size: string } | null;
  /** The garments-folder picture its photos show; null when it has no garment photo. */
  garment: string | null;
}

export interface GeneratedCameraRoll {
  dir: string;
  photos: GeneratedPhoto[];
  items: GeneratedItem[];
  orphans: string[];
}

/**
 * The colour of each garment in ../shared/data/photos/garments, as eBay names colours, read by eye;
 * the first name is the best, the others are fair answers too (a denim jacket is Blue or Gray).
 */
export const GARMENT_COLOURS_BY_EYE: Readonly<Record<string, readonly string[]>> = {
  'Blazer_54943d06-2d54-4356-868e-b7fe82b85814.jpg': ['Blue', 'Gray'],
  'Blazer_59663489-ba1b-40d9-aee0-60a1a412aac5.jpg': ['Brown', 'Gray'],
  'Dress_2dcaec0f-b253-4d75-aa8a-01f0858229a8.jpg': ['Black', 'Blue'],
  'Dress_968e1bb6-5441-4bb6-b56b-6b066dd2423e.jpg': ['Pink'],
  'Hoodie_10529e10-2487-405d-93e9-696e1cc81f96.jpg': ['Gray'],
  'Hoodie_58a89ae2-5ea0-4c00-96c7-2476e7d9b3f2.jpg': ['Gray', 'White'],
  'Longsleeve_2e4bde7e-e9b9-4097-a64b-0ff017e28e3c.jpg': ['Multicolor', 'Red', 'Blue'],
  'Longsleeve_79c670d3-6f98-4ba2-a9b9-7ae9bfc53f61.jpg': ['Red', 'Brown', 'Orange'],
  'Outwear_8dd4871d-7522-4152-b837-cffb5f2cc261.jpg': ['Beige', 'Ivory', 'White'],
  'Outwear_c9d2ebc6-f77a-48dc-bb9d-1700c6e9b109.jpg': ['Pink'],
  'Pants_4f9521b3-9cad-4cb2-bf9e-34bd0b10b068.jpg': ['Blue'],
  'Pants_5d772eec-4af3-4f6b-9615-6b1c75b1adb2.jpg': ['Black'],
  'Polo_2125089e-61bc-4ec7-bba5-829e8e2fe268.jpg': ['Pink'],
  'Polo_2c2188ab-3a18-4d1c-9103-f1d109061cc3.jpg': ['Green', 'Blue'],
  'Shirt_26bed63e-d57c-4a07-9bc9-4c17b5e85989.jpg': ['Beige', 'Gray', 'Brown'],
  'Shirt_7f427c6f-1c20-4ea0-a1d7-7e46715eeb8a.jpg': ['White', 'Ivory', 'Beige'],
  'Shoes_35707ebd-0264-4bbf-b5f2-a33c5c4bff4d.jpg': ['Black', 'Brown'],
  'Shoes_75912d0d-f9b5-450d-9260-87f192a06731.jpg': ['Gray'],
  'Shorts_1b9a7610-e6d9-4bb8-ace9-ed4870ae0d5b.jpg': ['Red', 'Purple', 'Brown'],
  'Shorts_20679064-7d30-434b-bd91-a6614f7ceb09.jpg': ['Blue'],
  'Skirt_672b0d76-2277-4edf-8903-51cd6646b139.jpg': ['Blue', 'Gray'],
  'Skirt_910268c2-a132-4d25-80b1-59812c52e65c.jpg': ['White', 'Multicolor', 'Pink'],
  'T-Shirt_54e2c8ea-58ef-4871-ae3f-75eabd9a2c6c.jpg': ['Brown', 'Beige', 'Gray', 'Pink'],
  'T-Shirt_7f9275de-c63f-46f2-8328-38bf0ae69655.jpg': ['Black', 'Blue'],
};

const GRAMS_PER_POUND = 453.59237;
const GRAMS_PER_OUNCE = 28.349523125;

/** Weights as sellers' labels print them, with their grams. */
const WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['1.25 LB', 1.25 * GRAMS_PER_POUND],
  ['20.2 oz', 20.2 * GRAMS_PER_OUNCE],
  ['1 Lb 4.2 oz', GRAMS_PER_POUND + 4.2 * GRAMS_PER_OUNCE],
  ['567 g', 567],
  ['0.57 kg', 570],
  ['2 lbs 3 oz', 2 * GRAMS_PER_POUND + 3 * GRAMS_PER_OUNCE],
  ['14.5 OZ', 14.5 * GRAMS_PER_OUNCE],
  ['0.8 LB', 0.8 * GRAMS_PER_POUND],
];

const BRANDS = ["Levi's", 'Patagonia', 'Nike', 'Columbia', 'Gap', 'Carhartt', 'Adidas', 'Ralph Lauren'];
const SIZES = ['M', 'S', 'L', 'XL'];
const DESKS = ['#6b4a32', '#8c6d4c', '#4b4f55', '#3d3430', '#7a6a58'];

/** The label of item `index`: its kind cycles so every kind appears many times. */
function chooseLabelKind(index: number): LabelKind {
  const slot = index % 8;
  if (slot <= 3) return 'code128';
  if (slot === 4) return 'qrcode';
  if (slot === 5) return 'printed-text';
  if (slot === 6) return 'code128-sideways';
  return 'handwritten';
}

/** The SKU in several of the forms sellers use; the printed line and the code it stands for. */
function chooseSku(index: number, kind: LabelKind): { printed: string; code: string } {
  const number = 10234 + index * 7;
  if (kind === 'handwritten') return { printed: `EF-${number}`, code: `EF-${number}` };
  switch (index % 4) {
    case 0:
      return { printed: `EF-${number}`, code: `EF-${number}` };
    case 1:
      return { printed: `SKU ${number}`, code: String(number) };
    case 2:
      return { printed: `A${(index % 9) + 1}${index % 7}-B${(index % 5) + 2}`, code: `A${(index % 9) + 1}${index % 7}-B${(index % 5) + 2}` };
    default:
      return { printed: `JX-${String(index).padStart(4, '0')}`, code: `JX-${String(index).padStart(4, '0')}` };
  }
}

/** A valid UPC-A (GS1 check digit) for a hang tag. */
function makeUpc(seed: number): string {
  const body = `0${String(36000 + seed * 131).padStart(5, '0')}${String(10000 + seed * 17).padStart(5, '0')}`.slice(0, 11);
  const digits = [...body].map(Number);
  const sum = digits.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

interface PlannedShot {
  kind: GeneratedPhotoKind;
  item: number | null;
  /** Minutes to wait before this shot instead of the usual seconds. */
  pauseMinutes?: number;
  garment?: string;
  render: (random: Random) => Promise<RenderedPhoto>;
}

/**
 * Draws a seller's camera roll of `itemCount` items (30 or more) into `dir`, with its ground truth:
 * two stray photos first (orphans); for each item a SKU/weight label (Code128 upright or sideways, QR,
 * printed text only, or hand-written text, turned and seen at an angle, with sensor noise and blur),
 * then one or two garment photos (CC0 clothing-dataset pictures), sometimes a tag close-up, a retail
 * hang tag with a UPC, or a scale showing the weight the label lacks. One label is shot twice, one
 * is followed by no photo, one item has a long pause, one has no weight anywhere. Seeded: the same
 * arguments draw the same roll.
 */
export async function generateCameraRoll(options: {
  dir: string;
  garmentsDir: string;
  itemCount?: number;
  seed?: number;
}): Promise<GeneratedCameraRoll> {
  const itemCount = Math.max(30, options.itemCount ?? 32);
  const random = new Random(options.seed ?? 20240611);
  const garments = (await readdir(options.garmentsDir)).filter((name) => name.endsWith('.jpg')).sort();
  await mkdir(options.dir, { recursive: true });

  const shots: PlannedShot[] = [];
  const items: GeneratedItem[] = [];
  const garmentShot = (item: number | null, file: string, shot: number, extra: Partial<PlannedShot> = {}): PlannedShot => ({
    kind: 'garment',
    item,
    garment: file,
    render: async (rng) => shrink(await renderGarmentPhoto(options.garmentsDir, file, shot, rng), 900),
    ...extra,
  });

  const firstOrphan = garments[garments.length - 1] ?? '';
  shots.push(garmentShot(null, firstOrphan, 0), garmentShot(null, firstOrphan, 2));

  for (let index = 0; index < itemCount; index += 1) {
    const kind = chooseLabelKind(index);
    const sku = chooseSku(index, kind);
    const scaleInstead = index % 12 === 9;
    const noWeight = index === itemCount - 5;
    const [weightText, grams] = WEIGHTS[index % WEIGHTS.length] ?? ['1.25 LB', 567];
    const labelWeight = scaleInstead || noWeight ? null : weightText;
    const noPhotos = index === 13;
    const garment = garments[(index * 5) % garments.length] ?? '';
    const label: DrawnLabelSpec = {
      skuText: sku.printed,
      barcode: kind === 'code128' || kind === 'code128-sideways' ? { symbology: 'code128', text: sku.code } : kind === 'qrcode' ? { symbology: 'qrcode', text: sku.code } : null,
      weightText: labelWeight,
      hand: kind === 'handwritten' ? 'handwritten' : 'printed',
    };
    const desk = DESKS[index % DESKS.length] ?? '#6b4a32';
    const labelShot = (): PlannedShot => ({
      kind: 'sku-label',
      item: index,
      render: (rng) => renderLabel(label, kind, desk, rng),
    });
    const item: GeneratedItem = {
      sku: sku.code,
      label: kind,
      photos: [],
      skuPhotos: [],
      weightGrams: labelWeight !== null ? roundTo(grams, 1) : null,
      weightFrom: labelWeight !== null ? 'label' : null,
      productCode: null,
      flags: [],
      tag: null,
      garment: noPhotos ? null : garment,
    };
    items.push(item);
    shots.push(labelShot());
    if (index === 11) shots.push(labelShot());
    if (noPhotos) {
      item.flags.push('NO_ITEM_PHOTOS');
      continue;
    }
    if (scaleInstead) {
      const reading = (1 + (index % 5) * 0.37).toFixed(2);
      item.weightGrams = roundTo(Number(reading) * GRAMS_PER_POUND, 1);
      item.weightFrom = 'scale';
      shots.push({ kind: 'scale', item: index, render: (rng) => renderScale(reading, rng) });
    }
    if (noWeight) item.flags.push('NO_WEIGHT');
    const garmentShots = index % 3 === 0 ? 2 : 1;
    for (let shot = 0; shot < garmentShots; shot += 1) {
      const pause = index === 19 && shot === garmentShots - 1 ? { pauseMinutes: 42 } : {};
      shots.push(garmentShot(index, garment, shot, pause));
    }
    if (index === 19) item.flags.push('TIME_GAP');
    if (index % 4 === 2) {
      const tag: TagSpec = {
        brand: BRANDS[index % BRANDS.length] ?? 'Gap',
        size: SIZES[Math.floor(index / 4) % SIZES.length] ?? 'M',
        material: '100% COTTON',
        countryOfOrigin: 'MADE IN VIETNAM',
        style: { background: '#f4f1ea', ink: '#1e1e1e', brandInk: '#1e1e1e', brandFont: index % 8 === 2 ? sansFont : serifFont, stitch: '#8a8172' },
      };
      item.tag = { brand: tag.brand, size: tag.size };
      shots.push({ kind: 'tag', item: index, render: async (rng) => shrink(await renderTagPhoto({ garmentFile: garment, tag }, options.garmentsDir, rng), 1024) });
    }
    if (index % 12 === 5) {
      const upc = makeUpc(index);
      item.productCode = upc;
      shots.push({ kind: 'hang-tag', item: index, render: (rng) => renderHangTag(BRANDS[index % BRANDS.length] ?? 'Gap', upc, rng) });
    }
  }

  const photos: GeneratedPhoto[] = [];
  let clock = Date.UTC(2024, 5, 11, 9, 30, 0);
  let previousItem: number | null | undefined;
  for (const [position, shot] of shots.entries()) {
    if (previousItem !== undefined) {
      const sameItem = previousItem === shot.item;
      const seconds = shot.pauseMinutes !== undefined ? shot.pauseMinutes * 60 : sameItem ? random.integerBetween(20, 60) : random.integerBetween(120, 420);
      clock += seconds * 1000;
    }
    previousItem = shot.item;
    const capturedAt = new Date(clock);
    const file = `IMG_${String(position + 1).padStart(4, '0')}.jpg`;
    await writeFile(path.join(options.dir, file), await encodeJpeg(await shot.render(random), capturedAt));
    photos.push({ file, kind: shot.kind, capturedAt: capturedAt.toISOString(), item: shot.item, ...(shot.garment === undefined ? {} : { garment: shot.garment }) });
    if (shot.item !== null) {
      const item = items[shot.item];
      item?.photos.push(file);
      if (shot.kind === 'sku-label') item?.skuPhotos.push(file);
    }
  }
  const roll: GeneratedCameraRoll = {
    dir: options.dir,
    photos,
    items,
    orphans: photos.filter((photo) => photo.item === null).map((photo) => photo.file),
  };
  await writeFile(`${options.dir}.expected.json`, `${JSON.stringify(roll, null, 2)}\n`);
  return roll;
}

async function renderLabel(label: DrawnLabelSpec, kind: LabelKind, desk: string, random: Random): Promise<RenderedPhoto> {
  const frame = { width: 1200, height: 900 };
  const drawn = drawLabelSvg(label, random);
  let png = await sharp(Buffer.from(drawn.svg)).png().toBuffer();
  if (kind === 'code128-sideways') png = await sharp(png).rotate(90).png().toBuffer();
  const turn = kind === 'handwritten' ? 4 : kind === 'printed-text' ? 7 : 9;
  const scale = kind === 'code128-sideways' ? 0.62 : 0.72;
  const scene = await layInPerspective(drawDeskSvg(frame.width, frame.height, desk, random), frame, png, random, {
    skew: 0.05,
    maxTurnDegrees: turn,
    scale,
  });
  return { jpegReady: await photographQuickly(scene, random, 4, 0.7) };
}

async function renderHangTag(brand: string, upc: string, random: Random): Promise<RenderedPhoto> {
  const frame = { width: 900, height: 1200 };
  const png = await sharp(Buffer.from(drawHangTagSvg({ brand, upc, price: '$39.95' }))).png().toBuffer();
  const scene = await layInPerspective(drawFabricSvg(frame.width, frame.height, '#44608a', random), frame, png, random, {
    skew: 0.04,
    maxTurnDegrees: 6,
    scale: 0.9,
  });
  return { jpegReady: await photographQuickly(scene, random, 3, 0.6) };
}

async function renderScale(reading: string, random: Random): Promise<RenderedPhoto> {
  const frame = { width: 900, height: 1200 };
  const png = await sharp(Buffer.from(drawScaleSvg(reading, 'lb'))).png().toBuffer();
  const scene = await layInPerspective(drawDeskSvg(frame.width, frame.height, '#8c6d4c', random), frame, png, random, {
    skew: 0.04,
    maxTurnDegrees: 6,
    scale: 0.9,
  });
  return { jpegReady: await photographQuickly(scene, random, 3, 0.6) };
}

/** Garment and tag photos at phone-like but modest sizes keep the roll quick to read. */
async function shrink(photo: RenderedPhoto, longestSide: number): Promise<RenderedPhoto> {
  const png = await photo.jpegReady.resize(longestSide, longestSide, { fit: 'inside' }).png().toBuffer();
  return { jpegReady: sharp(png) };
}

const generatorSources = [
  fileURLToPath(import.meta.url),
  fileURLToPath(new URL('../../scripts/lib/camera-roll-drawing.ts', import.meta.url)),
];

/**
 * The roll for these options, drawn once and kept in the temp folder between test runs (drawing ~90
 * photos takes half a minute); the folder's name changes with the drawing code, so a change redraws.
 */
export async function prepareCameraRoll(options: { garmentsDir: string; itemCount?: number; seed?: number }): Promise<GeneratedCameraRoll> {
  const hash = createHash('sha256').update(JSON.stringify({ itemCount: options.itemCount, seed: options.seed }));
  for (const source of generatorSources) hash.update(await readFile(source));
  hash.update((await readdir(options.garmentsDir)).sort().join('\n'));
  const dir = path.join(tmpdir(), `easyflip-camera-roll-${hash.digest('hex').slice(0, 16)}`);
  try {
    await stat(`${dir}.expected.json`);
    const kept = JSON.parse(await readFile(`${dir}.expected.json`, 'utf8')) as GeneratedCameraRoll;
    return { ...kept, dir };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Drawn aside, then renamed: a test running at the same time sees a whole roll or none.
  const partial = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const roll = await generateCameraRoll({ ...options, dir: partial });
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  const kept: GeneratedCameraRoll = { ...roll, dir };
  await writeFile(`${dir}.expected.json`, `${JSON.stringify(kept, null, 2)}\n`);
  await rm(`${partial}.expected.json`, { force: true });
  return kept;
}
