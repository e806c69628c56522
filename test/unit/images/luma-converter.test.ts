import { describe, expect, it } from 'vitest';
import { convertRgbToLuma } from '../../../src/adapters/images/luma-converter.ts';

describe('convertRgbToLuma', () => {
  it('weighs green most and blue least, and keeps black and white', () => {
    const rgb = Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
    expect([...convertRgbToLuma(rgb, 5, 1)]).toEqual([0, 255, 77, 149, 29]);
  });

  it('refuses a buffer that does not hold width × height RGB pixels', () => {
    expect(() => convertRgbToLuma(new Uint8Array(10), 2, 2)).toThrow(RangeError);
  });
});
