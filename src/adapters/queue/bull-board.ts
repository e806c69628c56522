import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginCallback } from 'fastify';
import type { BullMqStageQueue } from './bullmq-stage-queue.ts';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

export interface QueueBoard {
  /** Where the board is served, e.g. /admin/queues. */
  basePath: string;
  /** Registers the board's page, assets and API; the caller puts its own authentication in front. */
  plugin: FastifyPluginCallback;
}

/**
 * bull-board on the installation's queues, read-only: jobs are carried out, retried and
 * dead-lettered by the pipeline from the database's truth, so the board shows and never acts.
 */
export function createQueueBoard(queue: BullMqStageQueue, basePath: string): QueueBoard {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queue.bullQueues().map((bullQueue) => new BullMQAdapter(bullQueue, { readOnlyMode: true })),
    // @bull-board/fastify 9.10.1 pins its own copy of @bull-board/api 9.10.1: the same interface,
    // declared twice, which TypeScript tells apart by their private fields.
    serverAdapter: serverAdapter as unknown as BoardServerAdapter,
    options: { uiConfig: { boardTitle: 'EasyFlip queues' } },
  });
  return { basePath, plugin: serverAdapter.registerPlugin() };
}
