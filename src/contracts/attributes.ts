import { z } from 'zod';

/** Where a fact came from: which photo, which text, which provider. */
export const Evidence = z.object({
  photoId: z.string(),
  source: z.enum(['ocr', 'barcode', 'pixels', 'vision', 'seller']),
  text: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** One value of an attribute with its evidence and a confidence in [0, 1]. */
export const AttributeClaim = z.object({
  value: z.string(),
  confidence: z.number().min(0).max(1),
  evidence: z.array(Evidence).min(1),
});
export type AttributeClaim = z.infer<typeof AttributeClaim>;

export const AttributeName = z.enum([
  'brand',
  'itemType',
  'department',
  'size',
  'sizeType',
  'color',
  'material',
  'pattern',
  'sleeveLength',
  'neckline',
  'style',
  'countryOfOrigin',
  'rnNumber',
  'careInstructions',
  'condition',
]);
export type AttributeName = z.infer<typeof AttributeName>;

/**
 * Every attribute keeps all its claims, best first; when claims disagree the item
 * shows a conflict instead of silently picking one.
 */
export const ItemAttributes = z.partialRecord(AttributeName, z.array(AttributeClaim));
export type ItemAttributes = z.infer<typeof ItemAttributes>;

/** Weight read from a SKU label or a scale display, in grams, with what was read. */
export const WeightReading = z.object({
  grams: z.number().positive(),
  text: z.string(),
  photoId: z.string(),
  source: z.enum(['label', 'scale', 'vision', 'seller']),
  confidence: z.number().min(0).max(1),
});
export type WeightReading = z.infer<typeof WeightReading>;

/** Garment measurements a listing states, as sellers and tags name them. */
export const MeasurementName = z.enum(['pitToPit', 'length', 'waist', 'inseam', 'rise', 'shoulder', 'sleeve', 'hip']);
export type MeasurementName = z.infer<typeof MeasurementName>;

/** A measurement in inches, read from a photo of a tape or from a tag, with its evidence. */
export const MeasurementClaim = z.object({
  name: MeasurementName,
  inches: z.number().positive(),
  /** Measured flat by the seller (tape, written note) or printed on the size tag. */
  source: z.enum(['measured', 'tag']),
  confidence: z.number().min(0).max(1),
  evidence: z.array(Evidence).min(1),
});
export type MeasurementClaim = z.infer<typeof MeasurementClaim>;
