export interface RecognizedLine {
  text: string;
  /** 0..1 */
  confidence: number;
}

export interface RecognizedText {
  text: string;
  /** Mean confidence 0..1. */
  confidence: number;
  lines: RecognizedLine[];
}

/** Reads printed text from a photo (OCR). */
export interface TextRecognizer {
  /** `image` is an encoded JPEG/PNG/WebP; upright. */
  recognize(image: Buffer): Promise<RecognizedText>;
  close(): Promise<void>;
}
