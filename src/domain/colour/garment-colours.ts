import { convertLabToHex, convertRgbToLab, nameColour, type EbayColour, type Lab } from './ebay-colours.ts';

/** RGB pixels, row by row; 3 or 4 channels (alpha ignored). */
export interface RgbPixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

export interface GarmentColour {
  name: EbayColour;
  /** Share of the garment's pixels, 0..1. */
  share: number;
  /** The measured colour, for the evidence shown to the seller. */
  hex: string;
}

/** Colour groups the picture is split into. */
const CLUSTERS = 6;
const ITERATIONS = 12;
/** The frame band that tells the background (a bed, a floor, a door) from the garment. */
const BORDER_SHARE = 0.08;

interface Cluster {
  centre: Lab;
  count: number;
  weighted: number;
  border: number;
  middle: number;
}

/**
 * The dominant colours of the garment in a photo, largest first, named as eBay names them. The
 * picture is split into colour groups; the groups that make up most of the frame's edge but little of
 * its middle are the background (the garment lies in the middle of a flat-lay or hanging photo) and
 * are left out. A close-up that the garment fills keeps everything.
 */
export function findGarmentColours(pixels: RgbPixels): GarmentColour[] {
  const { width, height } = pixels;
  const count = width * height;
  if (count === 0) return [];
  const labs = new Float64Array(count * 3);
  for (let index = 0; index < count; index += 1) {
    const offset = index * pixels.channels;
    const lab = convertRgbToLab(pixels.data[offset] ?? 0, pixels.data[offset + 1] ?? 0, pixels.data[offset + 2] ?? 0);
    labs[index * 3] = lab.l;
    labs[index * 3 + 1] = lab.a;
    labs[index * 3 + 2] = lab.b;
  }
  const assignment = new Uint8Array(count);
  const clusters = clusterColours(labs, count, assignment);

  const borderX = Math.max(1, Math.round(width * BORDER_SHARE));
  const borderY = Math.max(1, Math.round(height * BORDER_SHARE));
  let borderTotal = 0;
  let middleTotal = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const cluster = clusters[assignment[y * width + x] ?? 0];
      if (cluster === undefined) continue;
      const onBorder = x < borderX || x >= width - borderX || y < borderY || y >= height - borderY;
      const inMiddle = Math.abs(x - width / 2) < width * 0.25 && Math.abs(y - height / 2) < height * 0.25;
      // Garments lie in the middle of the frame: pixels count more the nearer they are to it.
      const dx = (x - width / 2) / (width / 2);
      const dy = (y - height / 2) / (height / 2);
      cluster.weighted += Math.exp(-(dx * dx + dy * dy) * 1.5);
      if (onBorder) {
        cluster.border += 1;
        borderTotal += 1;
      }
      if (inMiddle) {
        cluster.middle += 1;
        middleTotal += 1;
      }
    }
  }

  const garment = clusters.filter((cluster) => {
    const borderShare = cluster.border / Math.max(1, borderTotal);
    const middleShare = cluster.middle / Math.max(1, middleTotal);
    const isBackground = borderShare >= 0.15 && middleShare < borderShare * 0.5;
    return cluster.count > 0 && !isBackground;
  });
  const kept = garment.length > 0 ? garment : clusters.filter((cluster) => cluster.count > 0);
  const total = kept.reduce((sum, cluster) => sum + cluster.weighted, 0);
  const byName = new Map<EbayColour, { share: number; lab: Lab; weight: number }>();
  for (const cluster of kept) {
    const name = nameColour(cluster.centre);
    const share = cluster.weighted / total;
    const known = byName.get(name);
    if (known === undefined || known.weight < cluster.weighted) {
      byName.set(name, { share: (known?.share ?? 0) + share, lab: cluster.centre, weight: cluster.weighted });
    } else {
      known.share += share;
    }
  }
  return [...byName.entries()]
    .map(([name, { share, lab }]) => ({ name, share: Math.round(share * 100) / 100, hex: convertLabToHex(lab) }))
    .sort((a, b) => b.share - a.share);
}

/** k-means in CIELAB, seeded deterministically: the same picture always gives the same groups. */
function clusterColours(labs: Float64Array, count: number, assignment: Uint8Array): Cluster[] {
  const centres: Lab[] = [];
  // The first centre is the mean colour; each next one is the pixel farthest from every centre so far.
  let mean: Lab = { l: 0, a: 0, b: 0 };
  for (let index = 0; index < count; index += 1) {
    mean = { l: mean.l + (labs[index * 3] ?? 0), a: mean.a + (labs[index * 3 + 1] ?? 0), b: mean.b + (labs[index * 3 + 2] ?? 0) };
  }
  centres.push({ l: mean.l / count, a: mean.a / count, b: mean.b / count });
  const step = Math.max(1, Math.floor(count / 2000));
  while (centres.length < CLUSTERS) {
    let farthest = -1;
    let farthestDistance = -1;
    for (let index = 0; index < count; index += step) {
      const distance = nearestDistance(labs, index, centres);
      if (distance > farthestDistance) {
        farthestDistance = distance;
        farthest = index;
      }
    }
    if (farthest < 0 || farthestDistance < 1) break;
    centres.push(labAt(labs, farthest));
  }

  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const sums = centres.map(() => ({ l: 0, a: 0, b: 0, n: 0 }));
    for (let index = 0; index < count; index += 1) {
      let best = 0;
      let bestDistance = Infinity;
      centres.forEach((centre, centreIndex) => {
        const distance = squaredDistance(labs, index, centre);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = centreIndex;
        }
      });
      assignment[index] = best;
      const sum = sums[best];
      if (sum !== undefined) {
        sum.l += labs[index * 3] ?? 0;
        sum.a += labs[index * 3 + 1] ?? 0;
        sum.b += labs[index * 3 + 2] ?? 0;
        sum.n += 1;
      }
    }
    sums.forEach((sum, centreIndex) => {
      if (sum.n > 0) centres[centreIndex] = { l: sum.l / sum.n, a: sum.a / sum.n, b: sum.b / sum.n };
    });
  }
  const clusters = centres.map((centre): Cluster => ({ centre, count: 0, weighted: 0, border: 0, middle: 0 }));
  for (let index = 0; index < count; index += 1) {
    const cluster = clusters[assignment[index] ?? 0];
    if (cluster !== undefined) cluster.count += 1;
  }
  return clusters;
}

function labAt(labs: Float64Array, index: number): Lab {
  return { l: labs[index * 3] ?? 0, a: labs[index * 3 + 1] ?? 0, b: labs[index * 3 + 2] ?? 0 };
}

function squaredDistance(labs: Float64Array, index: number, centre: Lab): number {
  const dl = (labs[index * 3] ?? 0) - centre.l;
  const da = (labs[index * 3 + 1] ?? 0) - centre.a;
  const db = (labs[index * 3 + 2] ?? 0) - centre.b;
  return dl * dl + da * da + db * db;
}

function nearestDistance(labs: Float64Array, index: number, centres: readonly Lab[]): number {
  let nearest = Infinity;
  for (const centre of centres) nearest = Math.min(nearest, squaredDistance(labs, index, centre));
  return Math.sqrt(nearest);
}
