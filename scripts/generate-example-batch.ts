/**
 * Generates examples/batch: a reseller's camera roll for four items, drawn by code.
 *
 *   npx tsx scripts/generate-example-batch.ts [outDir] [garmentsDir]
 *
 * Each item is a SKU/weight label photo (a real Code128 barcode on a label lying on a desk), then
 * photos of the garment (from the CC0 clothing-dataset copy in ../shared/data/photos/garments), then
 * a close-up of its brand tag. One stray garment photo comes before the first label. Every JPEG
 * carries EXIF DateTimeOriginal in camera-roll order, and `<folder>.expected.json` beside it holds the ground truth.
 * The randomness is seeded, so a re-run writes the same bytes.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBuffer as renderBarcodePng } from 'bwip-js';
import sharp, { type Sharp } from 'sharp';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutDir = path.join(repoRoot, 'examples', 'batch');
const defaultGarmentsDir = path.resolve(repoRoot, '../shared/data/photos/garments');

const gramsPerOunce = 28.349523125;
const gramsPerPound = 453.59237;

interface TagSpec {
  brand: string;
  size: string;
  material: string;
  countryOfOrigin: string;
  style: TagStyle;
}

interface TagStyle {
  background: string;
  ink: string;
  brandInk: string;
  brandFont: string;
  stitch: string;
}

interface ItemSpec {
  sku: string;
  /** As printed on the label, the way a seller's scale shows it. */
  weightText: string;
  weightGrams: number;
  itemType: string;
  /** File in the garments folder; every garment photo of the item is a framing of this one picture. */
  garmentFile: string;
  garmentShots: number;
  deskColour: string;
  tag: TagSpec;
}

const sansFont = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
const serifFont = "'DejaVu Serif', 'Liberation Serif', Georgia, serif";

const items: ItemSpec[] = [
  {
    sku: 'EF-10234',
    weightText: '1 Lb 4.2 oz',
    weightGrams: roundTo(gramsPerPound + 4.2 * gramsPerOunce, 1),
    itemType: 'Jeans',
    garmentFile: 'Pants_4f9521b3-9cad-4cb2-bf9e-34bd0b10b068.jpg',
    garmentShots: 3,
    deskColour: '#6b4a32',
    tag: {
      brand: "Levi's",
      size: 'W32 L30',
      material: '100% COTTON',
      countryOfOrigin: 'MADE IN MEXICO',
      style: { background: '#f3efe4', ink: '#1e1e1e', brandInk: '#b3121f', brandFont: sansFont, stitch: '#b3121f' },
    },
  },
  {
    sku: 'EF-10235',
    weightText: '0.57 kg',
    weightGrams: 570,
    itemType: 'Hoodie',
    garmentFile: 'Hoodie_58a89ae2-5ea0-4c00-96c7-2476e7d9b3f2.jpg',
    garmentShots: 2,
    deskColour: '#8c6d4c',
    tag: {
      brand: 'Patagonia',
      size: 'L',
      material: '80% COTTON 20% POLYESTER',
      countryOfOrigin: 'MADE IN VIETNAM',
      style: { background: '#f5f3ee', ink: '#1f2a3a', brandInk: '#1f2a3a', brandFont: sansFont, stitch: '#6f7b8a' },
    },
  },
  {
    sku: 'EF-10236',
    weightText: '9.8 oz',
    weightGrams: roundTo(9.8 * gramsPerOunce, 1),
    itemType: 'Polo',
    garmentFile: 'Polo_2c2188ab-3a18-4d1c-9103-f1d109061cc3.jpg',
    garmentShots: 3,
    deskColour: '#4b4f55',
    tag: {
      brand: 'J.Crew',
      size: 'XS',
      material: '100% COTTON',
      countryOfOrigin: 'MADE IN INDIA',
      style: { background: '#efeae0', ink: '#202020', brandInk: '#111111', brandFont: serifFont, stitch: '#8a8172' },
    },
  },
  {
    sku: 'EF-10237',
    weightText: '1.25 LB',
    weightGrams: roundTo(1.25 * gramsPerPound, 1),
    itemType: 'Vest',
    garmentFile: 'Outwear_8dd4871d-7522-4152-b837-cffb5f2cc261.jpg',
    garmentShots: 2,
    deskColour: '#3d3430',
    tag: {
      brand: 'Nike',
      size: 'XL',
      material: '100% POLYESTER',
      countryOfOrigin: 'MADE IN CHINA',
      style: { background: '#fbfbfb', ink: '#111111', brandInk: '#111111', brandFont: sansFont, stitch: '#9a9a9a' },
    },
  },
];

