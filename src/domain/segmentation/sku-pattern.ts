/**
 * The seller's SKU as OCR reads it off a label. The pattern is configurable (SKU_PATTERN); the default
 * knows two common shapes:
 *  - after a "SKU" prefix ("SKU 10234", "SKU: A12-B3", "SKU# EF-10234"): any code holding a digit;
 *  - on its own, a hyphenated code that starts with 1–4 letters and holds a digit after the hyphen
 *    ("EF-10234", "A12-B3"; OCR may put spaces around the hyphen). A bare code without a hyphen
 *    ("A762060D") is too often a brand's style number to be taken for a seller's SKU, so it only
 *    counts after the prefix.
 * Prefixes that mark something else (RN/CA numbers, size systems, style and lot numbers, months) and
 * waist/length pairs never count as SKUs. Compile it case-insensitive (see `compileSkuPattern`).
 *
 * `findSku` returns the seller's code as printed, without the "SKU" prefix: "SKU 10234" → "10234".
 */

const PREFIXED_CODE = String.raw`(?<=\bSKU[ \t]*(?:NO\.?|NUMBER|#)?[ \t]*[:#.\-]?[ \t]*)(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Z0-9])`;

const NOT_A_SKU_PREFIX = [
  'RN', 'CA', 'UK', 'US', 'USA', 'EU', 'EUR', 'IT', 'FR', 'DE', 'JP', 'MX', 'ISO', 'PO', 'NO', 'TEL', 'PH',
  'SIZE', 'SZ', 'STYLE', 'STY', 'ART', 'REF', 'LOT', 'MOD', 'CAT',
  'XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL',
  'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'SEPT', 'OCT', 'NOV', 'DEC',
].join('|');

const BARE_CODE = String.raw`(?<![A-Z0-9-])(?!(?:${NOT_A_SKU_PREFIX})[ \t]?-)(?![WL]\d{2}-[WL]\d{2})[A-Z]{1,4}\d{0,6}[ \t]?-[ \t]?(?=[A-Z0-9]*\d)[A-Z0-9]{2,10}(?:-[A-Z0-9]+)*(?![A-Z0-9-])`;

/** Regex source; the code is captured in the named group `sku`. */
export const DEFAULT_SKU_PATTERN = `(?<sku>${PREFIXED_CODE}|${BARE_CODE})`;

/** The seller's pattern (or the default) compiled case-insensitive. Throws on an invalid regex. */
export function compileSkuPattern(source: string | null): RegExp {
  return new RegExp(source ?? DEFAULT_SKU_PATTERN, 'i');
}

const SKU_PREFIX = /^SKU\s*(?:NO\.?|NUMBER|#)?\s*[:#.-]?\s*/i;

/**
 * The first SKU in `text`: the `sku` named group when the pattern has one, else its first capture
 * group, else the whole match; without a leading "SKU" prefix, spaces around hyphens closed up.
 */
export function findSku(text: string, pattern: RegExp): string | null {
  // A global or sticky regex carries lastIndex between calls; a fresh copy keeps this function pure.
  const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const match = once.exec(text);
  if (match === null) return null;
  const raw = match.groups?.sku ?? match[1] ?? match[0];
  const code = raw.trim().replace(SKU_PREFIX, '').replace(/\s*-\s*/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return code === '' ? null : code;
}
