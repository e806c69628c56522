/**
 * Tells a retail product code (UPC/EAN/ISBN on a hang tag or a book) from a seller's SKU label.
 * Retail codes fill the listing's UPC/EAN and never open an item; everything else is a SKU label.
 */

export type BarcodeKind = 'sku' | 'product';

type RetailSymbology = 'upc-a' | 'upc-e' | 'ean-13' | 'ean-8' | 'isbn' | 'ean/upc';

/** Decoder spellings ("UPC-A", "UPCA", "upc_a", "EAN-13", "EAN13", "ISBN", "EANUPC"...) folded to one. */
const RETAIL_FORMATS: Record<string, RetailSymbology> = {
  upca: 'upc-a',
  upce: 'upc-e',
  ean13: 'ean-13',
  ean8: 'ean-8',
  isbn: 'isbn',
  isbn13: 'isbn',
  isbn10: 'isbn',
  eanupc: 'ean/upc',
  ean: 'ean/upc',
  upc: 'ean/upc',
};

export function classifyBarcode(format: string, text: string): BarcodeKind {
  const symbology = RETAIL_FORMATS[format.toLowerCase().replace(/[^a-z0-9]/g, '')];
  if (symbology === undefined) return 'sku';
  return isValidRetailCode(symbology, text.replace(/[\s-]/g, '')) ? 'product' : 'sku';
}

function isValidRetailCode(symbology: RetailSymbology, code: string): boolean {
  switch (symbology) {
    case 'upc-a':
      return /^0?\d{12}$/.test(code) && hasValidGs1CheckDigit(code);
    case 'ean-13':
      return /^\d{13}$/.test(code) && hasValidGs1CheckDigit(code);
    case 'ean-8':
      return /^\d{8}$/.test(code) && hasValidGs1CheckDigit(code);
    case 'upc-e':
      return isValidUpcE(code);
    case 'isbn':
      return /^97[89]\d{10}$/.test(code) ? hasValidGs1CheckDigit(code) : hasValidIsbn10CheckDigit(code);
    case 'ean/upc':
      if (/^\d{12,13}$/.test(code)) return hasValidGs1CheckDigit(code);
      return /^\d{8}$/.test(code) && (hasValidGs1CheckDigit(code) || isValidUpcE(code));
  }
}

/** GS1 mod-10: from the right, data digits weigh 3, 1, 3, 1... and the last digit makes the sum a multiple of 10. */
export function hasValidGs1CheckDigit(code: string): boolean {
  if (!/^\d{8,18}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop();
  let sum = 0;
  digits.reverse().forEach((digit, index) => {
    sum += digit * (index % 2 === 0 ? 3 : 1);
  });
  return (10 - (sum % 10)) % 10 === check;
}

function isValidUpcE(code: string): boolean {
  if (/^\d{12}$/.test(code)) return hasValidGs1CheckDigit(code);
  const expanded = expandUpcE(code);
  return expanded !== null && hasValidGs1CheckDigit(expanded);
}

/** The 12-digit UPC-A a zero-suppressed 8-digit UPC-E stands for, or null if it is not one. */
export function expandUpcE(code: string): string | null {
  if (!/^[01]\d{7}$/.test(code)) return null;
  const middle = code.slice(1, 7);
  const last = middle.charAt(5);
  let body: string;
  if (last === '0' || last === '1' || last === '2') {
    body = `${middle.slice(0, 2)}${last}0000${middle.slice(2, 5)}`;
  } else if (last === '3') {
    body = `${middle.slice(0, 3)}00000${middle.slice(3, 5)}`;
  } else if (last === '4') {
    body = `${middle.slice(0, 4)}00000${middle.charAt(4)}`;
  } else {
    body = `${middle.slice(0, 5)}0000${last}`;
  }
  return `${code.charAt(0)}${body}${code.charAt(7)}`;
}

/** ISBN-10: weights 10 down to 1, sum divisible by 11; the last character may be X (10). */
export function hasValidIsbn10CheckDigit(code: string): boolean {
  if (!/^\d{9}[\dXx]$/.test(code)) return false;
  let sum = 0;
  [...code].forEach((char, index) => {
    const value = char === 'X' || char === 'x' ? 10 : Number(char);
    sum += value * (10 - index);
  });
  return sum % 11 === 0;
}
