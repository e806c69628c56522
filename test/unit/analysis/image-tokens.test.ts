import { describe, expect, it } from 'vitest';
import { countImageTokens, countPatches, countTiles, fitWithinTiles, scaleForHighDetail } from '../../../src/domain/analysis/image-tokens.ts';
import { DEFAULT_PRICE_TABLE } from '../../../src/domain/analysis/model-prices.ts';

const gpt4o = { kind: 'tiles', baseTokens: 85, tileTokens: 170 } as const;
const gpt4oMini = DEFAULT_PRICE_TABLE['gpt-4o-mini']!.image;

describe('image tokens by the published rules', () => {
  it('bills a low-detail picture its fixed base, whatever its size', () => {
    expect(countImageTokens({ width: 4032, height: 3024 }, 'low', gpt4o)).toBe(85);
    expect(countImageTokens({ width: 4032, height: 3024 }, 'low', gpt4oMini)).toBe(2833);
  });

  it('bills 1024 × 1024 at high detail 765 tokens on GPT-4o: brought down to 768 × 768, four tiles', () => {
    expect(scaleForHighDetail({ width: 1024, height: 1024 })).toEqual({ width: 768, height: 768 });
    expect(countImageTokens({ width: 1024, height: 1024 }, 'high', gpt4o)).toBe(765);
  });

  it('bills 2048 × 4096 at high detail 1105 tokens on GPT-4o: 1024 × 2048, then 768 × 1536, six tiles', () => {
    expect(scaleForHighDetail({ width: 2048, height: 4096 })).toEqual({ width: 768, height: 1536 });
    expect(countImageTokens({ width: 2048, height: 4096 }, 'high', gpt4o)).toBe(1105);
  });

  it('never enlarges a small picture: 128 × 64 at high detail is one tile, 8500 tokens on GPT-4o mini', () => {
    expect(countTiles({ width: 128, height: 64 })).toBe(1);
    expect(countImageTokens({ width: 128, height: 64 }, 'high', gpt4oMini)).toBe(2833 + 5667);
  });

  it('counts 32 px patches times the multiplier, capped at 1536 patches the documented way', () => {
    expect(countPatches({ width: 1024, height: 1024 }, 1536)).toBe(1024);
    expect(countPatches({ width: 1800, height: 2400 }, 1536)).toBe(1452);
    expect(countImageTokens({ width: 1024, height: 1024 }, 'high', { kind: 'patches', multiplier: 1.62, maxPatches: 1536 })).toBe(1659);
  });

  it('fits a close-up into a tile budget without enlarging it', () => {
    const oneTile = fitWithinTiles({ width: 1024, height: 768 }, 1);
    expect(countTiles(oneTile)).toBe(1);
    expect(oneTile.width).toBe(512);
    expect(fitWithinTiles({ width: 300, height: 200 }, 1)).toEqual({ width: 300, height: 200 });
    expect(countTiles(fitWithinTiles({ width: 1024, height: 400 }, 2))).toBeLessThanOrEqual(2);
    expect(fitWithinTiles({ width: 1024, height: 400 }, 2).width).toBe(1024);
  });
});
