/**
 * How tag parsers see OCR text: upper case, accents folded ("ALGODÓN" → "ALGODON"), and a way back from
 * a position in the text to the line it sits on, which is the evidence shown to the seller.
 */

/** Upper case without diacritics; the length is kept so that positions match the original text. */
export function foldTagText(text: string): string {
  return [...text]
    .map((char) => {
      const folded = char.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
      return folded.length === 1 ? folded : char.toUpperCase().length === 1 ? char.toUpperCase() : char;
    })
    .join('');
}

export interface TagLine {
  text: string;
  start: number;
  end: number;
}

/** The lines of `text` with their offsets; empty lines dropped. */
export function splitTagLines(text: string): TagLine[] {
  const lines: TagLine[] = [];
  let start = 0;
  for (const piece of text.split(/\r\n|\r|\n/)) {
    const end = start + piece.length;
    if (piece.trim() !== '') lines.push({ text: piece, start, end });
    start = end + (text.startsWith('\r\n', end) ? 2 : 1);
  }
  return lines;
}

/** The original lines that a span [start, end) touches, joined by " / " and trimmed. */
export function quoteLines(text: string, start: number, end: number): string {
  return splitTagLines(text)
    .filter((line) => line.end > start && line.start < Math.max(end, start + 1))
    .map((line) => line.text.trim())
    .join(' / ');
}

/** Blanks [start, end) with spaces so later patterns skip what an earlier one already read. */
export function blankSpan(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/**
 * A spelling as a regex that forgives what OCR does to printed labels: I read as 1, l or |, O read as 0,
 * and any run of spaces, dots, hyphens or apostrophes where the spelling has a space or hyphen.
 */
export function toleratePattern(spelling: string): string {
  return [...spelling]
    .map((char) => {
      if (char === 'I') return '[I1L|]';
      if (char === 'O') return '[O0]';
      if (char === ' ' || char === '-') return String.raw`[\s.\-'’]*`;
      return char.replace(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
    })
    .join('');
}

/** The key a tolerated match and its spelling share: no separators, I/1/l/| as I, 0 as O. */
export function toleranceKey(text: string): string {
  return text
    .replace(/[\s.\-'’]+/g, '')
    .replace(/[1L|]/g, 'I')
    .replace(/0/g, 'O');
}
