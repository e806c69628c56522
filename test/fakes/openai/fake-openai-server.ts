import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** An image part of a chat request, as the fake decoded it. */
export interface ReceivedImage {
  /** 1-based, in the order the images appear in the messages. */
  position: number;
  detail: 'low' | 'high' | 'auto';
  width: number;
  height: number;
  bytes: Buffer;
}

export interface ReceivedChatRequest {
  receivedAt: number;
  headers: Record<string, string | string[] | undefined>;
  body: ChatRequestBody;
  images: ReceivedImage[];
  /** Every text part and system message, joined. */
  text: string;
}

interface ContentPart {
  type: string;
  text?: string;
  image_url?: { url?: string; detail?: string };
}

export interface ChatRequestBody {
  model?: unknown;
  messages?: Array<{ role?: string; content?: string | ContentPart[] }>;
  response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: unknown } };
  max_tokens?: number;
  max_completion_tokens?: number;
}

/** What the fake model answers: an object (sent as JSON text), or the raw message text. */
export type FakeModelResponder = (request: ReceivedChatRequest) => unknown;

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many calls it answers; 1 when left out. */
  times?: number;
  /** Waits this long before answering (a slow server). */
  delayMs?: number;
}

/** Image billing as OpenAI documents it: low = base; high = base + tiles of 512 after fitting 2048 and shortest side 768. */
const IMAGE_BILLING: Record<string, { base: number; tile: number }> = {
  'gpt-4o-mini': { base: 2833, tile: 5667 },
  'gpt-4o': { base: 85, tile: 170 },
};

/**
 * A local stand-in for an OpenAI-compatible `/v1/chat/completions`: checks the bearer key and the
 * request's shape (messages, image parts with data URLs and a detail, `response_format` json_schema),
 * answers a chat.completion whose message is what the test's responder says, with `usage` counted the
 * way OpenAI bills (text at about four characters a token, images by the documented tile rule), and
 * answers with scripted errors (500, 429 with Retry-After) or slowly when a test asks.
 */
export class FakeOpenAiServer {
  readonly apiKey = 'sk-test-fake-openai';
  readonly requests: ReceivedChatRequest[] = [];
  readonly #scripted: Array<ScriptedAnswer & { remaining: number }> = [];
  readonly #delays: number[] = [];
  #responder: FakeModelResponder = () => ({ claims: [], photos: [] });
  #server: Server | null = null;
  #baseUrl: string | null = null;

  /** The server's `/v1` URL, as OPENAI_BASE_URL. */
  get baseUrl(): string {
    if (this.#baseUrl === null) throw new Error('The fake OpenAI server is not started');
    return this.#baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      this.#serve(request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, { error: { message: String(error), type: 'server_error', param: null, code: null } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.#server = server;
    this.#baseUrl = `http://127.0.0.1:${port}/v1`;
    return this.#baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  respondWith(responder: FakeModelResponder): void {
    this.#responder = responder;
  }

  /** The next `times` calls get this answer instead of the model's. */
  answerNext(answer: ScriptedAnswer): void {
    this.#scripted.push({ ...answer, remaining: answer.times ?? 1 });
  }

  /** The next `times` calls fail as OpenAI fails: 500 server_error. */
  failNext(times = 1): void {
    this.answerNext({
      status: 500,
      times,
      body: { error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } },
    });
  }

  /** The next call is refused with 429 and a Retry-After of `seconds`. */
  rateLimitNext(seconds: number): void {
    this.answerNext({
      status: 429,
      headers: { 'retry-after': String(seconds) },
      body: {
        error: {
          message: 'Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
    });
  }

  /** The next `times` answers of the model come only after `delayMs` (a slow server). */
  slowNext(delayMs: number, times = 1): void {
    for (let index = 0; index < times; index += 1) this.#delays.push(delayMs);
  }

  reset(): void {
    this.requests.length = 0;
    this.#scripted.length = 0;
    this.#delays.length = 0;
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    if (request.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
      return send(response, 404, invalidRequest(`Unknown request URL: ${request.method ?? 'GET'} ${url.pathname}.`, 'unknown_url'));
    }
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
      return send(response, 401, invalidRequest('Incorrect API key provided.', 'invalid_api_key'));
    }
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw) as ChatRequestBody;
    } catch {
      return send(response, 400, invalidRequest('We could not parse the JSON body of your request.', null));
    }
    const problem = findShapeProblem(body);
    if (problem !== null) return send(response, 400, invalidRequest(problem, null));

