import type { ImageTokenRule } from './image-tokens.ts';

/** What a model charges, in US dollars per million tokens, and how it counts an image. */
export interface ModelPrice {
  inputPerMillion: number;
  /** Input tokens the provider served from its prompt cache; the full input price when unknown. */
  cachedInputPerMillion?: number;
  outputPerMillion: number;
  image: ImageTokenRule;
}

export type PriceTable = Record<string, ModelPrice>;

const GPT_4O_IMAGES: ImageTokenRule = { kind: 'tiles', baseTokens: 85, tileTokens: 170 };

/**
 * OpenAI's published prices for the vision models a seller is likely to name. A configured table
 * (VISION_PRICES) adds models or replaces these when prices change.
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  'gpt-4o-mini': {
    inputPerMillion: 0.15,
    cachedInputPerMillion: 0.075,
    outputPerMillion: 0.6,
    image: { kind: 'tiles', baseTokens: 2833, tileTokens: 5667 },
  },
  'gpt-4o': { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10, image: GPT_4O_IMAGES },
  'gpt-4.1': { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8, image: GPT_4O_IMAGES },
  'gpt-4.1-mini': {
    inputPerMillion: 0.4,
    cachedInputPerMillion: 0.1,
    outputPerMillion: 1.6,
    image: { kind: 'patches', multiplier: 1.62, maxPatches: 1536 },
  },
  'gpt-4.1-nano': {
    inputPerMillion: 0.1,
    cachedInputPerMillion: 0.025,
    outputPerMillion: 0.4,
    image: { kind: 'patches', multiplier: 2.46, maxPatches: 1536 },
  },
};

/**
 * The price of a model by its name: an exact entry, else the longest entry the name starts with, so a
 * dated snapshot ("gpt-4o-mini-2024-07-18") is priced as its family. Null for a model with no price
 * (a self-hosted one): its calls are counted in tokens and cost nothing here.
 */
export function findModelPrice(table: PriceTable, model: string): ModelPrice | null {
  const exact = table[model];
  if (exact !== undefined) return exact;
  let best: { name: string; price: ModelPrice } | null = null;
  for (const [name, price] of Object.entries(table)) {
    if (model.startsWith(`${name}-`) && (best === null || name.length > best.name.length)) best = { name, price };
  }
  return best?.price ?? null;
}

export interface TokenUsage {
  /** Every input token billed, images and cached tokens included (the response's `prompt_tokens`). */
  inputTokens: number;
  /** Of those, tokens served from the provider's prompt cache. */
  cachedInputTokens: number;
  outputTokens: number;
}

/** What one call cost in US dollars, from the tokens the response reports. */
export function priceCall(usage: TokenUsage, price: ModelPrice | null): number {
  if (price === null) return 0;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  const cachedRate = price.cachedInputPerMillion ?? price.inputPerMillion;
  const dollars = (fresh * price.inputPerMillion + cached * cachedRate + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return roundDollars(dollars);
}

/** Dollars kept to a millionth of a cent: sums of many small calls stay exact enough to show. */
export function roundDollars(dollars: number): number {
  return Math.round(dollars * 1e8) / 1e8;
}
