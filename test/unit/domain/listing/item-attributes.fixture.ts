import type { AttributeClaim, AttributeName, ItemAttributes } from '../../../../src/contracts/attributes.ts';

type ClaimSpec = string | { value: string; confidence: number };

/** Attributes as an analyser would report them: each value a claim with evidence from one photo. */
export function buildAttributes(spec: Partial<Record<AttributeName, ClaimSpec | ClaimSpec[]>>): ItemAttributes {
  const attributes: ItemAttributes = {};
  for (const [name, value] of Object.entries(spec) as Array<[AttributeName, ClaimSpec | ClaimSpec[]]>) {
    const list = Array.isArray(value) ? value : [value];
    attributes[name] = list.map((entry, index): AttributeClaim => {
      const { value: text, confidence } = typeof entry === 'string' ? { value: entry, confidence: 0.9 } : entry;
      return { value: text, confidence, evidence: [{ photoId: `photo-${index + 1}`, source: 'ocr', text }] };
    });
  }
  return attributes;
}
