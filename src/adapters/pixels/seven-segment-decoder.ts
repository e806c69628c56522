/**
 * Reads the digits of a seven-segment display (LCD or LED) from greyscale pixels of the display
 * alone. General-purpose OCR models are trained on printed type and read these digits poorly, so
 * the segments are looked at directly: the strokes are separated from the backlight, grouped into
 * digit cells, and each cell's seven segments are tested for ink.
 *
 * It refuses rather than guesses: a cell whose lit segments spell no digit makes the whole reading
 * null, and so does a decimal point that sits anywhere but on the baseline (a display read upside
 * down puts it at the top).
 */

export interface GreyPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface SevenSegmentReading {
  /** Digits with the decimal point as shown, e.g. "20.21". */
  digits: string;
  /** 0..1: how clearly the segments stood out from the backlight. */
  confidence: number;
}

/** Segments a, b, c, d, e, f, g as bits 0..6 (a top, b top right, c bottom right, d bottom, e bottom left, f top left, g middle). */
const DIGIT_BY_SEGMENTS = new Map<number, string>([
  [0b0111111, '0'],
  [0b0000110, '1'],
  [0b1011011, '2'],
  [0b1001111, '3'],
  [0b1100110, '4'],
  [0b1101101, '5'],
  [0b1111101, '6'],
  [0b1111100, '6'], // 6 without its top bar, as some displays draw it
  [0b0000111, '7'],
  [0b0100111, '7'], // 7 with the top-left bar, as others do
  [0b1111111, '8'],
  [0b1101111, '9'],
  [0b1100111, '9'], // 9 without its bottom bar
]);

interface Component {
  left: number;
  right: number;
  top: number;
  bottom: number;
  area: number;
}

interface Cell {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Shears tried to stand slanted digits upright: x moves by `shear` pixels per pixel above the middle. */
const SHEARS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, -0.05, -0.1];

/** Grey levels between backlight and segments below which nothing is read. */
const MIN_CONTRAST = 15;

export function decodeSevenSegmentDisplay(image: GreyPixels): SevenSegmentReading | null {
  if (image.width < 16 || image.height < 12) return null;
  const polarity = guessInkPolarity(image);
  if (polarity === null) return null;
  // The guess fails on faint LCDs with glare; the other polarity is tried before giving up.
  for (const inkIsDark of [polarity.inkIsDark, !polarity.inkIsDark]) {
    const ink = binarizeDisplay(image, inkIsDark, polarity.contrast);
    const reading = readBestShear(ink, image.width, image.height, polarity.contrast);
    if (reading !== null) return reading;
  }
  return null;
}

/** The shear that best separates the digits (most empty columns) is read first; the next ones if it fails. */
function readBestShear(ink: Uint8Array, width: number, height: number, contrast: number): SevenSegmentReading | null {
  const ranked = SHEARS.map((shear) => {
    const sheared = shearMask(ink, width, height, shear);
    return { sheared, gaps: countEmptyColumns(sheared, width, height) };
  }).sort((a, b) => b.gaps - a.gaps);
  for (const { sheared } of ranked.slice(0, 3)) {
    const reading = readCells(sheared, width, height, contrast);
    if (reading !== null) return reading;
  }
  return null;
}

/** Segments cover less of a display than its backlight: in the middle (no bezel), the smaller class is the ink. */
export function guessInkPolarity(image: GreyPixels): { inkIsDark: boolean; contrast: number } | null {
  const { width, height } = image;
  const middle = cropGrey(image, Math.round(width * 0.15), Math.round(height * 0.15), Math.round(width * 0.85), Math.round(height * 0.85));
  const threshold = findOtsuThreshold(middle);
  const contrast = measureContrast(middle, threshold);
  if (contrast < MIN_CONTRAST) return null;
  return { inkIsDark: countBelow(middle, threshold) / middle.length <= 0.5, contrast };
}

