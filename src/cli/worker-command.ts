import { createServer, type Server } from 'node:http';
import type { Command } from 'commander';
import { ConfigError, type Config } from '../config.ts';
import { createContainer } from '../container.ts';
import { queueCatalog } from '../pipeline/catalog.ts';
import { allocatorAdvice, readAllocatorFacts } from '../observability/allocator-advice.ts';

/** The settings of a worker process: the scaled mode, on the queues asked for. */
export function configureWorker(config: Config, queues: string | undefined): Config {
  if (!config.redisUrl) throw new ConfigError(['REDIS_URL: a worker takes its jobs from Redis; set it']);
  if (config.database.kind !== 'postgres') {
    throw new ConfigError(['DATABASE_URL: workers in separate processes share one PostgreSQL database; set it']);
  }
  const workerQueues = queues
    ? queues
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
    : config.queue.workerQueues;
  const known = Object.keys(queueCatalog);
  const unknown = (workerQueues ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new ConfigError([`--queues: no queue ${unknown.join(', ')}; the queues are ${known.join(', ')}`]);
  return { ...config, queue: { ...config.queue, mode: 'bullmq', workerQueues: workerQueues && workerQueues.length > 0 ? workerQueues : null } };
}

/** `easyflip worker`: runs pipeline workers without the HTTP API; start as many as the work needs. */
export function registerWorkerCommand(program: Command, readConfig: () => Config): void {
  program
    .command('worker')
    .description('run pipeline workers on the Redis queues (scaled mode), without the HTTP API')
    .option('-q, --queues <names>', 'comma-separated queues to work on (default: WORKER_QUEUES, or all)')
    .option('--metrics-port <port>', 'serve Prometheus metrics of this worker on this port', parsePort)
    .action(async (options: { queues?: string; metricsPort?: number }) => {
      const config = configureWorker(readConfig(), options.queues);
      const advice = allocatorAdvice(readAllocatorFacts());
      const container = await createContainer(config);
      await container.runtime.start();
      const metricsServer = options.metricsPort === undefined ? null : await serveMetrics(container.metrics, config.http.host, options.metricsPort);
      container.logger.info(
        { queues: config.queue.workerQueues ?? 'all', prefix: config.queue.prefix, pid: process.pid },
        'worker is taking jobs',
      );
      if (advice) container.logger.info(advice);
      let stopping = false;
      const shutdown = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        container.logger.info({ signal }, 'worker draining: finishing running jobs');
        await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
        await container.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      process.once('SIGINT', () => void shutdown('SIGINT'));
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`not a port: ${value}`);
  return port;
}

async function serveMetrics(
  metrics: { contentType: string; render(): Promise<string> } | null,
  host: string,
  port: number,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics' || !metrics) {
      response.writeHead(404).end();
      return;
    }
    metrics.render().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
