import { z } from 'zod';
import { ErrorCode } from './errors.ts';
import { StageName } from './stages.ts';

/** A dead letter as operators see it (API, CLI, web). */
export const DeadLetterDto = z.object({
  id: z.string(),
  stage: StageName,
  batchId: z.string(),
  /** The photo, batch or item the stage worked on. */
  subjectId: z.string(),
  errorCode: ErrorCode,
  reason: z.string(),
  payload: z.unknown(),
  createdAt: z.string(),
});
export type DeadLetterDto = z.infer<typeof DeadLetterDto>;
