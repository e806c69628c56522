import { EventEmitter } from 'node:events';
import { RedisConnection, type RedisClient } from 'bullmq';
import { PipelineEvent } from '../../contracts/stages.ts';
import type { Logger } from '../../ports/logger.ts';
import type { PipelineEvents } from '../../ports/pipeline-events.ts';

export interface RedisPipelineEventsOptions {
  redisUrl: string;
  /** Same prefix as the queues: one installation, one stream. */
  prefix: string;
  /** Events kept in the stream (approximately); older ones are trimmed. */
  maxLength?: number;
}

/**
 * Stage progress shared by every process of a scaled installation, over one Redis stream: each
 * process appends its events, and a process with listeners reads every event from the moment it
 * started listening, its own included. Like pub/sub, nothing is replayed to a new listener; unlike
 * it, a reader that lost its connection for a moment carries on from the last event it saw.
 */
export class RedisStreamPipelineEvents implements PipelineEvents {
  private readonly emitter = new EventEmitter();
  private readonly writer: RedisConnection;
  private reader: RedisConnection | null = null;
  private reading: Promise<void> | null = null;
  private readonly pending = new Set<Promise<void>>();
  private closed = false;
  private readonly key: string;

  constructor(
    private readonly options: RedisPipelineEventsOptions,
    private readonly logger: Logger,
  ) {
    this.emitter.setMaxListeners(0);
    this.key = `${options.prefix}:pipeline-events`;
    this.writer = new RedisConnection({ url: options.redisUrl, enableOfflineQueue: false }, { shared: false });
    this.writer.on('error', (error: unknown) => this.logger.warn({ err: error }, 'events connection error'));
  }

  publish(event: PipelineEvent): void {
    if (this.closed) return;
    const appended = this.append(event).finally(() => this.pending.delete(appended));
    this.pending.add(appended);
  }

  subscribe(listener: (event: PipelineEvent) => void): () => void {
    this.emitter.on('event', listener);
    this.startReading();
    return () => this.emitter.off('event', listener);
  }

  /** Waits for events still being written, then closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    // A connection that never came up has nothing to close; its error was logged when it failed.
    await this.writer.close().catch(() => undefined);
    if (this.reader) {
      // The reader blocks on Redis until an event comes: cut it off rather than wait.
      await this.reader.close(true).catch(() => undefined);
      await this.reading;
    }
  }

  private async append(event: PipelineEvent): Promise<void> {
    try {
      const client = await this.writer.client;
      await client.xadd(this.key, '*', { event: JSON.stringify(event) }, { MAXLEN: this.options.maxLength ?? 10_000, approximate: true });
    } catch (error) {
      // Progress is a view, not the truth: a lost event costs a stale progress bar, never work.
      this.logger.warn({ err: error, stage: event.stage, subjectId: event.subjectId }, 'stage event not published');
    }
  }

  private startReading(): void {
    if (this.reading || this.closed) return;
    this.reader = new RedisConnection({ url: this.options.redisUrl, maxRetriesPerRequest: null }, { shared: false, blocking: true });
    this.reader.on('error', (error: unknown) => this.logger.warn({ err: error }, 'events reader connection error'));
    this.reading = this.read(this.reader);
  }

  private async read(connection: RedisConnection): Promise<void> {
    let lastId = '$';
    let client: RedisClient;
    try {
      client = await connection.client;
    } catch (error) {
      if (!this.closed) this.logger.error({ err: error }, 'events reader could not connect');
      return;
    }
    while (!this.closed) {
      try {
        const reply: unknown = await client.xread([{ key: this.key, id: lastId }], { BLOCK: 0, COUNT: 500 });
        for (const [id, event] of entriesOf(reply)) {
          lastId = id;
          if (event) this.emitter.emit('event', event);
        }
      } catch (error) {
        if (this.closed) return;
        this.logger.warn({ err: error }, 'reading stage events failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
}

/** Entries of an XREAD reply (`[[key, [[id, [field, value, …]], …]]]`) with their events parsed. */
function entriesOf(reply: unknown): Array<[string, PipelineEvent | null]> {
  if (!Array.isArray(reply)) return [];
  const entries: Array<[string, PipelineEvent | null]> = [];
  for (const stream of reply as unknown[]) {
    if (!Array.isArray(stream) || !Array.isArray(stream[1])) continue;
    for (const entry of stream[1] as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
      const fields = entry[1] as unknown[];
      const index = fields.indexOf('event');
      const raw = index >= 0 ? fields[index + 1] : undefined;
      entries.push([entry[0], typeof raw === 'string' ? parseEvent(raw) : null]);
    }
  }
  return entries;
}

function parseEvent(raw: string): PipelineEvent | null {
  try {
    const parsed = PipelineEvent.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
