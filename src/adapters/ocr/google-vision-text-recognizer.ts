import { GoogleAuth } from 'google-auth-library';
import { z } from 'zod';
import { EasyFlipError, PermanentError, RateLimitedError, TransientError } from '../../contracts/errors.ts';
import type { RecognizedLine, RecognizedText, RecognizeOptions, TextRecognizer } from '../../ports/text-recognizer.ts';
import { readRetryAfterMs } from '../resilience/retry-after.ts';

/** Gives a bearer token for Cloud Vision (a service account's, through google-auth-library). */
export interface AccessTokenSource {
  getAccessToken(): Promise<string | null | undefined>;
}

export interface GoogleVisionTextRecognizerOptions {
  /** An API key, sent as `?key=`. Either this or `accessTokens`. */
  apiKey?: string | null;
  /** Service-account tokens; `serviceAccountTokens(keyFile)` makes them from a key file. */
  accessTokens?: AccessTokenSource | null;
  /** Google's endpoint unless a proxy (or a local fake) stands in. */
  baseUrl?: string;
  /** Languages the labels are printed in, as hints. */
  languageHints?: string[];
}

const CLOUD_VISION_SCOPE = 'https://www.googleapis.com/auth/cloud-vision';
const DEFAULT_BASE_URL = 'https://vision.googleapis.com';
/**
 * TEXT_DETECTION leaves word confidences out; Google's reads of printed labels are rarely wrong, so a
 * line without one counts as this sure: above the floor under which lines are taken for the weave.
 */
const CONFIDENCE_WHEN_UNSTATED = 0.9;
/** When a 429 names no wait. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;

/** Service-account access tokens from a key file (GOOGLE_APPLICATION_CREDENTIALS), refreshed as they expire. */
export function serviceAccountTokens(keyFile: string | null): AccessTokenSource {
  return new GoogleAuth({ ...(keyFile === null ? {} : { keyFile }), scopes: [CLOUD_VISION_SCOPE] });
}

const Vertex = z.object({ x: z.number().optional(), y: z.number().optional() });
const BoundingPoly = z.object({ vertices: z.array(Vertex).optional() });
const GoogleSymbol = z.object({
  text: z.string().optional(),
  confidence: z.number().optional(),
  property: z.object({ detectedBreak: z.object({ type: z.string().optional() }).optional() }).optional(),
});
const Word = z.object({ boundingBox: BoundingPoly.optional(), symbols: z.array(GoogleSymbol).optional(), confidence: z.number().optional() });
const FullTextAnnotation = z.object({
  text: z.string().optional(),
  pages: z
    .array(z.object({ blocks: z.array(z.object({ paragraphs: z.array(z.object({ words: z.array(Word).optional() })).optional() })).optional() }))
    .optional(),
});
const Status = z.object({ code: z.number().optional(), message: z.string().optional(), status: z.string().optional() });
const AnnotateResponse = z.object({
  responses: z
    .array(
      z.object({
        textAnnotations: z.array(z.object({ description: z.string().optional() })).optional(),
        fullTextAnnotation: FullTextAnnotation.optional(),
        error: Status.optional(),
      }),
    )
    .optional(),
});
const ErrorResponse = z.object({ error: Status });

type Word = z.infer<typeof Word>;

/**
 * OCR by Google Cloud Vision's `images:annotate`: TEXT_DETECTION for whole photos (scattered words),
 * DOCUMENT_TEXT_DETECTION for close-ups read as one block. Lines are rebuilt from the words and the
 * breaks Google detects, each with its place in the picture.
 */
export class GoogleVisionTextRecognizer implements TextRecognizer {
  readonly #options: GoogleVisionTextRecognizerOptions;
  readonly #baseUrl: string;

  constructor(options: GoogleVisionTextRecognizerOptions) {
    if (!options.apiKey && !options.accessTokens) {
      throw new RangeError('Google Cloud Vision needs an API key or service-account credentials');
    }
    this.#options = options;
    this.#baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<RecognizedText> {
    if (image.length === 0) throw new PermanentError('EMPTY_FILE', 'The image to read text from is empty.');
    const feature = options.layout === 'block' ? 'DOCUMENT_TEXT_DETECTION' : 'TEXT_DETECTION';
    const body = {
      requests: [
        {
          image: { content: image.toString('base64') },
          features: [{ type: feature }],
          ...(this.#options.languageHints?.length ? { imageContext: { languageHints: this.#options.languageHints } } : {}),
        },
      ],
    };
    const response = await this.#post(body, options.signal);
    const answer = response.responses?.[0];
    if (answer?.error !== undefined && (answer.error.code ?? 0) !== 0) throw explainImageError(answer.error);
    const words = (answer?.fullTextAnnotation?.pages ?? []).flatMap((page) =>
      (page.blocks ?? []).flatMap((block) => (block.paragraphs ?? []).flatMap((paragraph) => paragraph.words ?? [])),
    );
    const lines = buildLines(words);
    const text = (answer?.fullTextAnnotation?.text ?? answer?.textAnnotations?.[0]?.description ?? lines.map((line) => line.text).join('\n')).trim();
    const confidence = lines.length === 0 ? 0 : round(lines.reduce((sum, line) => sum + line.confidence, 0) / lines.length);
    return { text, confidence: text === '' ? 0 : confidence, lines, provider: 'google-vision' };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  async #post(body: unknown, signal: AbortSignal | undefined): Promise<z.infer<typeof AnnotateResponse>> {
    const url = new URL(`${this.#baseUrl}/v1/images:annotate`);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#options.apiKey) {
      url.searchParams.set('key', this.#options.apiKey);
    } else if (this.#options.accessTokens) {
      headers.authorization = `Bearer ${await this.#accessToken(this.#options.accessTokens)}`;
    }
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      if (signal?.aborted) throw new TransientError('TIMEOUT', 'Google Cloud Vision did not answer in time.', { cause: error });
      throw new TransientError('PROVIDER_UNAVAILABLE', `Google Cloud Vision could not be reached (${describe(error)}).`, { cause: error });
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw explainHttpError(response, json);
    const parsed = AnnotateResponse.safeParse(json);
    if (!parsed.success) throw new TransientError('PROVIDER_UNAVAILABLE', 'Google Cloud Vision answered in a form this version does not know.');
    return parsed.data;
  }

  async #accessToken(source: AccessTokenSource): Promise<string> {
    let token: string | null | undefined;
    try {
      token = await source.getAccessToken();
    } catch (error) {
      if (error instanceof EasyFlipError) throw error;
      throw new PermanentError(
        'PROVIDER_UNAVAILABLE',
        `No access token for Google Cloud Vision (${describe(error)}); check GOOGLE_APPLICATION_CREDENTIALS.`,
        { cause: error },
      );
    }
    if (!token) throw new PermanentError('PROVIDER_UNAVAILABLE', 'No access token for Google Cloud Vision; check GOOGLE_APPLICATION_CREDENTIALS.');
    return token;
  }
}