/** Ink (segment) pixels as 1. Backlights are rarely even, so each pixel is compared with the mean of its neighbourhood. */
export function binarizeDisplay(image: GreyPixels, inkIsDark: boolean, contrast: number): Uint8Array {
  const { data, width, height } = image;
  const radius = Math.max(3, Math.round(Math.min(width, height) / 6));
  const offset = Math.max(6, contrast * 0.2);
  const integral = buildIntegral(data, width, height);
  const ink = new Uint8Array(data.length);
  for (let y = 0; y < height; y += 1) {
    const top = Math.max(0, y - radius);
    const bottom = Math.min(height - 1, y + radius);
    for (let x = 0; x < width; x += 1) {
      const left = Math.max(0, x - radius);
      const right = Math.min(width - 1, x + radius);
      const area = (bottom - top + 1) * (right - left + 1);
      const sum =
        (integral[(bottom + 1) * (width + 1) + right + 1] ?? 0) -
        (integral[top * (width + 1) + right + 1] ?? 0) -
        (integral[(bottom + 1) * (width + 1) + left] ?? 0) +
        (integral[top * (width + 1) + left] ?? 0);
      const value = data[y * width + x] ?? 0;
      const mean = sum / area;
      ink[y * width + x] = (inkIsDark ? value < mean - offset : value > mean + offset) ? 1 : 0;
    }
  }
  clearBorderComponents(ink, width, height);
  return ink;
}

function buildIntegral(data: Uint8Array, width: number, height: number): Float64Array {
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y += 1) {
    let row = 0;
    for (let x = 0; x < width; x += 1) {
      row += data[y * width + x] ?? 0;
      integral[(y + 1) * (width + 1) + x + 1] = (integral[y * (width + 1) + x + 1] ?? 0) + row;
    }
  }
  return integral;
}

function cropGrey(image: GreyPixels, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, x1 - x0) * Math.max(0, y1 - y0));
  let index = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) out[index++] = image.data[y * image.width + x] ?? 0;
  }
  return out;
}

