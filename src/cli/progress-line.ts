import type { PipelineEvent, StageName } from '../contracts/stages.ts';

const STAGES: StageName[] = ['ingest', 'segment', 'analyse', 'compose', 'price'];
const BAR_WIDTH = 24;

/**
 * A one-line progress display on a terminal (redrawn in place), or a line every few seconds
 * when the output is a file or a pipe.
 */
export class ProgressLine {
  private readonly settled = new Map<StageName, Set<string>>();
  private readonly seen = new Map<StageName, Set<string>>();
  private lastPrinted = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly totalPhotos: number,
  ) {}

  update(event: PipelineEvent): void {
    this.track(this.seen, event.stage, event.subjectId);
    if (event.status === 'succeeded' || event.status === 'dead') this.track(this.settled, event.stage, event.subjectId);
    const now = Date.now();
    if (this.stream.isTTY) {
      this.stream.write(`\r${this.render()}\x1b[K`);
    } else if (now - this.lastPrinted > 5000) {
      this.lastPrinted = now;
      this.stream.write(`${this.render()}\n`);
    }
  }

  finish(): void {
    this.stream.write(this.stream.isTTY ? `\r${this.render()}\x1b[K\n` : `${this.render()}\n`);
  }

  private render(): string {
    const items = this.seen.get('analyse')?.size ?? 0;
    const totals: Record<StageName, number> = {
      ingest: this.totalPhotos,
      segment: 1,
      analyse: items,
      compose: items,
      price: items,
      publish: 0,
    };
    const done = STAGES.reduce((sum, stage) => sum + (this.settled.get(stage)?.size ?? 0), 0);
    const total = STAGES.reduce((sum, stage) => sum + Math.max(totals[stage], this.settled.get(stage)?.size ?? 0), 0);
    const ratio = total === 0 ? 0 : done / total;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const parts = STAGES.map((stage) => `${stage} ${this.settled.get(stage)?.size ?? 0}/${totals[stage]}`);
    return `${bar} ${Math.round(ratio * 100)}%  ${parts.join(' · ')}`;
  }

  private track(map: Map<StageName, Set<string>>, stage: StageName, subjectId: string): void {
    const set = map.get(stage) ?? new Set<string>();
    set.add(subjectId);
    map.set(stage, set);
  }
}
