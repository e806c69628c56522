/**
 * Drawing a reseller's camera roll by code: SKU labels with real barcodes (bwip-js), woven tags,
 * desks and fabrics, laid down turned and photographed-looking (noise, blur), and garment photos
 * framed from the CC0 clothing dataset. Shared by scripts/generate-example-batch.ts and the test
 * generator in test/support/camera-roll-generator.ts. The randomness is seeded (mulberry32), so the
 * same calls in the same order draw the same bytes.
 */
import path from 'node:path';
import { toBuffer as renderBarcodePng, toSVG as renderBarcodeSvg } from 'bwip-js';
import sharp, { type Sharp } from 'sharp';

export const sansFont = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
export const serifFont = "'DejaVu Serif', 'Liberation Serif', Georgia, serif";

export interface TagSpec {
  brand: string;
  size: string;
  material: string;
  countryOfOrigin: string;
  style: TagStyle;
}

export interface TagStyle {
  background: string;
  ink: string;
  brandInk: string;
  brandFont: string;
  stitch: string;
}

export interface RenderedPhoto {
  jpegReady: Sharp;
  /** EXIF Orientation written with the pixels stored turned, as phones do for portrait shots. */
  orientation?: 6;
}

/** What a seller's SKU/weight label prints. */
export interface SkuLabelSpec {
  sku: string;
  /** As printed, the way a seller's scale shows it. */
  weightText: string;
}

