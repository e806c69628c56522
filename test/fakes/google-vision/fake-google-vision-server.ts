import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake reads on one image: its text (lines separated by \n), or a per-image error status. */
export type FakeImageAnswer = { text: string } | { error: { code: number; message: string } };

export interface ReceivedAnnotateRequest {
  query: Record<string, string>;
  authorization: string | undefined;
  /** Each image of the batch request: its features and the sha256 of its bytes. */
  images: Array<{ features: string[]; sha256: string; bytes: Buffer }>;
}

export interface ScriptedHttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
  delayMs?: number;
}

const LINE_HEIGHT = 40;
const CHARACTER_WIDTH = 14;

/**
 * A local stand-in for Cloud Vision's `POST /v1/images:annotate`: an API key (`?key=`) or a bearer
 * token, the batch request shape (`requests[].image.content`, `features[].type`), and answers shaped as
 * Google's: `textAnnotations` (the whole text, then each word with its bounding poly) and
 * `fullTextAnnotation` (pages, blocks, paragraphs, words, symbols with detected breaks; confidences
 * only for DOCUMENT_TEXT_DETECTION), a per-image `error` status, and scripted HTTP failures.
 */
export class FakeGoogleVisionServer {
  readonly apiKey = 'test-google-vision-key';
  readonly accessToken = 'ya29.test-google-vision-token';
  readonly requests: ReceivedAnnotateRequest[] = [];
  readonly #answers = new Map<string, FakeImageAnswer>();
  readonly #scripted: Array<ScriptedHttpAnswer & { remaining: number }> = [];
  #server: Server | null = null;
  #baseUrl: string | null = null;

  get baseUrl(): string {
    if (this.#baseUrl === null) throw new Error('The fake Google Vision server is not started');
    return this.#baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      this.#serve(request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, { error: { code: 500, message: String(error), status: 'INTERNAL' } });
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
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** What the fake reads on these exact bytes; images with no script read as having no text. */
  script(image: Buffer, answer: FakeImageAnswer): void {
    this.#answers.set(sha256(image), answer);
  }

  answerNext(answer: ScriptedHttpAnswer): void {
    this.#scripted.push({ ...answer, remaining: answer.times ?? 1 });
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    if (request.method !== 'POST' || url.pathname !== '/v1/images:annotate') {
      return send(response, 404, googleError(404, 'NOT_FOUND', `The requested URL ${url.pathname} was not found on this server.`));
    }
    const keyOk = url.searchParams.get('key') === this.apiKey;
    const tokenOk = request.headers.authorization === `Bearer ${this.accessToken}`;
    if (!keyOk && !tokenOk) {
      const message = url.searchParams.has('key') ? 'API key not valid. Please pass a valid API key.' : 'The request is missing a valid API key.';
      return send(response, url.searchParams.has('key') ? 400 : 403, googleError(url.searchParams.has('key') ? 400 : 403, url.searchParams.has('key') ? 'INVALID_ARGUMENT' : 'PERMISSION_DENIED', message));
    }
    let body: { requests?: Array<{ image?: { content?: string }; features?: Array<{ type?: string }> }> };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return send(response, 400, googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'));
    }
    if (!Array.isArray(body.requests) || body.requests.length === 0) {
      return send(response, 400, googleError(400, 'INVALID_ARGUMENT', 'No requests specified.'));
    }
    const images = body.requests.map((entry) => {
      const bytes = Buffer.from(entry.image?.content ?? '', 'base64');
      return { features: (entry.features ?? []).map((feature) => feature.type ?? ''), sha256: sha256(bytes), bytes };
    });
    this.requests.push({ query: Object.fromEntries(url.searchParams), authorization: request.headers.authorization, images });

    const scripted = this.#takeScripted();
    if (scripted !== null) {
      if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      if (!response.destroyed) send(response, scripted.status, scripted.body ?? {}, scripted.headers);
      return;
    }
    send(response, 200, {
      responses: images.map((image) => {
        if (image.bytes.length === 0) return { error: { code: 3, message: 'Bad image data.' } };
        const answer = this.#answers.get(image.sha256) ?? { text: '' };
        if ('error' in answer) return { error: answer.error };
        const document = image.features.includes('DOCUMENT_TEXT_DETECTION');
        return annotate(answer.text, document);
      }),
    });
  }

  #takeScripted(): ScriptedHttpAnswer | null {
    const next = this.#scripted[0];
    if (next === undefined) return null;
    next.remaining -= 1;
    if (next.remaining <= 0) this.#scripted.shift();
    return next;
  }
}

/** Google's answer for a text laid out one line under another, words left to right. */
function annotate(text: string, withConfidence: boolean): unknown {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return {};
  const confidence = withConfidence ? { confidence: 0.97 } : {};
  const wordAnnotations: unknown[] = [];
  const paragraphs = lines.map((line, lineIndex) => {
    const top = 20 + lineIndex * LINE_HEIGHT;
    let left = 20;
    const words = line.split(/\s+/).map((word, wordIndex, all) => {
      const box = poly(left, top, word.length * CHARACTER_WIDTH, LINE_HEIGHT - 10);
      left += (word.length + 1) * CHARACTER_WIDTH;
      wordAnnotations.push({ description: word, boundingPoly: box });
      const lastWord = wordIndex === all.length - 1;
      return {
        boundingBox: box,
        ...confidence,
        symbols: [...word].map((character, characterIndex) => {
          const lastCharacter = characterIndex === word.length - 1;
          const breakType = !lastCharacter ? null : lastWord ? (lineIndex === lines.length - 1 ? 'LINE_BREAK' : 'EOL_SURE_SPACE') : 'SPACE';
          return { text: character, ...confidence, ...(breakType === null ? {} : { property: { detectedBreak: { type: breakType } } }) };
        }),
      };
    });
    return { boundingBox: poly(20, top, left - 20, LINE_HEIGHT - 10), words, ...confidence };
  });
  const fullText = `${lines.join('\n')}\n`;
  return {
    textAnnotations: [{ locale: 'en', description: fullText, boundingPoly: poly(20, 20, 600, lines.length * LINE_HEIGHT) }, ...wordAnnotations],
    fullTextAnnotation: {
      pages: [{ property: { detectedLanguages: [{ languageCode: 'en', confidence: 1 }] }, width: 1024, height: 768, blocks: [{ blockType: 'TEXT', paragraphs, ...confidence }], ...confidence }],
      text: fullText,
    },
  };
}

/** A bounding poly as Google sends it: a vertex's x or y is left out when it is 0. */
function poly(left: number, top: number, width: number, height: number): unknown {
  const vertex = (x: number, y: number) => ({ ...(x === 0 ? {} : { x }), ...(y === 0 ? {} : { y }) });
  return { vertices: [vertex(left, top), vertex(left + width, top), vertex(left + width, top + height), vertex(left, top + height)] };
}

function googleError(code: number, status: string, message: string): unknown {
  return { error: { code, message, status } };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