function readCells(ink: Uint8Array, width: number, height: number, contrast: number): SevenSegmentReading | null {
  const components = labelComponents(ink, width, height).filter((component) => component.area >= 4);
  const band = findDigitBand(components);
  if (band === null) return null;
  const bandHeight = band.bottom - band.top + 1;
  // Slanted or slightly turned digits stand a little above or below the others.
  const pad = Math.round(bandHeight * 0.15);
  const inside = components.filter((component) => {
    const overlap = Math.min(component.bottom, band.bottom + pad) - Math.max(component.top, band.top - pad) + 1;
    const blobHeight = component.bottom - component.top + 1;
    const blobWidth = component.right - component.left + 1;
    // A rule or the bezel's edge spans several digits and is thin: not a segment.
    const isRule = blobWidth > bandHeight * 1.2 && blobHeight < blobWidth * 0.2;
    // Nothing on the digit line is wider than a digit and a half: that is the bezel or a frame.
    const isFrame = blobWidth > bandHeight * 1.5;
    return !isRule && !isFrame && overlap >= blobHeight * 0.5;
  });
  const segmentSized = inside.filter((component) => {
    const blobHeight = component.bottom - component.top + 1;
    const blobWidth = component.right - component.left + 1;
    return blobHeight >= bandHeight * 0.25 || blobWidth >= bandHeight * 0.25;
  });
  const allCells = mergeFragments(groupIntoCells(segmentSized), bandHeight).filter(
    (cell) => cell.bottom - cell.top + 1 >= bandHeight * 0.7,
  );
  const widest = Math.max(0, ...allCells.map((cell) => cell.right - cell.left + 1));
  const allStrokes = allCells.map((cell) => measureStrokeWidth(ink, width, cell));
  const stroke = median(allStrokes.filter((value, index) => value > 0 && isWide(allCells[index], widest, bandHeight)));
  // A "1" is a stroke as thick as the other digits' strokes and as tall as they are. A narrow cell
  // that is not (a hairline, the frame, a letter of the unit) is dropped at either end of the line
  // and spoils the reading in the middle of it.
  const isOne = (index: number): boolean => {
    const cell = allCells[index];
    if (cell === undefined) return false;
    const tall = cell.bottom - cell.top + 1;
    return tall <= bandHeight * 1.3 && (stroke === 0 || (allStrokes[index] ?? 0) >= stroke * 0.6);
  };
  const plausible = allCells.map((cell, index) => isWide(cell, widest, bandHeight) || isOne(index));
  const first = plausible.indexOf(true);
  const last = plausible.lastIndexOf(true);
  if (first < 0 || plausible.slice(first, last + 1).includes(false)) return null;
  const cells = allCells.slice(first, last + 1);
  // A lone digit is as likely a glyph of the bezel's print as a reading; scales show two digits at least.
  if (cells.length < 2) return null;

  const digits: string[] = [];
  for (const cell of cells) {
    const tallness = (cell.bottom - cell.top + 1) / (cell.right - cell.left + 1);
    // Digits stand upright, about twice as tall as wide; anything else is the display turned a quarter.
    if (isWide(cell, widest, bandHeight) && (tallness < 1.2 || tallness > 3)) return null;
    const digit = readDigit(ink, width, cell, widest, bandHeight);
    if (digit === null) return null;
    digits.push(digit);
  }

  // A decimal point: a small, squarish blob on the baseline between two digits. Slanted digits
  // lean over it, so the gap reaches a little into the next digit's cell.
  const dots = components.filter((component) => {
    const blobHeight = component.bottom - component.top + 1;
    const blobWidth = component.right - component.left + 1;
    const aspect = blobWidth / blobHeight;
    const sized = stroke === 0 || (Math.min(blobWidth, blobHeight) >= stroke * 0.5 && Math.max(blobWidth, blobHeight) <= stroke * 2.5);
    return sized && blobHeight <= bandHeight * 0.25 && blobWidth <= bandHeight * 0.3 && aspect >= 0.4 && aspect <= 2.5 && blobHeight >= 2;
  });
  const gapOf = (dot: Component): number => {
    const centre = (dot.left + dot.right) / 2;
    return cells.findIndex((cell, index) => {
      const next = cells[index + 1];
      if (next === undefined) return false;
      return centre >= cell.right - bandHeight * 0.1 && centre <= next.left + (next.right - next.left) * 0.25;
    });
  };
  // The digits' own top and bottom lines: the band may have been stretched by a sign touching a digit.
  const wideCells = cells.filter((cell) => isWide(cell, widest, bandHeight));
  const baseline = median((wideCells.length > 0 ? wideCells : cells).map((cell) => cell.bottom));
  const capline = median((wideCells.length > 0 ? wideCells : cells).map((cell) => cell.top));
  const points = dots.filter(
    (dot) => Math.abs(dot.bottom - baseline) <= bandHeight * 0.12 && dot.top < baseline && gapOf(dot) >= 0,
  );
  // One near the top instead means the display was read upside down.
  const topDots = dots.filter((dot) => Math.abs(dot.top - capline) <= bandHeight * 0.12 && dot.bottom > capline && gapOf(dot) >= 0);
  if (points.length > 1 || (points.length === 0 && topDots.length > 0)) return null;
  const pointAfter = points[0] === undefined ? -1 : gapOf(points[0]);

  // Ink on the digit line that no digit or point explains means the line was read in part only.
  const explained = (component: Component): boolean =>
    points.includes(component) ||
    cells.some((cell) => component.left >= cell.left && component.right <= cell.right && component.top >= cell.top && component.bottom <= cell.bottom);
  const lineInk = inside.reduce((sum, component) => sum + component.area, 0);
  const unexplained = inside.filter((component) => !explained(component)).reduce((sum, component) => sum + component.area, 0);
  if (unexplained > lineInk * 0.15) return null;

  let text = '';
  cells.forEach((_, index) => {
    text += digits[index] ?? '';
    if (index === pointAfter) text += '.';
  });
  return { digits: text, confidence: Math.min(0.95, 0.5 + contrast / 400) };
}

/**
 * The rows the digits occupy, found from their vertical bars: the longest upright strokes in the
 * picture. Text beside the digits ("Lb", "LOCK") is much smaller and falls outside.
 */
