import type { BarcodeReader } from '../../ports/barcode-reader.ts';
import type { ListingPublisher } from '../../ports/listing-publisher.ts';
import type { ImageProcessor } from '../../ports/image-processor.ts';
import type { PhotoStore } from '../../ports/photo-store.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { TextRecognizer } from '../../ports/text-recognizer.ts';

/** Everything the stages reach the outside world through. */
export interface StagePorts {
  repositories: Repositories;
  photoStore: PhotoStore;
  imageProcessor: ImageProcessor;
  barcodeReader: BarcodeReader;
  textRecognizer: TextRecognizer;
  /** Null when no marketplace account is connected: listings leave as a Seller Hub CSV instead. */
  listingPublisher: ListingPublisher | null;
  settings: {
    /** The seller's SKU pattern (regex source), or null for the default. */
    skuPattern: string | null;
    timeGapMinutes: number;
  };
}
