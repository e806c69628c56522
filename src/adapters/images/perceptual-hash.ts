/** Side of the greyscale square the hash is computed on. */
const SIDE = 32;
/** Low-frequency coefficients kept per axis: 8 × 8 = 64 bits. */
const KEPT = 8;

/** cos((2x + 1)uπ / 2N) for the kept frequencies u and every position x. */
const COSINES = Array.from({ length: KEPT }, (_, u) =>
  Float64Array.from({ length: SIDE }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIDE))),
);

/**
 * A 64-bit perceptual hash (pHash) of a greyscale picture, as 16 hex digits: the picture is
 * averaged down to 32×32, its lowest 8×8 cosine frequencies are kept, and each bit says whether
 * a frequency is above their median. Re-encoding, resizing, small crops and exposure changes
 * move few bits; a different scene moves about half of them.
 */
export function computePerceptualHash(luma: Uint8Array, width: number, height: number): string {
  if (luma.length !== width * height || width === 0 || height === 0) {
    throw new RangeError(`Expected ${width}×${height} greyscale pixels, got ${luma.length} bytes`);
  }
  const cells = averageIntoCells(luma, width, height);
  const coefficients = transformLowFrequencies(cells);
  const median = findMedian(coefficients);
  let hex = '';
  for (let nibble = 0; nibble < KEPT * KEPT; nibble += 4) {
    let value = 0;
    for (let bit = 0; bit < 4; bit += 1) value = (value << 1) | (coefficients[nibble + bit]! > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Mean of the pixels falling in each of the 32×32 cells (every cell gets at least one row and column when the picture is that big). */
function averageIntoCells(luma: Uint8Array, width: number, height: number): Float64Array {
  const sums = new Float64Array(SIDE * SIDE);
  const counts = new Uint32Array(SIDE * SIDE);
  const columnCell = Uint8Array.from({ length: width }, (_, x) => Math.floor((x * SIDE) / width));
  for (let y = 0; y < height; y += 1) {
    const rowCell = Math.floor((y * SIDE) / height) * SIDE;
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const cell = rowCell + columnCell[x]!;
      sums[cell] = sums[cell]! + luma[row + x]!;
      counts[cell] = counts[cell]! + 1;
    }
  }
  // A picture smaller than 32 px on a side leaves empty cells: borrow the nearest filled one above or left.
  for (let cell = 0; cell < sums.length; cell += 1) {
    if (counts[cell] === 0) {
      const source = cell % SIDE > 0 && counts[cell - 1]! > 0 ? cell - 1 : cell - SIDE;
      sums[cell] = source >= 0 ? sums[source]! / Math.max(1, counts[source]!) : 0;
      counts[cell] = 1;
    } else {
      sums[cell] = sums[cell]! / counts[cell]!;
    }
  }
  return sums;
}

/** The 8×8 lowest frequencies of the 2-D DCT-II, row-major by vertical then horizontal frequency. */
function transformLowFrequencies(cells: Float64Array): Float64Array {
  const rows = new Float64Array(SIDE * KEPT);
  for (let y = 0; y < SIDE; y += 1) {
    for (let u = 0; u < KEPT; u += 1) {
      const cosine = COSINES[u]!;
      let sum = 0;
      for (let x = 0; x < SIDE; x += 1) sum += cells[y * SIDE + x]! * cosine[x]!;
      rows[y * KEPT + u] = sum;
    }
  }
  const coefficients = new Float64Array(KEPT * KEPT);
  for (let v = 0; v < KEPT; v += 1) {
    const cosine = COSINES[v]!;
    for (let u = 0; u < KEPT; u += 1) {
      let sum = 0;
      for (let y = 0; y < SIDE; y += 1) sum += rows[y * KEPT + u]! * cosine[y]!;
      coefficients[v * KEPT + u] = sum;
    }
  }
  return coefficients;
}

function findMedian(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length / 2;
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}
