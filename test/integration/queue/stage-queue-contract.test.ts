import { describe } from 'vitest';
import { BullMqStageQueue } from '../../../src/adapters/queue/bullmq-stage-queue.ts';
import { InProcessStageQueue } from '../../../src/adapters/queue/in-process-stage-queue.ts';
import { redisUrl } from '../../support/postgres.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { deleteKeysUnder, requireRedisDriver, uniquePrefix } from './redis-test-keys.ts';
import { describeStageQueueContract } from './stage-queue.contract.ts';

describe('the in-process stage queue keeps the StageQueue contract', () => {
  describeStageQueueContract((policy) => {
    const queue = new InProcessStageQueue(policy, silentLogger);
    return Promise.resolve({ queue, dispose: () => queue.close() });
  });
});

describe.skipIf(!redisUrl)('the BullMQ stage queue keeps the StageQueue contract', () => {
  describeStageQueueContract((policy) => {
    requireRedisDriver();
    const prefix = uniquePrefix('contract');
    const queue = new BullMqStageQueue(policy, { redisUrl: redisUrl!, prefix, idlePollMs: 20 }, silentLogger);
    return Promise.resolve({
      queue,
      async dispose() {
        await queue.close();
        await deleteKeysUnder(redisUrl!, prefix);
      },
    });
  });
});
