/**
 * eBay's clothing "Color" values and where they sit in CIELAB, so that a measured colour can be
 * named the way buyers search for it. Each name has several references (navy and sky are both
 * "Blue"); the nearest reference names the colour.
 */

export type EbayColour =
  | 'Beige'
  | 'Black'
  | 'Blue'
  | 'Brown'
  | 'Gray'
  | 'Green'
  | 'Ivory'
  | 'Multicolor'
  | 'Orange'
  | 'Pink'
  | 'Purple'
  | 'Red'
  | 'White'
  | 'Yellow';

export interface Lab {
  l: number;
  a: number;
  b: number;
}

const REFERENCES: ReadonlyArray<readonly [EbayColour, readonly string[]]> = [
  ['Black', ['#000000', '#1b1b1b', '#262626']],
  ['Gray', ['#4d4d4d', '#6e6e6e', '#8c8c8c', '#a8a8a8', '#c4c4c4']],
  ['White', ['#ffffff', '#f2f2f2', '#e8e8e8']],
  ['Ivory', ['#fffff0', '#f3eedf', '#ece4d0']],
  ['Beige', ['#f5f5dc', '#d9c9a8', '#c8b08a', '#b9a88c', '#a89a7c']],
  ['Brown', ['#8b4513', '#5c4033', '#6f4e37', '#7b5b44', '#3d2b1f', '#80675a']],
  ['Red', ['#d01c1f', '#b22222', '#8b1a1a', '#800020', '#5e1224', '#e34234', '#a63a2a']],
  ['Pink', ['#ffc0cb', '#ff69b4', '#e75480', '#f4a6b7', '#d4608a', '#e03c8a', '#dca0b0']],
  ['Orange', ['#ff8c00', '#ff7f50', '#e9692c', '#d2691e']],
  ['Yellow', ['#ffd700', '#f5e050', '#fff380', '#e1c340']],
  ['Green', ['#228b22', '#556b2f', '#2e8b57', '#90ee90', '#006400', '#1aa58c', '#3c8d74', '#6b8e23']],
  ['Blue', ['#1f4fbf', '#000080', '#1c2841', '#2a3550', '#1e3264', '#2a4080', '#4682b4', '#87ceeb', '#4169e1', '#5a7ca8', '#6f86a8', '#a3b4c8', '#34405a']],
  ['Purple', ['#800080', '#6a0dad', '#9370db', '#4b0082', '#5d3a6e', '#b39dcc']],
];

const PALETTE: ReadonlyArray<{ name: EbayColour; lab: Lab }> = REFERENCES.flatMap(([name, hexes]) =>
  hexes.map((hex) => ({ name, lab: convertRgbToLab(...parseHex(hex)) })),
);

/** Names that say how light a colour is rather than its hue: they never make a garment multicoloured. */
export const NEUTRAL_COLOURS: ReadonlySet<EbayColour> = new Set(['Black', 'Gray', 'White', 'Ivory', 'Beige']);

/** Below this chroma a colour has no hue worth naming: black, gray or white by its lightness. */
const NEUTRAL_CHROMA = 7;

/** The eBay colour name closest to a CIELAB colour. */
export function nameColour(lab: Lab): EbayColour {
  const chroma = Math.hypot(lab.a, lab.b);
  if (chroma < NEUTRAL_CHROMA) {
    // Indoor photos are dim: a white shirt measures light gray, a black one dark gray.
    if (lab.l < 24) return 'Black';
    if (lab.l > 80) return 'White';
    return 'Gray';
  }
  let best: EbayColour = 'Gray';
  let bestDistance = Infinity;
  for (const reference of PALETTE) {
    const distance = Math.hypot(lab.l - reference.lab.l, lab.a - reference.lab.a, lab.b - reference.lab.b);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = reference.name;
    }
  }
  return best;
}

/** sRGB (0..255) to CIELAB under D65. */
export function convertRgbToLab(red: number, green: number, blue: number): Lab {
  const linear = (channel: number): number => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const r = linear(red);
  const g = linear(green);
  const b = linear(blue);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27) * t / 116 + 16 / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

export function convertLabToHex(lab: Lab): string {
  const fy = (lab.l + 16) / 116;
  const fx = fy + lab.a / 500;
  const fz = fy - lab.b / 200;
  const inverse = (t: number): number => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const x = inverse(fx) * 0.95047;
  const y = inverse(fy);
  const z = inverse(fz) * 1.08883;
  const channels = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ].map((value) => {
    const encoded = value <= 0.0031308 ? 12.92 * value : 1.055 * value ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(1, Math.max(0, encoded)) * 255);
  });
  return `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

function parseHex(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
