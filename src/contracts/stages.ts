import { z } from 'zod';

/** The pipeline's stages, in the order a batch flows through them. */
export const StageName = z.enum(['ingest', 'segment', 'analyse', 'compose', 'price', 'publish']);
export type StageName = z.infer<typeof StageName>;

export const StageRunStatus = z.enum(['pending', 'running', 'succeeded', 'failed', 'dead']);
export type StageRunStatus = z.infer<typeof StageRunStatus>;

export const IngestPayload = z.object({ batchId: z.uuid(), photoId: z.uuid() });
export const SegmentPayload = z.object({ batchId: z.uuid() });
export const ItemStagePayload = z.object({ batchId: z.uuid(), itemId: z.uuid() });

export type IngestPayload = z.infer<typeof IngestPayload>;
export type SegmentPayload = z.infer<typeof SegmentPayload>;
export type ItemStagePayload = z.infer<typeof ItemStagePayload>;

export interface StagePayloads {
  ingest: IngestPayload;
  segment: SegmentPayload;
  analyse: ItemStagePayload;
  compose: ItemStagePayload;
  price: ItemStagePayload;
  publish: ItemStagePayload;
}

/** W3C trace context (https://www.w3.org/TR/trace-context/) of the request or stage that caused a job. */
export const TraceCarrier = z.object({
  traceparent: z.string().regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/),
  tracestate: z.string().optional(),
});
export type TraceCarrier = z.infer<typeof TraceCarrier>;

/**
 * One unit of work: a stage applied to one subject (a photo, a batch or an item). `trace` links
 * the job's span to its cause when tracing is on; it is not part of the job's identity.
 */
export type StageJob = {
  [S in StageName]: { stage: S; payload: StagePayloads[S]; trace?: TraceCarrier };
}[StageName];

/** Progress as clients see it (CLI progress bar, server-sent events). */
export const PipelineEvent = z.object({
  batchId: z.string(),
  stage: StageName,
  subjectId: z.string(),
  status: StageRunStatus,
  attempt: z.number().int(),
  error: z.string().optional(),
  at: z.string(),
});
export type PipelineEvent = z.infer<typeof PipelineEvent>;
