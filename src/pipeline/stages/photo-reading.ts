import type { PhotoReadings } from '../../contracts/readings.ts';
import { readLabelText } from '../../domain/segmentation/label-text.ts';
import { createReadingRules } from '../../domain/segmentation/photo-readings.ts';
import type { RecognizedText } from '../../ports/text-recognizer.ts';
import type { StagePorts } from './stage-ports.ts';

/** A label close-up is enlarged to this longest side before it is read. */
const PANEL_SIDE = 1200;

/**
 * Reads a photo's text once, for segmentation and analysis to share: the whole photo, and, when that
 * shows no SKU label, each label-like panel in it cut out and turned level (OCR reads nothing on a
 * label turned more than a few degrees). Everything read is kept with the photo.
 */
export async function readPhotoText(photoId: string, image: Buffer, ports: StagePorts): Promise<PhotoReadings> {
  const recognized = await ports.textRecognizer.recognize(image);
  const readings: PhotoReadings = {
    ocr: {
      text: recognized.text,
      confidence: recognized.confidence,
      lines: recognized.lines,
      ...(recognized.provider === undefined ? {} : { provider: recognized.provider }),
      ...(recognized.degraded === undefined ? {} : { degraded: recognized.degraded }),
    },
  };
  const rules = createReadingRules(ports.settings);
  const sampler = ports.imageSampler;
  if (sampler !== undefined && readLabelText(recognized.text, rules.skuPattern, { sellerPattern: rules.sellerPattern }).kind === 'none') {
    const panels = [];
    for (const panel of await sampler.findPanels(image)) {
      // Labels are wider than tall: a tall one was photographed sideways, one way or the other.
      const sideways = panel.region.height > panel.region.width * 1.1;
      const turns = sideways ? [panel.angle + 90, panel.angle - 90] : [panel.angle];
      let best: RecognizedText | null = null;
      for (const levelAngle of turns) {
        const closeUp = await sampler.crop(image, panel.region, { longestSide: PANEL_SIDE, levelAngle });
        const read = await ports.textRecognizer.recognize(closeUp);
        if (read.text !== '' && (best === null || read.confidence > best.confidence)) best = read;
      }
      if (best !== null) panels.push({ region: panel.region, text: best.text, confidence: best.confidence, lines: best.lines });
    }
    if (panels.length > 0) readings.panels = panels;
  }
  await ports.repositories.photoReadings.save(photoId, readings);
  return readings;
}
