import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('vision and OCR settings', () => {
  it('stay offline with nothing configured: no vision model, tesseract alone', () => {
    const config = loadConfig({});
    expect(config.vision.provider).toBe('none');
    expect(config.ocrChain.providers).toEqual(['tesseract']);
    expect(config.vision.model).toBe('gpt-4o-mini');
    expect(config.vision.policy).toEqual({ name: 'tags-high', maxPhotos: 6, maxHighDetail: 1, highDetailTiles: 1 });
  });

  it('take OpenAI with a key, or a self-hosted compatible server by its base URL alone', () => {
    expect(loadConfig({ VISION_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-1' }).vision.apiKey).toBe('sk-1');
    const local = loadConfig({ VISION_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', VISION_MODEL: 'qwen2.5vl:7b' });
    expect(local.vision).toEqual(expect.objectContaining({ apiKey: null, baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5vl:7b' }));
    expect(() => loadConfig({ VISION_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY:/);
  });

  it('lay VISION_PRICES over the built-in price table', () => {
    const prices = loadConfig({
      VISION_PRICES: JSON.stringify({ 'my-model': { inputPerMillion: 1, outputPerMillion: 2, image: { kind: 'tiles', baseTokens: 85, tileTokens: 170 } } }),
    }).vision.prices;
    expect(prices['my-model']?.inputPerMillion).toBe(1);
    expect(prices['gpt-4o-mini']?.inputPerMillion).toBe(0.15);
    expect(() => loadConfig({ VISION_PRICES: '{"x": {"inputPerMillion": "cheap"}}' })).toThrow(/VISION_PRICES:/);
  });

  it('chain Google Cloud Vision before tesseract only with its credentials', () => {
    expect(loadConfig({ OCR_PROVIDER: 'google,tesseract', GOOGLE_VISION_API_KEY: 'k' }).ocrChain.providers).toEqual(['google', 'tesseract']);
    expect(() => loadConfig({ OCR_PROVIDER: 'google,tesseract' })).toThrow(ConfigError);
    expect(() => loadConfig({ OCR_PROVIDER: 'azure' })).toThrow(/OCR_PROVIDER:/);
  });
});
