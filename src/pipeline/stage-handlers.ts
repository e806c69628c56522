import type { StageName, StagePayloads } from '../contracts/stages.ts';
import { analyseItem } from './stages/analyse.stage.ts';
import { composeItemListing } from './stages/compose.stage.ts';
import { ingestPhoto } from './stages/ingest.stage.ts';
import { priceItem } from './stages/price.stage.ts';
import { publishItem } from './stages/publish.stage.ts';
import { segmentPhotosIntoItems } from './stages/segment.stage.ts';
import type { StagePorts } from './stages/stage-ports.ts';

/** A stage's outcome: what it did, for the log and the progress stream. */
export interface StageOutcome {
  readonly stage: StageName;
}

export type StageHandlers = {
  [S in StageName]: (payload: StagePayloads[S], ports: StagePorts) => Promise<StageOutcome>;
};

/** Every stage of the catalog and the function that does it. */
export const stageHandlers: StageHandlers = {
  ingest: ingestPhoto,
  segment: segmentPhotosIntoItems,
  analyse: analyseItem,
  compose: composeItemListing,
  price: priceItem,
  publish: publishItem,
};
