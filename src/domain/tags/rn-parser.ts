import { foldTagText, quoteLines } from './tag-text.ts';

/**
 * Registration numbers printed on care labels: the US FTC "RN" (Registered Identification Number) of
 * the company that made or imported the garment, and the Canadian "CA" number.
 */
export interface RegistrationFinding {
  /** Digits only, OCR look-alikes (O, I, l) read as digits. */
  number: string;
  /** The line it was read on. */
  text: string;
}

const RN_PATTERN = /(?<![A-Z0-9])R\.?\s?N\.?\s*(?:NO\.?|#|:)?\s*[#:.]?\s*(\d[\dOIL]{4,5})(?![\dOIL])/g;

// "LOS ANGELES, CA 90021" is an address, not a CA number: a comma before it or a ZIP+4 after it says so.
const CA_PATTERN = /(?<![A-Z0-9])(?<!,\s*)C\.?A\.?\s*(?:NO\.?|#|:)?\s*[#:.-]?\s*(\d[\dOIL]{4,5})(?![\dOIL-])/g;

export function findRnNumbers(text: string): RegistrationFinding[] {
  return findRegistrations(text, RN_PATTERN);
}

export function findCaNumbers(text: string): RegistrationFinding[] {
  return findRegistrations(text, CA_PATTERN);
}

function findRegistrations(text: string, pattern: RegExp): RegistrationFinding[] {
  const findings: RegistrationFinding[] = [];
  for (const match of foldTagText(text).matchAll(pattern)) {
    const number = (match[1] ?? '').replace(/O/g, '0').replace(/[IL]/g, '1');
    if (!/^\d{5,6}$/.test(number) || findings.some((finding) => finding.number === number)) continue;
    findings.push({ number, text: quoteLines(text, match.index, match.index + match[0].length) });
  }
  return findings;
}
