import type { z } from 'zod';
import type { DeadLetterDto } from '../contracts/dead-letter.ts';
import { NotFoundError, PermanentError } from '../contracts/errors.ts';
import {
  IngestPayload,
  ItemStagePayload,
  SegmentPayload,
  type StageJob,
  type StageName,
  type StagePayloads,
} from '../contracts/stages.ts';
import type { DeadLetterRecord, Repositories } from '../ports/repositories.ts';
import type { StageQueue } from '../ports/stage-queue.ts';


export interface DeadLetterRetry {
  id: string;
  stage: StageName;
  subjectId: string;
}

const payloadSchemas: { [S in StageName]: z.ZodType<StagePayloads[S]> } = {
  ingest: IngestPayload,
  segment: SegmentPayload,
  analyse: ItemStagePayload,
  compose: ItemStagePayload,
  price: ItemStagePayload,
  publish: ItemStagePayload,
};

/**
 * Work the pipeline gave up on: list and inspect it, send it round again, or discard it.
 * A retry puts the stage run back to pending with no attempts counted and enqueues its job;
 * from there the orchestrator carries the item on as if nothing had happened.
 */
export class DeadLetterService {
  constructor(
    private readonly repositories: Repositories,
    private readonly queue: StageQueue,
  ) {}

  async list(filter: { batchId?: string; stage?: StageName } = {}): Promise<DeadLetterDto[]> {
    const letters = await this.repositories.deadLetters.list(filter.batchId === undefined ? {} : { batchId: filter.batchId });
    return letters.filter((letter) => filter.stage === undefined || letter.stage === filter.stage).map(toDeadLetterDto);
  }

  async get(id: string): Promise<DeadLetterDto> {
    return toDeadLetterDto(await this.require(id));
  }

  async retry(id: string, actor: string): Promise<DeadLetterRetry> {
    const letter = await this.require(id);
    const job = jobOfLetter(letter);
    const run = await this.repositories.stageRuns.get(letter.stage, letter.subjectId);
    if (!run) {
      throw new PermanentError('CONFLICT', `The ${letter.stage} work of ${letter.subjectId} no longer exists (it was regrouped or removed); discard this letter.`);
    }
    if ('itemId' in job.payload) {
      const item = await this.repositories.items.get(job.payload.itemId);
      if (!item) throw new PermanentError('CONFLICT', `Item ${job.payload.itemId} no longer exists; discard this letter.`);
      await this.repositories.items.setStatus(item.id, 'processing', null);
    }
    // A photo ingested after segmentation joins no item by itself, so only later stages reopen the batch.
    if (letter.stage !== 'ingest') await this.repositories.batches.reopen(letter.batchId);
    // Resetting the run takes its dead letter with it; the new run starts pending with no attempts.
    await this.repositories.stageRuns.reset([letter.stage], [letter.subjectId]);
    await this.repositories.stageRuns.ensure({
      stage: letter.stage,
      subjectId: letter.subjectId,
      batchId: letter.batchId,
      itemId: 'itemId' in job.payload ? job.payload.itemId : null,
      photoId: 'photoId' in job.payload ? job.payload.photoId : null,
    });
    await this.queue.enqueue(job);
    await this.audit(letter, actor, 'dead_letter.retried');
    return { id: letter.id, stage: letter.stage, subjectId: letter.subjectId };
  }

  /** Retries every letter (of one batch, when given); a letter that cannot be retried is left in place and reported. */
  async retryAll(
    filter: { batchId?: string },
    actor: string,
  ): Promise<{ retried: DeadLetterRetry[]; refused: Array<{ id: string; reason: string }> }> {
    const retried: DeadLetterRetry[] = [];
    const refused: Array<{ id: string; reason: string }> = [];
    for (const letter of await this.repositories.deadLetters.list(filter.batchId === undefined ? {} : { batchId: filter.batchId })) {
      try {
        retried.push(await this.retry(letter.id, actor));
      } catch (error) {
        if (!(error instanceof PermanentError)) throw error;
        refused.push({ id: letter.id, reason: error.message });
      }
    }
    return { retried, refused };
  }

  /** Forgets the letter; its stage run stays dead and its item stays failed. */
  async discard(id: string, actor: string): Promise<void> {
    const letter = await this.require(id);
    await this.repositories.deadLetters.remove(id);
    await this.audit(letter, actor, 'dead_letter.discarded');
  }

  private async require(id: string): Promise<DeadLetterRecord> {
    const letter = await this.repositories.deadLetters.get(id);
    if (!letter) throw new NotFoundError('Dead letter', id);
    return letter;
  }

  private async audit(letter: DeadLetterRecord, actor: string, action: string): Promise<void> {
    const batch = await this.repositories.batches.get(letter.batchId);
    await this.repositories.audit.record({
      accountId: batch?.accountId ?? null,
      actor,
      action,
      subjectType: 'dead_letter',
      subjectId: letter.id,
      details: { stage: letter.stage, subjectId: letter.subjectId, reason: letter.reason },
    });
  }
}

function jobOfLetter(letter: DeadLetterRecord): StageJob {
  const parsed = payloadSchemas[letter.stage].safeParse(letter.payload);
  if (!parsed.success) {
    throw new PermanentError('VALIDATION_FAILED', `Dead letter ${letter.id} holds no valid ${letter.stage} payload; discard it.`);
  }
  return { stage: letter.stage, payload: parsed.data } as StageJob;
}

export function toDeadLetterDto(letter: DeadLetterRecord): DeadLetterDto {
  return {
    id: letter.id,
    stage: letter.stage,
    batchId: letter.batchId,
    subjectId: letter.subjectId,
    errorCode: letter.errorCode,
    reason: letter.reason,
    payload: letter.payload,
    createdAt: letter.createdAt.toISOString(),
  };
}
