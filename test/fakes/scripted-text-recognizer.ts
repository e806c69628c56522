import { createHash } from 'node:crypto';
import type { RecognizedText, TextRecognizer } from '../../src/ports/text-recognizer.ts';

/**
 * An in-memory TextRecognizer for tests that are not about OCR: it answers the text scripted for
 * an image (by the sha256 of its bytes), or nothing, and counts its calls.
 */
export class ScriptedTextRecognizer implements TextRecognizer {
  readonly calls: string[] = [];
  private readonly texts = new Map<string, string>();

  script(image: Buffer, text: string): void {
    this.texts.set(hashOf(image), text);
  }

  recognize(image: Buffer): Promise<RecognizedText> {
    const hash = hashOf(image);
    this.calls.push(hash);
    const text = this.texts.get(hash) ?? '';
    return Promise.resolve({
      text,
      confidence: text ? 0.9 : 0,
      lines: text.split('\n').map((line) => ({ text: line, confidence: 0.9 })),
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function hashOf(image: Buffer): string {
  return createHash('sha256').update(image).digest('hex');
}
