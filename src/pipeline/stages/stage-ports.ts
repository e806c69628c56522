import type { BarcodeReader } from '../../ports/barcode-reader.ts';
import type { ListingPublisher } from '../../ports/listing-publisher.ts';
import type { ImageProcessor } from '../../ports/image-processor.ts';
import type { AspectCatalog, CategorySuggester } from '../../ports/listing-taxonomy.ts';
import type { PhotoStore } from '../../ports/photo-store.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { ImageSampler } from '../../ports/image-sampler.ts';
import type { ScaleDisplayReader } from '../../ports/scale-display-reader.ts';
import type { SkuPhotoClassifier } from '../../ports/sku-photo-classifier.ts';
import type { TextRecognizer } from '../../ports/text-recognizer.ts';
import type { VisionAnalyzer } from '../../ports/vision-analyzer.ts';
import type { DetailPolicy } from '../../domain/analysis/detail-policy.ts';

/** Everything the stages reach the outside world through. */
export interface StagePorts {
  repositories: Repositories;
  photoStore: PhotoStore;
  imageProcessor: ImageProcessor;
  barcodeReader: BarcodeReader;
  textRecognizer: TextRecognizer;
  /** eBay's category suggestions when keys are configured, else the bundled matcher. */
  categorySuggester: CategorySuggester;
  /** eBay's item specifics per category when keys are configured, else the bundled ones. */
  aspectCatalog: AspectCatalog;
  /** Null when no marketplace account is connected: listings leave as a Seller Hub CSV instead. */
  listingPublisher: ListingPublisher | null;
  /** Reads scale displays in item photos; without it, weights come from label text only. */
  scaleDisplayReader?: ScaleDisplayReader;
  /** Pixels and close-ups of photos, for garment colours and tag crops; without it, neither is read. */
  imageSampler?: ImageSampler;
  /** A vision model's verdict on SKU photos; absent or null when no vision provider is configured. */
  skuPhotoClassifier?: SkuPhotoClassifier | null;
  /** A vision model that looks at each item's photos; absent or null for the offline analysis alone. */
  visionAnalyzer?: VisionAnalyzer | null;
  settings: {
    /** The seller's SKU pattern (regex source), or null for the default. */
    skuPattern: string | null;
    timeGapMinutes: number;
    /** The unit the seller's scale shows (SCALE_UNIT), for displays whose unit sign is not read. */
    scaleUnit?: 'lb' | 'kg' | 'oz' | 'g' | null;
    /** Perceptual hashes differing in at most this many bits make near duplicates (NEAR_DUPLICATE_MAX_DISTANCE). */
    nearDuplicateMaxDistance?: number;
    /** Which photos the vision model sees, and how closely (VISION_DETAIL_POLICY, VISION_MAX_PHOTOS, ...). */
    visionPolicy?: DetailPolicy;
  };
}
