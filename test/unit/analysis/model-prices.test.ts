import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_TABLE, findModelPrice, priceCall } from '../../../src/domain/analysis/model-prices.ts';

describe('pricing a model call', () => {
  const mini = findModelPrice(DEFAULT_PRICE_TABLE, 'gpt-4o-mini');

  it('charges input and output tokens at the model price per million', () => {
    // One tag close-up at high detail in one tile, five photos at low detail, 700 tokens of text, 300 out.
    const input = 2833 + 5667 + 5 * 2833 + 700;
    expect(priceCall({ inputTokens: input, cachedInputTokens: 0, outputTokens: 300 }, mini)).toBeCloseTo(0.00368475, 8);
    expect(priceCall({ inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 1_000_000 }, mini)).toBeCloseTo(0.75, 8);
  });

  it('charges tokens from the provider prompt cache at the cached rate', () => {
    expect(priceCall({ inputTokens: 1_000_000, cachedInputTokens: 1_000_000, outputTokens: 0 }, mini)).toBeCloseTo(0.075, 8);
  });

  it('prices a dated snapshot as its family, the longest matching name first', () => {
    expect(findModelPrice(DEFAULT_PRICE_TABLE, 'gpt-4o-mini-2024-07-18')).toBe(DEFAULT_PRICE_TABLE['gpt-4o-mini']);
    expect(findModelPrice(DEFAULT_PRICE_TABLE, 'gpt-4o-2024-08-06')).toBe(DEFAULT_PRICE_TABLE['gpt-4o']);
  });

  it('knows no price for a self-hosted model: its calls cost nothing here', () => {
    expect(findModelPrice(DEFAULT_PRICE_TABLE, 'qwen2.5-vl:7b')).toBeNull();
    expect(priceCall({ inputTokens: 5000, cachedInputTokens: 0, outputTokens: 500 }, null)).toBe(0);
  });
});
