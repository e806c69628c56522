import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSeededRandom } from '../support/seeded-random.ts';

export interface FlakyProviderCounts {
  ok: number;
  /** Answered HTTP 500. */
  serverErrors: number;
  /** Held the call past any sensible client timeout. */
  timeouts: number;
  /** Answered HTTP 429 with Retry-After. */
  rateLimited: number;
}

export interface FlakyProviderOptions {
  /** Share of calls that fail, split evenly between 500, timeout and 429. */
  failureShare: number;
  /** Seeds the draws, so a run's sequence of answers is the same every time. */
  seed: number;
  /** How long a "timeout" holds the call before answering (the client should give up sooner). */
  hangMs: number;
  retryAfterSeconds: number;
}


/**
 * An outside service that fails the way real ones do, on 127.0.0.1: a share of its calls answer
 * 500, hang, or answer 429 with Retry-After; the rest answer 200 at once. Any path is a call.
 */
export class FlakyProvider {
  private readonly counts: FlakyProviderCounts = { ok: 0, serverErrors: 0, timeouts: 0, rateLimited: 0 };

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: FlakyProviderOptions): Promise<FlakyProvider> {
    const draw = createSeededRandom(options.seed);
    let provider: FlakyProvider | null = null;
    const server = createServer((request, response) => {
      request.resume();
      const counts = provider?.counts;
      if (!counts) return void response.writeHead(503).end();
      const value = draw();
      if (value >= options.failureShare) {
        counts.ok += 1;
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }
      const kind = Math.floor((value / options.failureShare) * 3);
      if (kind === 0) {
        counts.serverErrors += 1;
        return void response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}');
      }
      if (kind === 1) {
        counts.timeouts += 1;
        const timer = setTimeout(() => response.writeHead(200).end('{"ok":"late"}'), options.hangMs);
        response.once('close', () => clearTimeout(timer));
        return;
      }
      counts.rateLimited += 1;
      response.writeHead(429, { 'retry-after': String(options.retryAfterSeconds), 'content-type': 'application/json' }).end('{"error":"slow down"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    provider = new FlakyProvider(server, `http://127.0.0.1:${port}`);
    return provider;
  }

  /** How the calls so far were answered. */
  tally(): FlakyProviderCounts {
    return { ...this.counts };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
