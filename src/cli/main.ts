import path from 'node:path';
import { Command } from 'commander';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { createContainer, openConfiguredDatabase } from '../container.ts';
import { buildHttpApp } from '../http/app.ts';
import { allocatorAdvice, readAllocatorFacts } from '../observability/allocator-advice.ts';
import { createLogger } from '../observability/logger.ts';
import { formatSummary, processFolder } from './process-folder.ts';
import { registerDeadLettersCommand } from './dead-letters-command.ts';
import { registerWorkerCommand } from './worker-command.ts';

const program = new Command()
  .name('easyflip')
  .description('Turns a batch of item photos into eBay listings.')
  .showHelpAfterError();

program
  .command('process')
  .description('run a folder of photos through the pipeline and write the Seller Hub CSV and a JSON of every item')
  .argument('<folder>', 'folder of photos, in camera-roll order')
  .option('-o, --out <dir>', 'where to write listings.csv and items.json', 'out')
  .option('-n, --name <name>', 'batch name (default: the folder name)')
  .option('--include-needs-attention', 'export listings with pre-flight errors too, as drafts to finish in Seller Hub')
  .action(async (folder: string, options: { out: string; name?: string; includeNeedsAttention?: boolean }) => {
    const config = readConfig();
    const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
    const container = await createContainer(config, { logger });
    try {
      const result = await processFolder(container, {
        folder: path.resolve(folder),
        outDir: path.resolve(options.out),
        ...(options.name === undefined ? {} : { batchName: options.name }),
        includeNeedsAttention: options.includeNeedsAttention === true,
        progress: process.stderr,
      });
      process.stdout.write(`${formatSummary(result)}\n`);
      if (!result.completed) process.exitCode = 1;
    } finally {
      await container.close();
    }
  });

program
  .command('start')
  .description('serve the HTTP API and run the pipeline in this process')
  .action(async () => {
    const config = readConfig();
    const advice = allocatorAdvice(readAllocatorFacts());
    const container = await createContainer(config);
    const app = await buildHttpApp(container.services, {
      logger: container.logger,
      maxUploadBytes: config.limits.maxUploadBytes,
      maxFilesPerRequest: config.limits.maxPhotosPerBatch,
      operations: container.operations,
      tracing: container.tracing,
      adminQueues: container.adminQueueBoard,
    });
    await container.runtime.start();
    await app.listen({ host: config.http.host, port: config.http.port });
    container.logger.info(
      { database: container.databaseKind, dataDir: config.dataDir },
      `EasyFlip is serving on http://${config.http.host}:${config.http.port}`,
    );
    if (advice) container.logger.info(advice);
    const shutdown = async (signal: string): Promise<void> => {
      container.logger.info({ signal }, 'shutting down: finishing running jobs');
      await app.close();
      await container.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const config = readConfig();
    const database = await openConfiguredDatabase(config);
    await database.close();
    process.stdout.write(`the ${database.kind} schema is up to date\n`);
  });

registerWorkerCommand(program, readConfig);
registerDeadLettersCommand(program, readConfig);

function readConfig(): Config {
  loadDotEnv();
  return loadConfig();
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
