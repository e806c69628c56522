/** A rectangle in an image's pixels. */
export interface ImageRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ScaleDisplayReading {
  /** The number the display shows, as shown: "20.21", "0.57". */
  digits: string;
  /** The unit printed on or beside the display, when it could be read: "lb", "kg", "oz", "g". */
  unit: 'lb' | 'kg' | 'oz' | 'g' | null;
  /** 0..1 */
  confidence: number;
  /** Where the display is in the image as given. */
  region: ImageRegion;
}

/** Reads the number on a scale's LCD or LED display in a photo. */
export interface ScaleDisplayReader {
  /**
   * `image` is an encoded JPEG/PNG/WebP, upright as the camera saw it (the display itself may be
   * turned). Null when no display reading is clear enough to trust.
   */
  read(image: Buffer, options?: { region?: ImageRegion }): Promise<ScaleDisplayReading | null>;
}