function findDigitBand(components: readonly Component[]): { top: number; bottom: number } | null {
  const bars = components.filter((component) => {
    const blobHeight = component.bottom - component.top + 1;
    const blobWidth = component.right - component.left + 1;
    return blobHeight >= 1.5 * blobWidth && blobHeight >= 6;
  });
  if (bars.length === 0) return null;
  // The digits' bars are the most common bar length; the display window's edges are longer and few.
  const lengthOf = (bar: Component): number => bar.bottom - bar.top + 1;
  const alike = (a: Component, b: Component): boolean => lengthOf(b) >= lengthOf(a) * 0.75 && lengthOf(b) <= lengthOf(a) * 1.33;
  let digitBars: Component[] = [];
  for (const bar of bars) {
    const cluster = bars.filter((other) => alike(bar, other));
    if (cluster.length > digitBars.length || (cluster.length === digitBars.length && lengthOf(bar) > Math.max(...digitBars.map(lengthOf)))) {
      digitBars = cluster;
    }
  }
  // Quartiles rather than extremes: a digit touching the unit sign below it must not stretch the band.
  let top = quantile(digitBars.map((bar) => bar.top), 0.25);
  let bottom = quantile(digitBars.map((bar) => bar.bottom), 0.75);
  const singleSegments = median(digitBars.map((bar) => (bar.bottom - bar.top + 1) / (bar.right - bar.left + 1))) >= 3;
  const typical = median(digitBars.map(lengthOf));
  if (singleSegments && bottom - top + 1 < typical * 1.6) {
    // Only one half's bars stood out (the other half's bars joined their bars into hooks): the digits
    // continue on the side that holds more ink across the same columns.
    const left = Math.min(...digitBars.map((bar) => bar.left));
    const right = Math.max(...digitBars.map((bar) => bar.right));
    const across = components.filter((component) => component.right >= left && component.left <= right && !digitBars.includes(component));
    const centre = (component: Component): number => (component.top + component.bottom) / 2;
    const above = across.filter((component) => centre(component) < top && centre(component) >= top - typical * 1.1);
    const below = across.filter((component) => centre(component) > bottom && centre(component) <= bottom + typical * 1.1);
    const area = (list: readonly Component[]): number => list.reduce((sum, component) => sum + component.area, 0);
    if (area(below) >= area(above) && below.length > 0) bottom = Math.max(...below.map((component) => component.bottom));
    else if (above.length > 0) top = Math.min(...above.map((component) => component.top));
  }
  const height = bottom - top + 1;
  if (height < 10) return null;
  return { top, bottom };
}

function isWide(cell: Cell | undefined, widest: number, bandHeight: number): boolean {
  if (cell === undefined) return false;
  return cell.right - cell.left + 1 >= Math.max(widest * 0.45, bandHeight * 0.3);
}

/** The typical width of an upright stroke in the cell's upper half: the shortest ink run of each row. */
function measureStrokeWidth(ink: Uint8Array, width: number, cell: Cell): number {
  const height = cell.bottom - cell.top + 1;
  const runs: number[] = [];
  for (let y = cell.top + Math.round(height * 0.2); y <= cell.top + Math.round(height * 0.4); y += 1) {
    let shortest = Infinity;
    let run = 0;
    for (let x = cell.left; x <= cell.right + 1; x += 1) {
      if (x <= cell.right && ink[y * width + x] === 1) {
        run += 1;
      } else if (run > 0) {
        shortest = Math.min(shortest, run);
        run = 0;
      }
    }
    if (Number.isFinite(shortest)) runs.push(shortest);
  }
  return median(runs);
}

/** Which segments of the cell hold ink; a cell much narrower than the widest one is a "1". */
function readDigit(ink: Uint8Array, width: number, cell: Cell, widest: number, band: number): string | null {
  const cellWidth = cell.right - cell.left + 1;
  const cellHeight = cell.bottom - cell.top + 1;
  if (!isWide(cell, widest, band)) {
    // A "1" sits at the right of its cell; only its two right segments are drawn.
    return cellHeight >= band * 0.7 ? '1' : null;
  }
  const x0 = cell.left;
  const y0 = cell.top;
  const w = cellWidth;
  const h = cellHeight;
  const horizontal = (fromY: number, toY: number): boolean =>
    maxRowFill(ink, width, x0 + Math.round(w * 0.3), x0 + Math.round(w * 0.7), y0 + Math.round(h * fromY), y0 + Math.round(h * toY)) >= 0.6;
  const vertical = (fromX: number, toX: number, fromY: number, toY: number): boolean =>
    maxColumnFill(ink, width, x0 + Math.round(w * fromX), x0 + Math.round(w * toX), y0 + Math.round(h * fromY), y0 + Math.round(h * toY)) >= 0.6;
  const segments = [
    horizontal(0, 0.18),
    vertical(0.6, 1, 0.15, 0.42),
    vertical(0.6, 1, 0.58, 0.85),
    horizontal(0.82, 1),
    vertical(0, 0.4, 0.58, 0.85),
    vertical(0, 0.4, 0.15, 0.42),
    horizontal(0.38, 0.62),
  ];
  const bits = segments.reduce((sum, lit, index) => sum | (lit ? 1 << index : 0), 0);
  return DIGIT_BY_SEGMENTS.get(bits) ?? null;
}