/** A stray photo taken before the first label: it belongs to no item. */
const orphanGarmentFile = 'Skirt_910268c2-a132-4d25-80b1-59812c52e65c.jpg';

type PhotoKind = 'garment' | 'sku-label' | 'tag';

interface PlannedPhoto {
  kind: PhotoKind;
  render: (random: Random) => Promise<RenderedPhoto>;
  source?: string;
  item?: ItemSpec;
}

interface RenderedPhoto {
  jpegReady: Sharp;
  /** EXIF Orientation written with the pixels stored turned, as phones do for portrait shots. */
  orientation?: 6;
}

interface WrittenPhoto {
  file: string;
  kind: PhotoKind;
  dateTimeOriginal: string;
  capturedAt: string;
  source?: string;
  orientation?: number;
}

/** mulberry32: small, fast and good enough for picking angles and noise. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  integerBetween(low: number, high: number): number {
    return Math.floor(this.between(low, high + 1));
  }

  sign(): 1 | -1 {
    return this.next() < 0.5 ? -1 : 1;
  }

  gaussian(): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

function shadeHex(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number): string => {
    const shaded = Math.round(((value >> shift) & 0xff) * (1 + amount));
    return Math.min(255, Math.max(0, shaded)).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** A desk top: a colour with wood-like streaks and the fall-off of indoor light. */