/** Words joined into lines at the breaks Google detected (a line wrap or the end of a paragraph). */
function buildLines(words: readonly Word[]): RecognizedLine[] {
  const lines: RecognizedLine[] = [];
  let text = '';
  let confidences: number[] = [];
  let boxes: Array<{ left: number; top: number; right: number; bottom: number }> = [];
  const finish = (): void => {
    const trimmed = text.trim();
    if (trimmed !== '') {
      const stated = confidences.filter((value) => value > 0);
      const confidence = stated.length === 0 ? CONFIDENCE_WHEN_UNSTATED : stated.reduce((sum, value) => sum + value, 0) / stated.length;
      const region = boxes.length === 0 ? undefined : {
        left: Math.min(...boxes.map((box) => box.left)),
        top: Math.min(...boxes.map((box) => box.top)),
        width: Math.max(1, Math.max(...boxes.map((box) => box.right)) - Math.min(...boxes.map((box) => box.left))),
        height: Math.max(1, Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top))),
      };
      lines.push({ text: trimmed, confidence: round(confidence), ...(region === undefined ? {} : { region }) });
    }
    text = '';
    confidences = [];
    boxes = [];
  };
  for (const word of words) {
    confidences.push(word.confidence ?? 0);
    const box = boundsOf(word.boundingBox?.vertices ?? []);
    if (box !== null) boxes.push(box);
    for (const symbol of word.symbols ?? []) {
      text += symbol.text ?? '';
      const kind = symbol.property?.detectedBreak?.type;
      if (kind === 'SPACE' || kind === 'SURE_SPACE') text += ' ';
      if (kind === 'HYPHEN') text += '-';
      if (kind === 'EOL_SURE_SPACE' || kind === 'LINE_BREAK' || kind === 'HYPHEN') finish();
    }
  }
  finish();
  return lines;
}

/** Google leaves out a vertex's x or y when it is 0. */
function boundsOf(vertices: ReadonlyArray<z.infer<typeof Vertex>>): { left: number; top: number; right: number; bottom: number } | null {
  if (vertices.length === 0) return null;
  const xs = vertices.map((vertex) => Math.max(0, Math.round(vertex.x ?? 0)));
  const ys = vertices.map((vertex) => Math.max(0, Math.round(vertex.y ?? 0)));
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/** A per-image error (google.rpc.Status) inside a 200 answer. */
function explainImageError(status: z.infer<typeof Status>): EasyFlipError {
  const message = `Google Cloud Vision could not read this photo: ${status.message ?? 'no reason given'}`;
  switch (status.code ?? 0) {
    case 3: // INVALID_ARGUMENT: the bytes are not an image it reads
      return new PermanentError('CORRUPT_IMAGE', message);
    case 8: // RESOURCE_EXHAUSTED: the quota
      return new RateLimitedError(`${message}. The quota is used up for now.`, DEFAULT_RATE_LIMIT_WAIT_MS);
    case 7:
    case 16:
      return new PermanentError('PROVIDER_UNAVAILABLE', `${message}. Check the API key or the service account's access.`);
    default:
      return new TransientError('PROVIDER_UNAVAILABLE', message);
  }
}

function explainHttpError(response: Response, json: unknown): EasyFlipError {
  const parsed = ErrorResponse.safeParse(json);
  const reason = parsed.success ? (parsed.data.error.message ?? parsed.data.error.status ?? '') : '';
  const message = `Google Cloud Vision answered ${response.status}${reason === '' ? '' : `: ${reason}`}`;
  if (response.status === 429) {
    const wait = readRetryAfterMs((name) => response.headers.get(name)) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new RateLimitedError(message, wait);
  }
  if (response.status === 401 || response.status === 403) {
    return new PermanentError('PROVIDER_UNAVAILABLE', `${message}. Check GOOGLE_VISION_API_KEY or GOOGLE_APPLICATION_CREDENTIALS, and that the Cloud Vision API is enabled.`);
  }
  if (response.status >= 500 || response.status === 408) return new TransientError('PROVIDER_UNAVAILABLE', message);
  return new PermanentError('PROVIDER_UNAVAILABLE', message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