/** The largest share of ink along one row between x0..x1, over rows y0..y1. */
function maxRowFill(ink: Uint8Array, width: number, x0: number, x1: number, y0: number, y1: number): number {
  let best = 0;
  const span = Math.max(1, x1 - x0 + 1);
  for (let y = y0; y <= y1; y += 1) {
    let count = 0;
    for (let x = x0; x <= x1; x += 1) count += ink[y * width + x] ?? 0;
    best = Math.max(best, count / span);
  }
  return best;
}

function maxColumnFill(ink: Uint8Array, width: number, x0: number, x1: number, y0: number, y1: number): number {
  let best = 0;
  const span = Math.max(1, y1 - y0 + 1);
  for (let x = x0; x <= x1; x += 1) {
    let count = 0;
    for (let y = y0; y <= y1; y += 1) count += ink[y * width + x] ?? 0;
    best = Math.max(best, count / span);
  }
  return best;
}

/**
 * Segments of one digit are separate blobs; blobs whose columns overlap belong to one cell.
 * Only blobs of a useful size take part (a digit's vertical bar is about half its height).
 */
function groupIntoCells(components: readonly Component[]): Cell[] {
  const cells: Cell[] = [];
  for (const component of [...components].sort((a, b) => a.left - b.left)) {
    const overlapping = cells.find(
      (cell) => Math.min(cell.right, component.right) - Math.max(cell.left, component.left) >= -1,
    );
    if (overlapping === undefined) {
      cells.push({ left: component.left, right: component.right, top: component.top, bottom: component.bottom });
    } else {
      overlapping.left = Math.min(overlapping.left, component.left);
      overlapping.right = Math.max(overlapping.right, component.right);
      overlapping.top = Math.min(overlapping.top, component.top);
      overlapping.bottom = Math.max(overlapping.bottom, component.bottom);
    }
  }
  return cells;
}

/**
 * Segments that do not overlap the rest of their digit in x (the top bar of a slanted 7, the
 * left half of a 4) form a short cell of their own; each joins the neighbour it fits with,
 * the one on its right first, since every digit has its right-hand bars.
 */
function mergeFragments(cells: readonly Cell[], bandHeight: number): Cell[] {
  const sorted = [...cells].sort((a, b) => a.left - b.left);
  const isFull = (cell: Cell): boolean => cell.bottom - cell.top + 1 >= bandHeight * 0.7;
  const fullWidths = sorted.filter(isFull).map((cell) => cell.right - cell.left + 1);
  const digitWidth = Math.max(bandHeight * 0.35, ...fullWidths);
  const fits = (a: Cell, b: Cell): boolean => Math.max(a.right, b.right) - Math.min(a.left, b.left) + 1 <= digitWidth * 1.15;
  const merged: Cell[] = [];
  for (let index = 0; index < sorted.length; index += 1) {
    const cell = sorted[index];
    if (cell === undefined) continue;
    const next = sorted[index + 1];
    const previous = merged.at(-1);
    if (!isFull(cell) && next !== undefined && fits(cell, next)) {
      sorted[index + 1] = union(cell, next);
    } else if (!isFull(cell) && previous !== undefined && fits(previous, cell)) {
      merged[merged.length - 1] = union(previous, cell);
    } else {
      merged.push(cell);
    }
  }
  return merged;
}