function drawDeskSvg(width: number, height: number, colour: string, random: Random): string {
  const streaks: string[] = [];
  for (let index = 0; index < 70; index += 1) {
    const y = random.between(-40, height + 40);
    const bend = random.between(-30, 30);
    const shade = shadeHex(colour, random.between(-0.25, 0.2));
    streaks.push(
      `<path d="M -20 ${y.toFixed(1)} C ${(width * 0.3).toFixed(0)} ${(y + bend).toFixed(1)}, ${(width * 0.7).toFixed(0)} ${(y - bend).toFixed(1)}, ${width + 20} ${(y + bend / 2).toFixed(1)}" stroke="${shade}" stroke-width="${random.between(1, 7).toFixed(1)}" stroke-opacity="${random.between(0.25, 0.6).toFixed(2)}" fill="none"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs>
    <linearGradient id="base" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${shadeHex(colour, 0.12)}"/>
      <stop offset="1" stop-color="${shadeHex(colour, -0.12)}"/>
    </linearGradient>
    <radialGradient id="light" cx="0.42" cy="0.38" r="0.85">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.16"/>
      <stop offset="0.6" stop-color="#000000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000000" stop-opacity="0.38"/>
    </radialGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#base)"/>
  ${streaks.join('\n  ')}
  <rect width="${width}" height="${height}" fill="url(#light)"/>
</svg>`;
}

/** Woven fabric seen up close: fine crossing threads over the garment's colour. */
function drawFabricSvg(width: number, height: number, colour: string, random: Random): string {
  const threads: string[] = [];
  for (let x = 0; x < width; x += 6) {
    threads.push(
      `<rect x="${x}" y="0" width="3" height="${height}" fill="${shadeHex(colour, random.between(-0.12, 0.08))}" fill-opacity="0.55"/>`,
    );
  }
  for (let y = 0; y < height; y += 6) {
    threads.push(
      `<rect x="0" y="${y}" width="${width}" height="2" fill="${shadeHex(colour, random.between(-0.15, 0.05))}" fill-opacity="0.35"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs>
    <radialGradient id="light" cx="0.5" cy="0.45" r="0.8">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.10"/>
      <stop offset="1" stop-color="#000000" stop-opacity="0.35"/>
    </radialGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="${colour}"/>
  ${threads.join('\n  ')}
  <rect width="${width}" height="${height}" fill="url(#light)"/>
</svg>`;
}

/**
 * How the label is printed and photographed, tuned so tesseract reads the weight line at 1024 px.
 * Tesseract reads a lowercase "lb" after a number as "1b" nearly every time, so these labels spell
 * the unit "Lb" or "LB", as many scales do.
 */
const labelLook = {
  weightFont: sansFont,
  weightWeight: 'bold',
  weightSize: 92,
  noiseSigma: 4,
  blurSigma: 0.7,
  maxTurnDegrees: 6,
};

const labelWidth = 1000;
const labelHeight = 660;

async function drawSkuLabel(item: ItemSpec): Promise<Buffer> {
  // bwip-js draws on a transparent canvas: flatten it on white, or the bars sit on nothing.
  const barcodePng = await renderBarcodePng({
    bcid: 'code128',
    text: item.sku,
    scale: 4,
    height: 17,
    includetext: false,
    paddingwidth: 12,
    paddingheight: 4,
  });
  const barcode = await sharp(barcodePng).flatten({ background: '#ffffff' }).png().toBuffer();
  const barcodeSize = await sharp(barcode).metadata();
  const barcodeLeft = Math.round((labelWidth - barcodeSize.width) / 2);
  const labelSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth}" height="${labelHeight}">
  <rect x="0" y="0" width="${labelWidth}" height="${labelHeight}" rx="18" fill="#ffffff"/>
  <text x="${labelWidth / 2}" y="452" font-family="${sansFont}" font-weight="bold" font-size="118" text-anchor="middle" fill="#141414">${escapeXml(item.sku)}</text>
  <text x="${labelWidth / 2}" y="596" font-family="${labelLook.weightFont}" font-weight="${labelLook.weightWeight}" font-size="${labelLook.weightSize}" text-anchor="middle" fill="#1a1a1a">${escapeXml(item.weightText)}</text>
</svg>`;
  return sharp(Buffer.from(labelSvg))
    .composite([{ input: barcode, left: barcodeLeft, top: 46 }])
    .png()
    .toBuffer();
}

async function drawTag(tag: TagSpec, random: Random): Promise<Buffer> {
  const width = 860;
  const height = 640;
  const { style } = tag;
  const materialSize = tag.material.length > 16 ? 50 : 62;
  const tagSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect x="0" y="0" width="${width}" height="${height}" rx="10" fill="${style.background}"/>
  <rect x="20" y="20" width="${width - 40}" height="${height - 40}" rx="6" fill="none" stroke="${style.stitch}" stroke-width="4" stroke-dasharray="14 9"/>
  <text x="${width / 2}" y="182" font-family="${style.brandFont}" font-weight="bold" font-size="132" text-anchor="middle" fill="${style.brandInk}">${escapeXml(tag.brand)}</text>
  <text x="${width / 2}" y="338" font-family="${sansFont}" font-weight="bold" font-size="112" text-anchor="middle" fill="${style.ink}">${escapeXml(tag.size)}</text>
  <text x="${width / 2}" y="452" font-family="${sansFont}" font-size="${materialSize}" text-anchor="middle" fill="${style.ink}">${escapeXml(tag.material)}</text>
  <text x="${width / 2}" y="548" font-family="${sansFont}" font-size="52" text-anchor="middle" fill="${style.ink}">${escapeXml(tag.countryOfOrigin)}</text>
</svg>`;
  const flat = await sharp(Buffer.from(tagSvg)).png().toBuffer();
  // A woven label is never quite flat: squeeze it a little, unevenly.
  return sharp(flat)
    .resize(Math.round(width * random.between(0.96, 1)), Math.round(height * random.between(0.95, 1)), { fit: 'fill' })
    .png()
    .toBuffer();
}

/** Lays a flat printed thing on a background, turned, with a soft shadow under it. */
async function layOnBackground(
  backgroundSvg: string,
  frame: { width: number; height: number },
  object: Buffer,
  random: Random,
  maxTurnDegrees: number,
): Promise<Buffer> {
  const angle = random.sign() * random.between(maxTurnDegrees / 3, maxTurnDegrees);
  const turned = await sharp(object)
    .rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const turnedSize = await sharp(turned).metadata();
  const shadowAlpha = await sharp(turned).extractChannel('alpha').toBuffer();
  const shadow = await sharp({
    create: { width: turnedSize.width, height: turnedSize.height, channels: 3, background: '#000000' },
  })
    .joinChannel(shadowAlpha)
    .linear([1, 1, 1, 0.5], [0, 0, 0, 0])
    .blur(14)
    .png()
    .toBuffer();
  const left = Math.round((frame.width - turnedSize.width) / 2 + random.between(-60, 60));
  const top = Math.round((frame.height - turnedSize.height) / 2 + random.between(-50, 50));
  return sharp(Buffer.from(backgroundSvg))
    .composite([
      { input: shadow, left: left + 10, top: top + 14 },
      { input: turned, left, top },
    ])
    .png()
    .toBuffer();
}

/** Sensor noise and a touch of softness, so drawn pictures look photographed. */
async function photographLook(image: Buffer, random: Random, noiseSigma: number, blurSigma: number): Promise<Sharp> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const noisy = Buffer.alloc(data.length);
  for (let index = 0; index < data.length; index += info.channels) {
    const luma = random.gaussian() * noiseSigma;
    for (let channel = 0; channel < info.channels; channel += 1) {
      const value = (data[index + channel] ?? 0) + luma + random.gaussian() * noiseSigma * 0.35;
      noisy[index + channel] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  return sharp(noisy, { raw: { width: info.width, height: info.height, channels: info.channels } }).blur(blurSigma);
}

async function renderLabelPhoto(item: ItemSpec, random: Random): Promise<RenderedPhoto> {
  const frame = { width: 1600, height: 1200 };
  const label = await drawSkuLabel(item);
  const desk = drawDeskSvg(frame.width, frame.height, item.deskColour, random);
  const scene = await layOnBackground(desk, frame, label, random, labelLook.maxTurnDegrees);
  return { jpegReady: await photographLook(scene, random, labelLook.noiseSigma, labelLook.blurSigma) };
}

async function renderTagPhoto(item: ItemSpec, garmentsDir: string, random: Random): Promise<RenderedPhoto> {
  const frame = { width: 1200, height: 1600 };
  // The middle of the picture is the garment; its edges are the bed or floor it lies on.
  const garment = sharp(path.join(garmentsDir, item.garmentFile)).rotate();
  const { width, height } = await garment.clone().metadata();
  const middle = await garment
    .extract({ left: Math.round(width * 0.35), top: Math.round(height * 0.35), width: Math.round(width * 0.3), height: Math.round(height * 0.3) })
    .png()
    .toBuffer();
  const { r, g, b } = (await sharp(middle).stats()).dominant;
  const fabric = `#${[r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
  const tag = await drawTag(item.tag, random);
  const scene = await layOnBackground(drawFabricSvg(frame.width, frame.height, fabric, random), frame, tag, random, 5);
  return { jpegReady: await photographLook(scene, random, 3.5, 0.6) };
}

/**
 * The dataset's pictures are about 400x533; they are enlarged to a phone-like 1200 px so the
 * pipeline sees the sizes it will see in real use. Shot 0 is the whole picture, later shots are
 * closer framings of the same garment.
 */
async function renderGarmentPhoto(
  garmentsDir: string,
  file: string,
  shot: number,
  random: Random,
): Promise<RenderedPhoto> {
  const source = sharp(path.join(garmentsDir, file)).rotate();
  const { width, height } = await source.clone().metadata();
  let framed = source;
  if (shot > 0) {
    const keep = shot === 1 ? random.between(0.62, 0.72) : random.between(0.78, 0.86);
    const cropWidth = Math.round(width * keep);
    const cropHeight = Math.round(height * keep);
    framed = source.extract({
      left: Math.round(random.between(0, width - cropWidth)),
      top: Math.round(random.between(0, height - cropHeight)),
      width: cropWidth,
      height: cropHeight,
    });
  }
  const enlarged = await framed
    .resize(1200, 1200, { fit: 'inside', kernel: 'lanczos3' })
    .sharpen({ sigma: 0.8 })
    .png()
    .toBuffer();
  return { jpegReady: sharp(enlarged) };
}

function formatExifDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getUTCFullYear()}:${pad(date.getUTCMonth() + 1)}:${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function planCameraRoll(garmentsDir: string): PlannedPhoto[] {
  const plan: PlannedPhoto[] = [
    {
      kind: 'garment',
      source: orphanGarmentFile,
      render: (random) => renderGarmentPhoto(garmentsDir, orphanGarmentFile, 0, random),
    },
  ];
  items.forEach((item, itemIndex) => {
    plan.push({ kind: 'sku-label', item, render: (random) => renderLabelPhoto(item, random) });
    for (let shot = 0; shot < item.garmentShots; shot += 1) {
      plan.push({
        kind: 'garment',
        item,
        source: item.garmentFile,
        render: async (random) => {
          const photo = await renderGarmentPhoto(garmentsDir, item.garmentFile, shot, random);
          // One portrait shot stored sideways with an Orientation tag, as phones do.
          return itemIndex === 1 && shot === 1 ? { ...photo, orientation: 6 } : photo;
        },
      });
    }
    plan.push({ kind: 'tag', item, render: (random) => renderTagPhoto(item, garmentsDir, random) });
  });
  return plan;
}

async function encodeJpeg(photo: RenderedPhoto, capturedAt: Date): Promise<Buffer> {
  const stamp = formatExifDate(capturedAt);
  let pipeline = photo.jpegReady;
  if (photo.orientation === 6) {
    // Stored turned a quarter anticlockwise; Orientation 6 tells viewers to turn it back clockwise.
    // libvips writes the Orientation tag from its own field, which only withMetadata sets.
    pipeline = sharp(await pipeline.png().toBuffer()).rotate(-90).withMetadata({ orientation: 6 });
  }
  return pipeline
    .jpeg({ quality: 85, chromaSubsampling: '4:2:0' })
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 12', Software: '17.4.1', DateTime: stamp },
      IFD2: { DateTimeOriginal: stamp, DateTimeDigitized: stamp },
    })
    .toBuffer();
}

async function clearPreviousOutput(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(outDir)) {
    if (/^IMG_\d{4}\.jpg$/.test(name)) {
      await rm(path.join(outDir, name));
    }
  }
}

async function generateExampleBatch(outDir: string, garmentsDir: string): Promise<void> {
  await clearPreviousOutput(outDir);
  const random = new Random(20240309);
  const plan = planCameraRoll(garmentsDir);
  let clock = Date.UTC(2024, 2, 9, 10, 12, 5);
  const written: WrittenPhoto[] = [];
  const photosByItem = new Map<ItemSpec, WrittenPhoto[]>();
  let previous: PlannedPhoto | undefined;

  for (const [index, planned] of plan.entries()) {
    if (previous !== undefined) {
      const sameItem = previous.item !== undefined && previous.item === planned.item;
      clock += 1000 * (sameItem ? random.integerBetween(20, 60) : random.integerBetween(180, 540));
    }
    previous = planned;
    const capturedAt = new Date(clock);
    const rendered = await planned.render(random);
    const file = `IMG_${String(index + 1).padStart(4, '0')}.jpg`;
    await writeFile(path.join(outDir, file), await encodeJpeg(rendered, capturedAt));
    const record: WrittenPhoto = {
      file,
      kind: planned.kind,
      dateTimeOriginal: formatExifDate(capturedAt),
      capturedAt: capturedAt.toISOString(),
      ...(planned.source === undefined ? {} : { source: `garments/${planned.source}` }),
      ...(rendered.orientation === undefined ? {} : { orientation: rendered.orientation }),
    };
    written.push(record);
    if (planned.item !== undefined) {
      const list = photosByItem.get(planned.item) ?? [];
      list.push(record);
      photosByItem.set(planned.item, list);
    }
  }

  const expected = {
    description:
      'Ground truth for the example camera roll: items in order, each opened by its SKU/weight label photo. Times are EXIF DateTimeOriginal (no zone; capturedAt reads them as UTC).',
    generatedBy: 'scripts/generate-example-batch.ts',
    photos: written,
    orphans: written.filter((photo) => !items.some((item) => photosByItem.get(item)?.includes(photo))).map((photo) => photo.file),
    items: items.map((item) => {
      const photos = photosByItem.get(item) ?? [];
      const labelPhoto = photos.find((photo) => photo.kind === 'sku-label');
      const tagPhoto = photos.find((photo) => photo.kind === 'tag');
      return {
        sku: item.sku,
        weightText: item.weightText,
        weightGrams: item.weightGrams,
        itemType: item.itemType,
        skuPhoto: labelPhoto?.file,
        photos: photos.map((photo) => photo.file),
        tag: {
          photo: tagPhoto?.file,
          brand: item.tag.brand,
          size: item.tag.size,
          material: item.tag.material,
          countryOfOrigin: item.tag.countryOfOrigin.replace(/^MADE IN /, ''),
          text: [item.tag.brand, item.tag.size, item.tag.material, item.tag.countryOfOrigin],
        },
      };
    }),
  };
  // Beside the folder, not in it: the folder is a camera roll and holds photos only.
  const expectedPath = `${outDir}.expected.json`;
  await writeFile(expectedPath, `${JSON.stringify(expected, null, 2)}\n`);
  process.stdout.write(`wrote ${written.length} photos to ${path.relative(process.cwd(), outDir) || '.'} and the ground truth to ${path.relative(process.cwd(), expectedPath)}\n`);
}

const [outArgument, garmentsArgument] = process.argv.slice(2);
await generateExampleBatch(
  path.resolve(outArgument ?? defaultOutDir),
  path.resolve(garmentsArgument ?? defaultGarmentsDir),
);
