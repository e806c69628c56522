import type { PipelineControl, PublishControl } from '../ports/pipeline-control.ts';
import type { StageJob } from '../contracts/stages.ts';
import type { StageQueue } from '../ports/stage-queue.ts';
import type { Tracing } from '../ports/tracing.ts';
import type { Orchestrator } from './orchestrator.ts';

/** Records the runs new input calls for, then puts them on the queue. */
export class PipelineScheduler implements PipelineControl, PublishControl {
  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly queue: StageQueue,
    /** Jobs carry the trace of the request that caused them. */
    private readonly tracing?: Tracing,
  ) {}

  async photosReceived(batchId: string, photoIds: string[]): Promise<void> {
    await this.enqueueAll(await this.orchestrator.photosReceived(batchId, photoIds));
  }

  async batchSubmitted(batchId: string): Promise<void> {
    await this.enqueueAll(await this.orchestrator.batchSubmitted(batchId));
  }

  async itemsApproved(batchId: string, itemIds: string[]): Promise<void> {
    await this.enqueueAll(await this.orchestrator.itemsApproved(batchId, itemIds));
  }

  private async enqueueAll(jobs: StageJob[]): Promise<void> {
    const trace = this.tracing?.currentContext() ?? null;
    for (const job of jobs) await this.queue.enqueue(trace ? { ...job, trace } : job);
  }
}
