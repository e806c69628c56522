import { EasyFlipError } from '../../contracts/errors.ts';
import type { RecognizedText, RecognizeOptions, TextRecognizer } from '../../ports/text-recognizer.ts';
import type { CallGuard } from './call-guard.ts';

/** One engine of an OCR chain; a remote one goes through its call guard. */
export interface ChainedTextRecognizer {
  /** As the reading records it ("google-vision", "tesseract"). */
  name: string;
  /** How a person knows it ("Google Cloud Vision"). */
  displayName: string;
  recognizer: TextRecognizer;
  guard: CallGuard | null;
}

/**
 * OCR engines in the configured order (e.g. Google Cloud Vision, then tesseract.js): the first that
 * reads the photo answers; when an earlier one failed or is paused, the reading says so and why.
 */
export class FallbackTextRecognizer implements TextRecognizer {
  constructor(private readonly chain: readonly ChainedTextRecognizer[]) {
    if (chain.length === 0) throw new RangeError('An OCR chain needs at least one engine');
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<RecognizedText> {
    const failures: string[] = [];
    for (const [index, link] of this.chain.entries()) {
      try {
        const read = link.guard === null
          ? await link.recognizer.recognize(image, options)
          : await link.guard.run('recognize', (signal) => link.recognizer.recognize(image, { ...options, signal }));
        const degraded = failures.length === 0 ? {} : { degraded: `${failures.join(' ')} ${link.displayName} read it instead.` };
        return { ...read, provider: read.provider ?? link.name, ...degraded };
      } catch (error) {
        // A bug is not an outage, and the last engine has no one to hand over to.
        if (!(error instanceof EasyFlipError) || index === this.chain.length - 1) throw error;
        failures.push(error.message.endsWith('.') ? error.message : `${error.message}.`);
      }
    }
    throw new RangeError('unreachable: the chain is not empty');
  }

  async close(): Promise<void> {
    for (const link of this.chain) {
      link.guard?.shutdown();
      await link.recognizer.close();
    }
  }
}
