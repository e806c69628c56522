import type { AttributeName } from '../../contracts/attributes.ts';

/** One attribute as the vision model states it, with the photos (numbered from 1, as shown) it says show it. */
export interface VisionClaim {
  attribute: AttributeName;
  value: string;
  confidence: number;
  photos: number[];
  /** The words the model read that give the value (a tag's "MADE IN VIETNAM"); null for what it saw. */
  seenText: string | null;
}

/** The model's reading of one photo: is it the seller's SKU/weight photo, and what do its label or scale say. */
export interface VisionPhotoVerdict {
  photo: number;
  isSkuPhoto: boolean;
  sku: string | null;
  weightText: string | null;
  /** What a scale's display shows, as written ("1.25 lb"). */
  scaleReading: string | null;
  confidence: number;
}

/** Everything the model said about an item's photos. */
export interface VisionFindings {
  claims: VisionClaim[];
  photos: VisionPhotoVerdict[];
}
