import { z } from 'zod';
import { AttributeName } from '../../contracts/attributes.ts';
import { PermanentError } from '../../contracts/errors.ts';
import type { VisionFindings, VisionPhotoVerdict } from '../../domain/analysis/vision-findings.ts';

const Confidence = z.number().min(0).max(1);

/** The item answer: every field required and no others, as strict structured output wants. */
export const ItemAnswer = z.object({
  claims: z.array(
    z.object({
      attribute: AttributeName,
      value: z.string(),
      confidence: Confidence,
      photos: z.array(z.number().int()),
      seenText: z.string().nullable(),
    }),
  ),
  photos: z.array(
    z.object({
      photo: z.number().int(),
      isSkuPhoto: z.boolean(),
      sku: z.string().nullable(),
      weightText: z.string().nullable(),
      scaleReading: z.string().nullable(),
      confidence: Confidence,
    }),
  ),
});
export type ItemAnswer = z.infer<typeof ItemAnswer>;

/** The answer about one photo: is it the seller's SKU/weight photo. */
export const SkuPhotoAnswer = z.object({
  isSkuPhoto: z.boolean(),
  sku: z.string().nullable(),
  weightText: z.string().nullable(),
  scaleReading: z.string().nullable(),
  confidence: Confidence,
});
export type SkuPhotoAnswer = z.infer<typeof SkuPhotoAnswer>;

/**
 * The `response_format` of a chat completion asking for this schema. The draft marker is left out, and
 * so are the safe-integer bounds zod adds to integers: they say nothing and not every compatible server
 * accepts them.
 */
export function toResponseFormat(name: string, schema: z.ZodType): {
  type: 'json_schema';
  json_schema: { name: string; strict: true; schema: Record<string, unknown> };
} {
  const generated = z.toJSONSchema(schema) as Record<string, unknown>;
  delete generated.$schema;
  return { type: 'json_schema', json_schema: { name, strict: true, schema: stripSafeIntegerBounds(generated) as Record<string, unknown> } };
}

function stripSafeIntegerBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripSafeIntegerBounds);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(
    ([key, value]) => !((key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER)),
  );
  return Object.fromEntries(entries.map(([key, value]) => [key, stripSafeIntegerBounds(value)]));
}

/** Reads the model's message as the item answer; a message that is not one is refused, never patched up. */
export function parseItemAnswer(content: string): VisionFindings {
  const answer = parseAnswer(content, ItemAnswer);
  return {
    claims: answer.claims.map((claim) => ({ ...claim })),
    photos: answer.photos.map((photo): VisionPhotoVerdict => ({ ...photo })),
  };
}

export function parseSkuPhotoAnswer(content: string): SkuPhotoAnswer {
  return parseAnswer(content, SkuPhotoAnswer);
}

function parseAnswer<T>(content: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new PermanentError('VALIDATION_FAILED', 'The vision model answered with something other than JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined || first.path.length === 0 ? 'the answer' : first.path.join('.');
    throw new PermanentError('VALIDATION_FAILED', `The vision model's answer did not follow the expected form (${where}: ${first?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}
