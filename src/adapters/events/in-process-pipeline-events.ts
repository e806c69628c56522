import { EventEmitter } from 'node:events';
import type { PipelineEvent } from '../../contracts/stages.ts';
import type { PipelineEvents } from '../../ports/pipeline-events.ts';

/** Progress events within one process (the embedded mode). */
export class InProcessPipelineEvents implements PipelineEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: PipelineEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: PipelineEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
