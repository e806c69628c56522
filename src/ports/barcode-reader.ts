import type { RawImage } from './image-processor.ts';

export interface DecodedBarcode {
  /** Symbology as the decoder names it, e.g. "Code128", "QRCode", "EAN-13", "UPC-A". */
  format: string;
  text: string;
}

/** Finds and decodes every 1D/2D barcode in an image. */
export interface BarcodeReader {
  read(image: RawImage): Promise<DecodedBarcode[]>;
}
