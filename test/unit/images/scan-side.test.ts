import { describe, expect, it } from 'vitest';
import { chooseScanSide, DERIVATIVE_SIZES } from '../../../src/adapters/images/sharp-image-processor.ts';

describe('chooseScanSide', () => {
  it('keeps pictures up to the scan maximum at their own size', () => {
    expect(chooseScanSide(800, 'jpeg')).toBe(800);
    expect(chooseScanSide(DERIVATIVE_SIZES.scanMax, 'png')).toBe(DERIVATIVE_SIZES.scanMax);
  });

  it('lets libjpeg decode a phone JPEG at the smallest scale that still gives 2000 px', () => {
    expect(chooseScanSide(4032, 'jpeg')).toBe(2016);
    expect(chooseScanSide(4000, 'jpeg')).toBe(2000);
    expect(chooseScanSide(8064, 'jpeg')).toBe(2016);
    expect(chooseScanSide(16128, 'jpeg')).toBe(2016);
  });

  it('resamples to 2000 px when no decoder scale lands in range', () => {
    expect(chooseScanSide(3264, 'jpeg')).toBe(2000);
    expect(chooseScanSide(3999, 'jpeg')).toBe(2000);
    expect(chooseScanSide(4032, 'png')).toBe(2000);
    expect(chooseScanSide(4032, 'heif')).toBe(2000);
  });
});
