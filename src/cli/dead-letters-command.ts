import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { createContainer, type Container } from '../container.ts';
import { StageName } from '../contracts/stages.ts';
import { createLogger } from '../observability/logger.ts';
import type { DeadLetterDto } from '../contracts/dead-letter.ts';

/** `easyflip dead-letters`: list, inspect, retry and discard work the pipeline gave up on. */
export function registerDeadLettersCommand(program: Command, readConfig: () => Config): void {
  const command = program.command('dead-letters').description('list, inspect, retry or discard failed pipeline work');

  command
    .command('list')
    .description('list dead letters, newest first')
    .option('-b, --batch <id>', 'only this batch')
    .option('-s, --stage <stage>', `only this stage (${StageName.options.join(', ')})`)
    .option('--json', 'print JSON')
    .action(async (options: { batch?: string; stage?: string; json?: boolean }) => {
      const stage = options.stage === undefined ? undefined : StageName.parse(options.stage);
      await withContainer(readConfig, async (container) => {
        const letters = await container.services.deadLetters.list({
          ...(options.batch === undefined ? {} : { batchId: options.batch }),
          ...(stage === undefined ? {} : { stage }),
        });
        if (options.json) return print(JSON.stringify(letters, null, 2));
        if (letters.length === 0) return print('no dead letters');
        for (const letter of letters) print(formatLine(letter));
        print(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}`);
      });
    });

  command
    .command('show')
    .description('print one dead letter with its payload')
    .argument('<id>', 'dead letter id')
    .action(async (id: string) => {
      await withContainer(readConfig, async (container) => {
        print(JSON.stringify(await container.services.deadLetters.get(id), null, 2));
      });
    });

  command
    .command('retry')
    .description('send the work round again: its stage starts afresh and the item carries on')
    .argument('<id>', 'dead letter id')
    .action(async (id: string) => {
      await withContainer(readConfig, async (container) => {
        const retry = await container.services.deadLetters.retry(id, 'cli');
        print(`re-queued ${retry.stage} of ${retry.subjectId}${whenItRuns(container)}`);
      });
    });

  command
    .command('retry-all')
    .description('retry every dead letter (of one batch, with --batch)')
    .option('-b, --batch <id>', 'only this batch')
    .action(async (options: { batch?: string }) => {
      await withContainer(readConfig, async (container) => {
        const result = await container.services.deadLetters.retryAll(options.batch === undefined ? {} : { batchId: options.batch }, 'cli');
        print(`re-queued ${result.retried.length} dead letter${result.retried.length === 1 ? '' : 's'}${whenItRuns(container)}`);
        for (const refused of result.refused) print(`  not retried ${refused.id}: ${refused.reason}`);
        if (result.refused.length > 0) process.exitCode = 1;
      });
    });

  command
    .command('discard')
    .description('forget a dead letter; its item stays failed')
    .argument('<id>', 'dead letter id')
    .action(async (id: string) => {
      await withContainer(readConfig, async (container) => {
        await container.services.deadLetters.discard(id, 'cli');
        print(`discarded ${id}`);
      });
    });
}

/** A container that starts no workers: the command only reads and writes the database and the queue. */
async function withContainer(readConfig: () => Config, run: (container: Container) => Promise<void>): Promise<void> {
  const config = readConfig();
  // Only warnings and errors by default: the command's own output is what the operator reads.
  const container = await createContainer(config, { logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
  try {
    await run(container);
  } finally {
    await container.close();
  }
}

function whenItRuns(container: Container): string {
  return container.config.queue.mode === 'bullmq' ? '' : ' (it runs when `easyflip start` runs)';
}

function formatLine(letter: DeadLetterDto): string {
  return `${letter.id}  ${letter.createdAt}  ${letter.stage.padEnd(8)} ${letter.subjectId}  ${letter.errorCode}: ${letter.reason}`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
