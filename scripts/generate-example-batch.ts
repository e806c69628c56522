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
import {
  encodeJpeg,
  formatExifDate,
  Random,
  renderGarmentPhoto,
  renderLabelPhoto,
  renderTagPhoto,
  roundTo,
  sansFont,
  serifFont,
  type RenderedPhoto,
  type TagSpec,
} from './lib/camera-roll-drawing.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutDir = path.join(repoRoot, 'examples', 'batch');
const defaultGarmentsDir = path.resolve(repoRoot, '../shared/data/photos/garments');

const gramsPerOunce = 28.349523125;
const gramsPerPound = 453.59237;

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

interface WrittenPhoto {
  file: string;
  kind: PhotoKind;
  dateTimeOriginal: string;
  capturedAt: string;
  source?: string;
  orientation?: number;
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
