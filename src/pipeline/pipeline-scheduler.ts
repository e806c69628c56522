import type { PipelineControl } from '../ports/pipeline-control.ts';
import type { StageQueue } from '../ports/stage-queue.ts';
import type { Orchestrator } from './orchestrator.ts';

/** Records the runs new input calls for, then puts them on the queue. */
export class PipelineScheduler implements PipelineControl {
  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly queue: StageQueue,
  ) {}

  async photosReceived(batchId: string, photoIds: string[]): Promise<void> {
    for (const job of await this.orchestrator.photosReceived(batchId, photoIds)) await this.queue.enqueue(job);
  }

  async batchSubmitted(batchId: string): Promise<void> {
    for (const job of await this.orchestrator.batchSubmitted(batchId)) await this.queue.enqueue(job);
  }
}
