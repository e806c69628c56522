import type { PipelineEvent } from '../contracts/stages.ts';

/** Publishes stage progress to whoever listens (CLI progress, server-sent events). */
export interface PipelineEvents {
  publish(event: PipelineEvent): void;
  subscribe(listener: (event: PipelineEvent) => void): () => void;
}
