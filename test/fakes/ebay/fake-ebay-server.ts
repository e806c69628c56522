import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ebayErrorBody, type FakeAuth, type FakeEbayModule, type FakeRequest, type FakeResponse, type FakeRoute } from './fake-ebay-module.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  operation: string | null;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A scripted answer that replaces the real one for the next matching calls. */
export interface ScriptedFailure {
  /** An operationId ("getCategorySuggestions") or a path pattern. */
  match: string | RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many calls it answers; 1 when left out. */
  times?: number;
  /** Waits this long before answering (a slow eBay). */
  delayMs?: number;
}

export interface IssuedToken {
  token: string;
  kind: Exclude<FakeAuth, 'none'>;
  scopes: string[];
  expiresAt: number;
}

interface CompiledRoute {
  route: FakeRoute;
  pattern: RegExp;
  names: string[];
}

/** eBay's answer to a missing, unknown or expired bearer token. */
const INVALID_TOKEN = ebayErrorBody([
  {
    errorId: 1001,
    domain: 'OAuth',
    category: 'REQUEST',
    message: 'Invalid access token',
    longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
  },
]);

/**
 * A local stand-in for eBay's REST APIs: a real HTTP server on 127.0.0.1 with a free port, serving
 * the modules it was given, checking bearer tokens it issued, recording every request, and
 * answering with scripted failures (errors, 429 with Retry-After) when a test asks it to.
 */
export class FakeEbayServer {
  readonly requests: RecordedRequest[] = [];
  readonly #routes: CompiledRoute[] = [];
  readonly #failures: Array<ScriptedFailure & { remaining: number }> = [];
  readonly #tokens = new Map<string, IssuedToken>();
  #server: Server | null = null;
  #baseUrl: string | null = null;
  #tokenCounter = 0;
  /** The fake's clock for token expiry. */
  now: () => number = Date.now;

  use(module: FakeEbayModule): this {
    for (const route of module.routes) {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_]+)/g, (_match, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.#routes.push({ route, pattern: new RegExp(`^${source}$`), names });
    }
    return this;
  }

  get baseUrl(): string {
    if (!this.#baseUrl) throw new Error('The fake eBay server is not started');
    return this.#baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      this.#serve(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.#server = server;
    this.#baseUrl = `http://127.0.0.1:${port}`;
    return this.#baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** The next `times` calls matching answer with this instead of the real thing. */
  failNext(failure: ScriptedFailure): void {
    this.#failures.push({ ...failure, remaining: failure.times ?? 1 });
  }

  /** Forgets scripted failures and the request log. */
  reset(): void {
    this.requests.length = 0;
    this.#failures.length = 0;
  }

  issueToken(kind: IssuedToken['kind'], scopes: string[], lifetimeSeconds: number): IssuedToken {
    this.#tokenCounter += 1;
    const prefix = kind === 'application' ? 'v^1.1#i^1#app' : 'v^1.1#i^1#usr';
    const token: IssuedToken = {
      token: `${prefix}#${this.#tokenCounter}#${Math.random().toString(36).slice(2)}`,
      kind,
      scopes,
      expiresAt: this.now() + lifetimeSeconds * 1000,
    };
    this.#tokens.set(token.token, token);
    return token;
  }

  /** Every token issued so far stops working, as after an expiry or a revocation. */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  /** Requests that reached an operation, scripted failures included. */
  countCalls(operation: string): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(request);
    const body = rawBody.toString('utf8');
    const found = this.#findRoute(request.method ?? 'GET', url.pathname);
    this.requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      operation: found?.route.operation ?? null,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers },
      body,
    });
    if (!found) return send(response, { status: 404, body: ebayErrorBody([{ errorId: 2002, domain: 'ACCESS', category: 'REQUEST', message: 'Resource not found' }]) });

    const failure = this.#takeFailure(found.route, url.pathname);
    if (failure) {
      if (failure.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      if (!response.destroyed) send(response, failure);
      return;
    }

    if (found.route.auth !== 'none' && !this.#isAuthorised(request.headers.authorization)) {
      return send(response, { status: 401, body: INVALID_TOKEN });
    }
    const fakeRequest: FakeRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      params: found.params,
      query: url.searchParams,
      headers: request.headers,
      body,
      rawBody,
    };
    send(response, await found.route.handle(fakeRequest));
  }

  #findRoute(method: string, path: string): { route: FakeRoute; params: Record<string, string> } | null {
    for (const { route, pattern, names } of this.#routes) {
      if (route.method !== method) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
      return { route, params };
    }
    return null;
  }

  #takeFailure(route: FakeRoute, path: string): (FakeResponse & { delayMs?: number }) | null {
    const index = this.#failures.findIndex((failure) =>
      typeof failure.match === 'string' ? failure.match === route.operation : failure.match.test(path),
    );
    const failure = this.#failures[index];
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.#failures.splice(index, 1);
    return { status: failure.status, body: failure.body, headers: failure.headers, delayMs: failure.delayMs };
  }

  #isAuthorised(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const issued = token ? this.#tokens.get(token) : undefined;
    return issued !== undefined && issued.expiresAt > this.now();
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, answer: FakeResponse): void {
  if (answer.dropConnection) {
    response.socket?.destroy();
    return;
  }
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
  if (answer.body === undefined || answer.status === 204) {
    response.end();
    return;
  }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(answer.body));
}
