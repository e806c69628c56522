export interface RecognizedLine {
  text: string;
  /** 0..1 */
  confidence: number;
  /** Where the line is, in the pixels of the image that was read, when the engine says. */
  region?: { left: number; top: number; width: number; height: number };
}

export interface RecognizedText {
  text: string;
  /** Mean confidence 0..1. */
  confidence: number;
  lines: RecognizedLine[];
  /** The engine that read it, when a chain of engines is configured ("google-vision", "tesseract"). */
  provider?: string;
  /** Why a better engine did not read it, when one failed or was paused. */
  degraded?: string;
}

export interface RecognizeOptions {
  /**
   * `sparse` (the default) finds scattered words anywhere in a photo; `block` reads a close-up as one
   * block of text, which keeps a lone character (a size "M" on a tag) that a sparse read drops.
   */
  layout?: 'sparse' | 'block';
  /** Aborts a read by a remote engine (a timeout of the caller's). */
  signal?: AbortSignal;
}

/** Reads printed text from a photo (OCR). */
export interface TextRecognizer {
  /** `image` is an encoded JPEG/PNG/WebP; upright. */
  recognize(image: Buffer, options?: RecognizeOptions): Promise<RecognizedText>;
  close(): Promise<void>;
}
