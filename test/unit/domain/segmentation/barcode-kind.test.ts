import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyBarcode,
  expandUpcE,
  hasValidGs1CheckDigit,
  hasValidIsbn10CheckDigit,
} from '../../../../src/domain/segmentation/barcode-kind.ts';
import { hasSharedData, sharedPath } from '../../../support/shared-data.ts';

describe('classifyBarcode', () => {
  it.each([
    ['UPC-A', '036602301467'],
    ['UPC-A', '890444000335'],
    ['UPCA', '036602301467'],
    ['upc_a', '036602301467'],
    ['UPC-A', '0036602301467'],
    ['UPC-A', '0 36602 30146 7'],
    ['EAN-13', '9780804816632'],
    ['EAN13', '4006381333931'],
    ['EAN-8', '96385074'],
    ['UPC-E', '01234565'],
    ['ISBN', '9780804816632'],
    ['ISBN', '0306406152'],
    ['EANUPC', '036602301467'],
    ['EANUPC', '96385074'],
  ])('treats a valid %s %s as a retail product code', (format, text) => {
    expect(classifyBarcode(format, text)).toBe('product');
  });

  it.each([
    ['UPC-A', '036602301468', 'its check digit is wrong'],
    ['EAN-13', '9780804816633', 'its check digit is wrong'],
    ['EAN-8', '96385075', 'its check digit is wrong'],
    ['UPC-A', '12345', 'it is too short'],
    ['EAN-13', 'ABC1234567890', 'it is not numeric'],
    ['UPC-E', '21234565', 'UPC-E only has number systems 0 and 1'],
    ['ISBN', '0306406153', 'its ISBN-10 check is wrong'],
  ])('treats %s %s as a SKU label because %s', (format, text) => {
    expect(classifyBarcode(format, text)).toBe('sku');
  });

  it.each([
    ['Code128', 'CNK8181G2C'],
    ['Code128', '036602301467'],
    ['Code 128', 'EF-10234'],
    ['Code39', 'A12-B3'],
    ['Code93', 'SKU10234'],
    ['QRCode', 'https://example.com/item/10234'],
    ['MicroQRCode', '10234'],
    ['DataMatrix', '5012345678900'],
    ['PDF417', 'EF-10234'],
    ['ITF', '12345678901231'],
    ['Codabar', 'A10234B'],
    ['Aztec', '10234'],
  ])('treats %s carrying %j as a SKU label: only UPC/EAN/ISBN are product codes', (format, text) => {
    expect(classifyBarcode(format, text)).toBe('sku');
  });

  describe.skipIf(!hasSharedData())('on the real barcode photos’ payloads', () => {
    const formatByPrefix: Record<string, { format: string; kind: 'sku' | 'product' }> = {
      code128: { format: 'Code128', kind: 'sku' },
      qrcode: { format: 'QRCode', kind: 'sku' },
      ean13: { format: 'EAN-13', kind: 'product' },
      upca: { format: 'UPC-A', kind: 'product' },
    };
    const payloads = hasSharedData()
      ? readdirSync(sharedPath('photos', 'barcodes'))
          .filter((name) => name.endsWith('.txt'))
          .map((name) => [name, readFileSync(sharedPath('photos', 'barcodes', name), 'utf8').trim()] as const)
      : [];

    it.each(payloads)('classifies %s as its symbology says', (name, payload) => {
      const expected = formatByPrefix[name.split('-')[0] ?? ''];
      expect(expected).toBeDefined();
      expect(classifyBarcode(expected!.format, payload)).toBe(expected!.kind);
    });
  });
});

describe('hasValidGs1CheckDigit', () => {
  it.each(['036602301467', '9780804816632', '96385074', '4006381333931', '00012345600012'])('accepts %s', (code) => {
    expect(hasValidGs1CheckDigit(code)).toBe(true);
  });

  it.each(['036602301460', '9780804816630', '1234567', 'ABCDEFGH', ''])('rejects %j', (code) => {
    expect(hasValidGs1CheckDigit(code)).toBe(false);
  });
});

describe('expandUpcE', () => {
  it.each([
    ['01234565', '012345000065', 'last digit 5-9: manufacturer 12345, item 0000x'],
    ['01234505', '012000003455', 'last digit 0-2: manufacturer ends 000, item 00345'],
    ['01234531', '012300000451', 'last digit 3: manufacturer ends 00, item 000xx'],
    ['01234543', '012340000053', 'last digit 4: manufacturer ends 0, item 0000x'],
  ])('expands %s to %s (%s)', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toBe(upcA);
  });

  it.each(['21234565', '1234565', 'A1234565'])('refuses %j', (code) => {
    expect(expandUpcE(code)).toBeNull();
  });
});

describe('hasValidIsbn10CheckDigit', () => {
  it.each(['0306406152', '080442957X', '080442957x'])('accepts %s', (code) => {
    expect(hasValidIsbn10CheckDigit(code)).toBe(true);
  });

  it.each(['0306406153', '03064061X2', '12345'])('rejects %s', (code) => {
    expect(hasValidIsbn10CheckDigit(code)).toBe(false);
  });
});
