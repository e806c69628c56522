import type { StageName } from '../../src/contracts/stages.ts';
import type { StageHandlers } from '../../src/pipeline/stage-handlers.ts';
import type { StagePorts } from '../../src/pipeline/stages/stage-ports.ts';
import type { NewItem } from '../../src/ports/repositories.ts';

/**
 * Stages without images or models, for runs whose subject is the pipeline itself (queues,
 * workers, retries, traces, throughput): segmentation groups the batch's photos a fixed number to
 * an item, in upload order, and every other stage does what the caller gives it.
 */

/** Segmentation that makes one item of every `photosPerItem` photos, in order; the first is the SKU photo. */
export function groupPhotosIntoItems(photosPerItem: number): StageHandlers['segment'] {
  return async (payload, ports) => {
    const photos = await ports.repositories.photos.listByBatch(payload.batchId);
    const items: NewItem[] = [];
    for (let start = 0; start < photos.length; start += photosPerItem) {
      const group = photos.slice(start, start + photosPerItem);
      const skuPhoto = group[0];
      if (!skuPhoto) break;
      items.push({
        position: items.length + 1,
        sku: `SYN-${items.length + 1}`,
        skuPhotoId: skuPhoto.id,
        weight: null,
        productCode: null,
        flags: [],
        photoIds: group.map((photo) => photo.id),
      });
    }
    await ports.repositories.items.replaceForBatch(payload.batchId, items, []);
    return { stage: 'segment' };
  };
}

/** What a synthetic stage does to its subject: a photo for ingest, the batch for segmentation, an item after. */
export type SyntheticWork = (stage: StageName, subjectId: string, ports: StagePorts) => Promise<void>;

/** Every stage runs `work` on its subject; segmentation then groups the photos. */
export function createSyntheticHandlers(options: { photosPerItem: number; work: SyntheticWork }): StageHandlers {
  const { work } = options;
  const group = groupPhotosIntoItems(options.photosPerItem);
  return {
    ingest: async (payload, ports) => {
      await work('ingest', payload.photoId, ports);
      return { stage: 'ingest' };
    },
    segment: async (payload, ports) => {
      await work('segment', payload.batchId, ports);
      return group(payload, ports);
    },
    analyse: async (payload, ports) => {
      await work('analyse', payload.itemId, ports);
      return { stage: 'analyse' };
    },
    compose: async (payload, ports) => {
      await work('compose', payload.itemId, ports);
      return { stage: 'compose' };
    },
    price: async (payload, ports) => {
      await work('price', payload.itemId, ports);
      return { stage: 'price' };
    },
    publish: async (payload, ports) => {
      await work('publish', payload.itemId, ports);
      return { stage: 'publish' };
    },
  };
}

/** Stages that cost nothing but the analysis, which answers after a fixed latency (a vision model's). */
export function createTimedAnalysisHandlers(options: { photosPerItem: number; analyseLatencyMs: number }): StageHandlers {
  return createSyntheticHandlers({
    photosPerItem: options.photosPerItem,
    work: async (stage) => {
      if (stage === 'analyse') await new Promise((resolve) => setTimeout(resolve, options.analyseLatencyMs));
    },
  });
}