function union(a: Cell, b: Cell): Cell {
  return {
    left: Math.min(a.left, b.left),
    right: Math.max(a.right, b.right),
    top: Math.min(a.top, b.top),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

function labelComponents(ink: Uint8Array, width: number, height: number): Component[] {
  const seen = new Uint8Array(ink.length);
  const components: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start += 1) {
    if (ink[start] !== 1 || seen[start] === 1) continue;
    const component: Component = { left: width, right: 0, top: height, bottom: 0, area: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const index = stack.pop() ?? 0;
      const x = index % width;
      const y = (index - x) / width;
      component.area += 1;
      component.left = Math.min(component.left, x);
      component.right = Math.max(component.right, x);
      component.top = Math.min(component.top, y);
      component.bottom = Math.max(component.bottom, y);
      for (const next of [index - 1, index + 1, index - width, index + width]) {
        if (next < 0 || next >= ink.length) continue;
        if ((next === index - 1 && x === 0) || (next === index + 1 && x === width - 1)) continue;
        if (ink[next] === 1 && seen[next] !== 1) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    components.push(component);
  }
  return components;
}

/** The bezel and the photo beyond the display touch the crop's edges; digits do not. */
function clearBorderComponents(ink: Uint8Array, width: number, height: number): void {
  const stack: number[] = [];
  const push = (index: number): void => {
    if (ink[index] === 1) {
      ink[index] = 0;
      stack.push(index);
    }
  };
  for (let x = 0; x < width; x += 1) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y += 1) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (stack.length > 0) {
    const index = stack.pop() ?? 0;
    const x = index % width;
    if (x > 0) push(index - 1);
    if (x < width - 1) push(index + 1);
    if (index >= width) push(index - width);
    if (index + width < ink.length) push(index + width);
  }
}

function shearMask(ink: Uint8Array, width: number, height: number, shear: number): Uint8Array {
  if (shear === 0) return ink;
  const out = new Uint8Array(ink.length);
  const middle = height / 2;
  for (let y = 0; y < height; y += 1) {
    const shift = Math.round(shear * (middle - y));
    for (let x = 0; x < width; x += 1) {
      const source = x + shift;
      if (source >= 0 && source < width) out[y * width + x] = ink[y * width + source] ?? 0;
    }
  }
  return out;
}

function countEmptyColumns(ink: Uint8Array, width: number, height: number): number {
  let empty = 0;
  let first = width;
  let last = -1;
  const filled: boolean[] = [];
  for (let x = 0; x < width; x += 1) {
    let any = false;
    for (let y = 0; y < height && !any; y += 1) any = ink[y * width + x] === 1;
    filled.push(any);
    if (any) {
      first = Math.min(first, x);
      last = x;
    }
  }
  for (let x = first; x <= last; x += 1) if (filled[x] === false) empty += 1;
  return empty;
}

function findOtsuThreshold(data: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of data) histogram[value] = (histogram[value] ?? 0) + 1;
  const total = data.length;
  let sum = 0;
  for (let value = 0; value < 256; value += 1) sum += value * (histogram[value] ?? 0);
  let sumBelow = 0;
  let countBelow = 0;
  let best = 128;
  let bestVariance = -1;
  for (let value = 0; value < 256; value += 1) {
    countBelow += histogram[value] ?? 0;
    if (countBelow === 0 || countBelow === total) continue;
    sumBelow += value * (histogram[value] ?? 0);
    const meanBelow = sumBelow / countBelow;
    const meanAbove = (sum - sumBelow) / (total - countBelow);
    const variance = countBelow * (total - countBelow) * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = value + 1;
    }
  }
  return best;
}

function measureContrast(data: Uint8Array, threshold: number): number {
  let below = 0;
  let belowCount = 0;
  let above = 0;
  let aboveCount = 0;
  for (const value of data) {
    if (value < threshold) {
      below += value;
      belowCount += 1;
    } else {
      above += value;
      aboveCount += 1;
    }
  }
  if (belowCount === 0 || aboveCount === 0) return 0;
  return above / aboveCount - below / belowCount;
}

function countBelow(data: Uint8Array, threshold: number): number {
  let count = 0;
  for (const value of data) if (value < threshold) count += 1;
  return count;
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round((sorted.length - 1) * share)] ?? 0;
}