/** mulberry32: small, fast and good enough for picking angles and noise. */
export class Random {
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

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

export function shadeHex(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number): string => {
    const shaded = Math.round(((value >> shift) & 0xff) * (1 + amount));
    return Math.min(255, Math.max(0, shaded)).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** A desk top: a colour with wood-like streaks and the fall-off of indoor light. */
export function drawDeskSvg(width: number, height: number, colour: string, random: Random): string {
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
export function drawFabricSvg(width: number, height: number, colour: string, random: Random): string {
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
export const labelLook = {
  weightFont: sansFont,
  weightWeight: 'bold',
  weightSize: 92,
  noiseSigma: 4,
  blurSigma: 0.7,
  maxTurnDegrees: 6,
};

export const labelWidth = 1000;
export const labelHeight = 660;

export async function drawSkuLabel(item: SkuLabelSpec): Promise<Buffer> {
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

export async function drawTag(tag: TagSpec, random: Random): Promise<Buffer> {
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
export async function layOnBackground(
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
export async function photographLook(image: Buffer, random: Random, noiseSigma: number, blurSigma: number): Promise<Sharp> {
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

export async function renderLabelPhoto(item: SkuLabelSpec & { deskColour: string }, random: Random): Promise<RenderedPhoto> {
  const frame = { width: 1600, height: 1200 };
  const label = await drawSkuLabel(item);
  const desk = drawDeskSvg(frame.width, frame.height, item.deskColour, random);
  const scene = await layOnBackground(desk, frame, label, random, labelLook.maxTurnDegrees);
  return { jpegReady: await photographLook(scene, random, labelLook.noiseSigma, labelLook.blurSigma) };
}

export async function renderTagPhoto(
  item: { garmentFile: string; tag: TagSpec },
  garmentsDir: string,
  random: Random,
): Promise<RenderedPhoto> {
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
export async function renderGarmentPhoto(
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

export function formatExifDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getUTCFullYear()}:${pad(date.getUTCMonth() + 1)}:${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

export async function encodeJpeg(photo: RenderedPhoto, capturedAt: Date): Promise<Buffer> {
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

/** A label's look: printed on a thermal sticker, or written by hand in marker on masking tape. */
export type LabelHand = 'printed' | 'handwritten';

export interface DrawnLabelSpec {
  /** What the label prints as the SKU line ("EF-10234", "SKU 10234"). */
  skuText: string;
  /** What the barcode encodes; null for a label without one. */
  barcode: { symbology: 'code128' | 'qrcode'; text: string } | null;
  /** The weight line as printed; null for a label without a weight. */
  weightText: string | null;
  hand: LabelHand;
}

/**
 * A seller's label drawn entirely as SVG, its barcode rendered by bwip-js as SVG and nested in it.
 * Hand-written labels wobble: every character is turned and lifted a little, in marker ink.
 */
export function drawLabelSvg(label: DrawnLabelSpec, random: Random): { svg: string; width: number; height: number } {
  const width = 1000;
  const height = label.barcode?.symbology === 'qrcode' ? 760 : 660;
  const parts: string[] = [];
  const handwritten = label.hand === 'handwritten';
  const paper = handwritten ? '#efe2b4' : '#ffffff';
  let textTop = 150;
  if (label.barcode !== null) {
    const isQr = label.barcode.symbology === 'qrcode';
    const barcodeSvg = renderBarcodeSvg({
      bcid: label.barcode.symbology,
      text: label.barcode.text,
      scale: 4,
      ...(isQr ? {} : { height: 17 }),
      includetext: false,
      paddingwidth: isQr ? 4 : 12,
      paddingheight: 4,
    });
    const viewBox = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(barcodeSvg);
    const naturalWidth = Number(viewBox?.[1] ?? 400);
    const naturalHeight = Number(viewBox?.[2] ?? 200);
    const drawnHeight = isQr ? 340 : naturalHeight;
    const drawnWidth = isQr ? 340 : naturalWidth;
    const x = Math.round((width - drawnWidth) / 2);
    parts.push(`<rect x="${x}" y="40" width="${drawnWidth}" height="${drawnHeight}" fill="#ffffff"/>`);
    parts.push(
      barcodeSvg
        .replace(/<\?xml[^>]*>/, '')
        .replace(/<svg viewBox="([^"]+)"[^>]*>/, `<svg x="${x}" y="40" width="${drawnWidth}" height="${drawnHeight}" viewBox="$1" preserveAspectRatio="none">`),
    );
    textTop = 40 + drawnHeight + 20;
  }
  const lines = [label.skuText, ...(label.weightText === null ? [] : [label.weightText])];
  const lineHeight = handwritten ? 150 : 140;
  lines.forEach((line, index) => {
    const baseline = textTop + 110 + index * lineHeight;
    const size = index === 0 ? 118 : 92;
    if (!handwritten) {
      parts.push(
        `<text x="${width / 2}" y="${baseline}" font-family="${sansFont}" font-weight="bold" font-size="${size}" text-anchor="middle" fill="#141414">${escapeXml(line)}</text>`,
      );
      return;
    }
    // Marker strokes: the line leans a little and every glyph sits a little off it.
    let lastLift = 0;
    const glyphs = [...line].map((char) => {
      const lift = random.between(-5, 5);
      const span = `<tspan dy="${(lift - lastLift).toFixed(1)}">${escapeXml(char)}</tspan>`;
      lastLift = lift;
      return span;
    });
    const lean = random.between(-3, 3);
    parts.push(
      `<text x="${width / 2}" y="${baseline}" transform="rotate(${lean.toFixed(1)} ${width / 2} ${baseline})" font-family="'DejaVu Sans', sans-serif" font-style="oblique" font-weight="bold" font-size="${size}" text-anchor="middle" fill="#1b2a6b">${glyphs.join('')}</text>`,
    );
  });
  const total = Math.max(height, textTop + 110 + (lines.length - 1) * lineHeight + 60);
  parts.unshift(`<rect x="0" y="0" width="${width}" height="${total}" rx="${handwritten ? 4 : 18}" fill="${paper}"/>`);
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}">${parts.join('\n')}</svg>`, width, height: total };
}

/** A retail hang tag: brand, price and a UPC-A barcode, the kind new items come with. */
export function drawHangTagSvg(tag: { brand: string; upc: string; price: string }): string {
  const barcodeSvg = renderBarcodeSvg({ bcid: 'upca', text: tag.upc, scale: 3, height: 18, includetext: true, paddingwidth: 10, paddingheight: 4 });
  const viewBox = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(barcodeSvg);
  const naturalWidth = Number(viewBox?.[1] ?? 300);
  const naturalHeight = Number(viewBox?.[2] ?? 150);
  const width = 520;
  const height = 900;
  const x = Math.round((width - naturalWidth) / 2);
  const barcode = barcodeSvg
    .replace(/<\?xml[^>]*>/, '')
    .replace(/<svg viewBox="([^"]+)"[^>]*>/, `<svg x="${x}" y="560" width="${naturalWidth}" height="${naturalHeight}" viewBox="$1">`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect x="0" y="0" width="${width}" height="${height}" rx="24" fill="#f7f4ec"/>
  <circle cx="${width / 2}" cy="60" r="22" fill="#3a3a3a"/>
  <text x="${width / 2}" y="250" font-family="${serifFont}" font-weight="bold" font-size="84" text-anchor="middle" fill="#1d1d1d">${escapeXml(tag.brand)}</text>
  <text x="${width / 2}" y="420" font-family="${sansFont}" font-size="70" text-anchor="middle" fill="#1d1d1d">${escapeXml(tag.price)}</text>
  <rect x="${x}" y="560" width="${naturalWidth}" height="${naturalHeight}" fill="#ffffff"/>
  ${barcode}
</svg>`;
}

/** Which segments (a–g) light up for each digit of a seven-segment display. */
const SEVEN_SEGMENTS: Record<string, string> = {
  '0': 'abcdef',
  '1': 'bc',
  '2': 'abdeg',
  '3': 'abcdg',
  '4': 'bcfg',
  '5': 'acdfg',
  '6': 'acdefg',
  '7': 'abc',
  '8': 'abcdefg',
  '9': 'abcdfg',
};

/**
 * A hanging scale's body with a backlit LCD showing `reading` ("3.93") in seven-segment digits, a
 * unit sign and the capacity printed below, as luggage scales look.
 */
export function drawScaleSvg(reading: string, unit: string): string {
  const width = 640;
  const height = 900;
  const digitWidth = 70;
  const digitHeight = 130;
  const stroke = 14;
  const screen = { x: 90, y: 170, width: 460, height: 250 };
  const glyphs = [...reading];
  const digitsOnly = glyphs.filter((glyph) => glyph !== '.').length;
  let x = screen.x + screen.width - 40 - digitsOnly * (digitWidth + 24);
  const top = screen.y + 50;
  const segments: string[] = [];
  for (const glyph of glyphs) {
    if (glyph === '.') {
      segments.push(`<rect x="${x - 20}" y="${top + digitHeight - stroke}" width="${stroke}" height="${stroke}" fill="#1c2330"/>`);
      continue;
    }
    const lit = SEVEN_SEGMENTS[glyph] ?? '';
    const bar = (segment: string, bx: number, by: number, bw: number, bh: number): void => {
      if (lit.includes(segment)) segments.push(`<rect x="${bx}" y="${by}" width="${bw}" height="${bh}" rx="3" fill="#1c2330"/>`);
    };
    const half = digitHeight / 2;
    bar('a', x + 4, top, digitWidth - 8, stroke);
    bar('b', x + digitWidth - stroke, top + 4, stroke, half - 6);
    bar('c', x + digitWidth - stroke, top + half + 2, stroke, half - 6);
    bar('d', x + 4, top + digitHeight - stroke, digitWidth - 8, stroke);
    bar('e', x, top + half + 2, stroke, half - 6);
    bar('f', x, top + 4, stroke, half - 6);
    bar('g', x + 4, top + half - stroke / 2, digitWidth - 8, stroke);
    x += digitWidth + 24;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect x="0" y="0" width="${width}" height="${height}" rx="60" fill="#26282c"/>
  <rect x="${screen.x - 14}" y="${screen.y - 14}" width="${screen.width + 28}" height="${screen.height + 28}" rx="16" fill="#111214"/>
  <rect x="${screen.x}" y="${screen.y}" width="${screen.width}" height="${screen.height}" rx="8" fill="#9fb9d8"/>
  ${segments.join('\n  ')}
  <text x="${screen.x + 20}" y="${screen.y + screen.height - 20}" font-family="${sansFont}" font-weight="bold" font-size="34" fill="#1c2330">${escapeXml(unit)}</text>
  <text x="${width / 2}" y="560" font-family="${sansFont}" font-weight="bold" font-size="40" text-anchor="middle" fill="#d8d8d8">TARE   UNIT</text>
  <text x="${width / 2}" y="800" font-family="${sansFont}" font-size="38" text-anchor="middle" fill="#bdbdbd">MAX. 110LB/50KG</text>
</svg>`;
}

/**
 * Lays a flat picture on a background as a camera sees it at an angle: its four corners pulled in by
 * up to `skew` of its size (a projective warp), turned by up to `maxTurnDegrees` either way.
 */
export async function layInPerspective(
  backgroundSvg: string,
  frame: { width: number; height: number },
  object: Buffer,
  random: Random,
  options: { skew: number; maxTurnDegrees: number; scale: number },
): Promise<Buffer> {
  const scaled = await sharp(object)
    .resize({ width: Math.round(((await sharp(object).metadata()).width) * options.scale) })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = scaled.info;
  const jitter = (size: number): number => random.between(0, options.skew) * size;
  const corners: Array<[number, number]> = [
    [jitter(width), jitter(height)],
    [width - jitter(width), jitter(height)],
    [width - jitter(width), height - jitter(height)],
    [jitter(width), height - jitter(height)],
  ];
  const warped = warpPerspective(new Uint8Array(scaled.data), width, height, corners);
  const png = await sharp(Buffer.from(warped), { raw: { width, height, channels: 4 } }).png().toBuffer();
  return layOnBackground(backgroundSvg, frame, png, random, options.maxTurnDegrees);
}

/** Maps the picture's corners onto `corners` (clockwise from top left); outside it is transparent. */
function warpPerspective(rgba: Uint8Array, width: number, height: number, corners: ReadonlyArray<[number, number]>): Uint8Array {
  const source: Array<[number, number]> = [
    [0, 0],
    [width - 1, 0],
    [width - 1, height - 1],
    [0, height - 1],
  ];
  // The homography from output to input, so every output pixel samples the input once.
  const h = solveHomography(corners, source);
  const out = new Uint8Array(width * height * 4);
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = h;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const w = h6 * x + h7 * y + 1;
      const sx = (h0 * x + h1 * y + h2) / w;
      const sy = (h3 * x + h4 * y + h5) / w;
      if (sx < 0 || sy < 0 || sx > width - 1 || sy > height - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(width - 1, x0 + 1);
      const y1 = Math.min(height - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const topLeft = (y0 * width + x0) * 4;
      const topRight = (y0 * width + x1) * 4;
      const bottomLeft = (y1 * width + x0) * 4;
      const bottomRight = (y1 * width + x1) * 4;
      const target = (y * width + x) * 4;
      for (let channel = 0; channel < 4; channel += 1) {
        const top = (rgba[topLeft + channel] ?? 0) * (1 - fx) + (rgba[topRight + channel] ?? 0) * fx;
        const bottom = (rgba[bottomLeft + channel] ?? 0) * (1 - fx) + (rgba[bottomRight + channel] ?? 0) * fx;
        out[target + channel] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** The 3x3 projective map (h33 = 1) taking each `from` point to its `to` point. */
function solveHomography(from: ReadonlyArray<[number, number]>, to: ReadonlyArray<[number, number]>): number[] {
  const rows: number[][] = [];
  from.forEach(([x, y], index) => {
    const [u, v] = to[index] ?? [0, 0];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  });
  for (let column = 0; column < 8; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < 8; row += 1) {
      if (Math.abs(rows[row]?.[column] ?? 0) > Math.abs(rows[pivot]?.[column] ?? 0)) pivot = row;
    }
    [rows[column], rows[pivot]] = [rows[pivot] ?? [], rows[column] ?? []];
    const lead = rows[column]?.[column] ?? 1;
    for (let row = 0; row < 8; row += 1) {
      if (row === column) continue;
      const factor = (rows[row]?.[column] ?? 0) / lead;
      for (let k = column; k < 9; k += 1) {
        const target = rows[row];
        if (target !== undefined) target[k] = (target[k] ?? 0) - factor * (rows[column]?.[k] ?? 0);
      }
    }
  }
  return rows.map((row, index) => (row[8] ?? 0) / (row[index] ?? 1));
}

/** Sensor noise (a cheap bell curve: the sum of three uniforms) and softness, for photos drawn in numbers. */
export async function photographQuickly(image: Buffer, random: Random, noiseSigma: number, blurSigma: number): Promise<Sharp> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const noisy = Buffer.alloc(data.length);
  const spread = noiseSigma * 2;
  for (let index = 0; index < data.length; index += info.channels) {
    const luma = (random.next() + random.next() + random.next() - 1.5) * spread;
    for (let channel = 0; channel < info.channels; channel += 1) {
      noisy[index + channel] = Math.min(255, Math.max(0, Math.round((data[index + channel] ?? 0) + luma)));
    }
  }
  return sharp(noisy, { raw: { width: info.width, height: info.height, channels: info.channels } }).blur(blurSigma);
}