    const received: ReceivedChatRequest = {
      receivedAt: Date.now(),
      headers: { ...request.headers },
      body,
      images: await decodeImages(body),
      text: collectText(body),
    };
    this.requests.push(received);

    const scripted = this.#takeScripted();
    if (scripted !== null) {
      if (scripted.delayMs) await delay(scripted.delayMs);
      if (!response.destroyed) send(response, scripted.status, scripted.body ?? {}, scripted.headers);
      return;
    }
    const slow = this.#delays.shift();
    if (slow !== undefined) await delay(slow);
    if (response.destroyed) return;
    const answer = this.#responder(received);
    const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
    const model = String(body.model);
    const promptTokens = Math.ceil(received.text.length / 4) + received.images.reduce((sum, image) => sum + billImage(model, image), 0);
    const completionTokens = Math.ceil(content.length / 4);
    send(response, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      system_fingerprint: 'fp_fake',
    });
  }

  #takeScripted(): ScriptedAnswer | null {
    const next = this.#scripted[0];
    if (next === undefined) return null;
    next.remaining -= 1;
    if (next.remaining <= 0) this.#scripted.shift();
    return next;
  }
}

/** What OpenAI checks before it runs a chat completion with structured output. */
function findShapeProblem(body: ChatRequestBody): string | null {
  if (typeof body.model !== 'string' || body.model === '') return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  const format = body.response_format;
  if (format !== undefined) {
    if (format.type !== 'json_schema') return "response_format.type must be 'json_schema' here";
    if (!format.json_schema?.name || typeof format.json_schema.schema !== 'object') return 'response_format.json_schema needs a name and a schema';
  }
  for (const message of body.messages) {
    if (!['system', 'user', 'assistant', 'developer'].includes(message.role ?? '')) return `Invalid role: ${String(message.role)}`;
    if (typeof message.content === 'string') continue;
    for (const part of message.content ?? []) {
      if (part.type === 'text' && typeof part.text === 'string') continue;
      if (part.type !== 'image_url') return `Invalid content part type: ${part.type}`;
      if (!/^data:image\/(jpeg|png|webp);base64,/.test(part.image_url?.url ?? '')) return 'image_url.url must be a data URL of a JPEG, PNG or WebP image';
      if (!['low', 'high', 'auto', undefined].includes(part.image_url?.detail)) return `Invalid image detail: ${String(part.image_url?.detail)}`;
    }
  }
  return null;
}

async function decodeImages(body: ChatRequestBody): Promise<ReceivedImage[]> {
  const images: ReceivedImage[] = [];
  for (const message of body.messages ?? []) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content ?? []) {
      if (part.type !== 'image_url') continue;
      const bytes = Buffer.from((part.image_url?.url ?? '').replace(/^data:[^,]*,/, ''), 'base64');
      const { width = 0, height = 0 } = await sharp(bytes).metadata();
      const detail = (part.image_url?.detail ?? 'auto') as ReceivedImage['detail'];
      images.push({ position: images.length + 1, detail, width, height, bytes });
    }
  }
  return images;
}

function collectText(body: ChatRequestBody): string {
  return (body.messages ?? [])
    .flatMap((message) => (typeof message.content === 'string' ? [message.content] : (message.content ?? []).flatMap((part) => (part.text === undefined ? [] : [part.text]))))
    .join('\n');
}

function billImage(model: string, image: ReceivedImage): number {
  const billing = Object.entries(IMAGE_BILLING).sort(([a], [b]) => b.length - a.length).find(([name]) => model === name || model.startsWith(`${name}-`))?.[1];
  if (billing === undefined) return 0;
  if (image.detail === 'low') return billing.base;
  let { width, height } = image;
  if (width > 2048 || height > 2048) {
    const ratio = 2048 / Math.max(width, height);
    width = Math.floor(width * ratio);
    height = Math.floor(height * ratio);
  }
  if (Math.min(width, height) > 768) {
    const ratio = 768 / Math.min(width, height);
    width = Math.floor(width * ratio);
    height = Math.floor(height * ratio);
  }
  return billing.base + billing.tile * Math.ceil(width / 512) * Math.ceil(height / 512);
}

function invalidRequest(message: string, code: string | null): unknown {
  return { error: { message, type: 'invalid_request_error', param: null, code } };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
