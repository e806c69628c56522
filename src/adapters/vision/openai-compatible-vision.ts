import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion, ChatCompletionContentPart, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { EasyFlipError, PermanentError, RateLimitedError, TransientError } from '../../contracts/errors.ts';
import { countImageTokens } from '../../domain/analysis/image-tokens.ts';
import { findModelPrice, priceCall, type ModelPrice, type PriceTable } from '../../domain/analysis/model-prices.ts';
import type { VisionFindings } from '../../domain/analysis/vision-findings.ts';
import type { VisionAnalyzer, VisionCallOptions, VisionItemAnalysis, VisionItemRequest, VisionUsage } from '../../ports/vision-analyzer.ts';
import { readRetryAfterMs } from '../resilience/retry-after.ts';
import { loadPromptFile, type PromptFile } from './prompt-file.ts';
import { ItemAnswer, parseItemAnswer, parseSkuPhotoAnswer, SkuPhotoAnswer, toResponseFormat } from './vision-answer-schema.ts';
import { prepareVisionImage, type PreparedImage } from './vision-image-preparer.ts';

export interface OpenAiCompatibleVisionOptions {
  /** OpenAI's key, or whatever a self-hosted server expects (many accept any). */
  apiKey: string;
  /** A compatible server's `/v1` URL; null for OpenAI itself. */
  baseUrl: string | null;
  model: string;
  /** The SDK's own limit; the call guard's timeout is the one that counts. */
  timeoutMs: number;
  /** Longest answer allowed, in tokens. */
  maxOutputTokens: number;
  prices: PriceTable;
  /** The prompts; the versioned files under prompts/ by default. */
  prompts?: { item: PromptFile; skuPhoto: PromptFile };
}

/** When a 429 names no wait, wait this long before the next try. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;

/**
 * A vision model behind any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, LM Studio
 * and the like): one call per item with all its photos, the answer forced into a JSON schema and
 * checked again here. The SDK never retries: the call guard around this decides.
 */
export class OpenAiCompatibleVision implements VisionAnalyzer {
  readonly provider: string;
  readonly identity: string;
  readonly #client: OpenAI;
  readonly #options: OpenAiCompatibleVisionOptions;
  readonly #prompts: { item: PromptFile; skuPhoto: PromptFile };
  readonly #price: ModelPrice | null;

  constructor(options: OpenAiCompatibleVisionOptions) {
    this.#options = options;
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl === null ? {} : { baseURL: options.baseUrl }),
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
    this.#prompts = options.prompts ?? {
      item: loadPromptFile('vision-item-analysis.v1'),
      skuPhoto: loadPromptFile('sku-photo-verdict.v1'),
    };
    this.#price = findModelPrice(options.prices, options.model);
    this.provider = `openai-compatible/${options.model}`;
    this.identity = [
      this.provider,
      options.baseUrl ?? 'openai',
      `${this.#prompts.item.version}#${this.#prompts.item.hash}`,
      `${this.#prompts.skuPhoto.version}#${this.#prompts.skuPhoto.hash}`,
      `max-output:${options.maxOutputTokens}`,
    ].join('|');
  }

  async analyseItem(request: VisionItemRequest, options: VisionCallOptions = {}): Promise<VisionItemAnalysis> {
    if (request.photos.length === 0) throw new PermanentError('VALIDATION_FAILED', 'An item with no photos cannot be shown to the vision model.');
    const prepared = await Promise.all(request.photos.map((photo) => prepareVisionImage(photo.image, photo)));
    const content: ChatCompletionContentPart[] = [{ type: 'text', text: describeRequest(request) }];
    for (const [index, image] of prepared.entries()) {
      const photo = request.photos[index];
      if (photo === undefined) continue;
      content.push({ type: 'text', text: `Photo ${index + 1} (${photo.kind}${photo.focus === null ? '' : ', close-up of its text'}):` });
      content.push({ type: 'image_url', image_url: { url: toDataUrl(image), detail: photo.detail } });
    }
    const imageTokens = this.#countImageTokens(prepared, request.photos.map((photo) => photo.detail));
    const { findings, usage } = await this.#complete(
      this.#prompts.item,
      content,
      toResponseFormat('item_analysis', ItemAnswer),
      parseItemAnswer,
      imageTokens,
      options,
    );
    return { findings, usage };
  }

  /** The verdict on one photo, as findings about photo 1, with what the call cost. */
  async checkSkuPhoto(image: Buffer, options: VisionCallOptions = {}): Promise<VisionItemAnalysis> {
    const prepared = await prepareVisionImage(image, { detail: 'low', focus: null, maxTiles: null });
    const content: ChatCompletionContentPart[] = [
      { type: 'text', text: 'Is this the seller\'s SKU/weight photo?' },
      { type: 'image_url', image_url: { url: toDataUrl(prepared), detail: 'low' } },
    ];
    return this.#complete(
      this.#prompts.skuPhoto,
      content,
      toResponseFormat('sku_photo_verdict', SkuPhotoAnswer),
      (text) => {
        const answer = parseSkuPhotoAnswer(text);
        return { claims: [], photos: [{ photo: 1, ...answer }] };
      },
      this.#countImageTokens([prepared], ['low']),
      options,
    );
  }

  async #complete(
    prompt: PromptFile,
    content: ChatCompletionContentPart[],
    responseFormat: ChatCompletionCreateParamsNonStreaming['response_format'],
    parse: (text: string) => VisionFindings,
    imageTokens: number,
    options: VisionCallOptions,
  ): Promise<VisionItemAnalysis> {
    const limit = this.#options.baseUrl === null
      ? { max_completion_tokens: this.#options.maxOutputTokens }
      : { max_tokens: this.#options.maxOutputTokens };
    let completion: ChatCompletion;
    try {
      completion = await this.#client.chat.completions.create(
        {
          model: this.#options.model,
          messages: [
            { role: 'system', content: prompt.text },
            { role: 'user', content },
          ],
          response_format: responseFormat,
          temperature: 0,
          ...limit,
        },
        options.signal === undefined ? {} : { signal: options.signal },
      );
    } catch (error) {
      throw this.#explainFailure(error);
    }
    const choice = completion.choices[0];
    if (choice === undefined) throw new TransientError('PROVIDER_UNAVAILABLE', 'The vision service answered with no choices.');
    if (choice.message.refusal) {
      throw new PermanentError('VALIDATION_FAILED', `The vision model refused to describe the photos: ${choice.message.refusal}`);
    }
    if (choice.finish_reason === 'length') {
      throw new PermanentError('VALIDATION_FAILED', `The vision model's answer was cut off at ${this.#options.maxOutputTokens} tokens; raise VISION_MAX_OUTPUT_TOKENS.`);
    }
    const text = choice.message.content ?? '';
    const findings = parse(text);
    return { findings, usage: this.#measureUsage(completion, prompt, content, text, imageTokens) };
  }

  #measureUsage(completion: ChatCompletion, prompt: PromptFile, content: ChatCompletionContentPart[], answer: string, imageTokens: number): VisionUsage {
    const reported = completion.usage;
    // A server that reports no usage (some self-hosted ones) is counted by the published rules instead.
    const inputTokens = reported?.prompt_tokens ?? imageTokens + estimateTextTokens(prompt.text, content);
    const outputTokens = reported?.completion_tokens ?? Math.ceil(answer.length / 4);
    const cachedInputTokens = reported?.prompt_tokens_details?.cached_tokens ?? 0;
    return {
      provider: this.provider,
      model: completion.model || this.#options.model,
      promptVersion: prompt.version,
      inputTokens,
      cachedInputTokens,
      outputTokens,
      imageTokens,
      costUsd: priceCall({ inputTokens, cachedInputTokens, outputTokens }, this.#price),
      priced: this.#price !== null,
      calls: 1,
      cached: false,
    };
  }

  #countImageTokens(images: readonly PreparedImage[], details: readonly ('low' | 'high')[]): number {
    const rule = this.#price?.image;
    if (rule === undefined) return 0;
    return images.reduce((sum, image, index) => sum + countImageTokens(image.size, details[index] ?? 'low', rule), 0);
  }

  #explainFailure(error: unknown): EasyFlipError {
    if (error instanceof EasyFlipError) return error;
    const where = this.#options.baseUrl ?? 'OpenAI';
    if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) {
      return new TransientError('TIMEOUT', `The vision model at ${where} did not answer in time.`, { cause: error });
    }
    const answered = error instanceof APIError ? readApiError(error as { message: string }) : null;
    if (answered === null || answered.status === undefined) {
      const detail = error instanceof Error ? error.message : String(error);
      return new TransientError('PROVIDER_UNAVAILABLE', `The vision service at ${where} could not be reached (${detail}).`, { cause: error });
    }
    const { status } = answered;
    const message = `The vision service at ${where} answered ${status}: ${answered.message}`;
    if (status === 429) {
      if (answered.code === 'insufficient_quota') {
        return new PermanentError('PROVIDER_UNAVAILABLE', `${message}. The account has no credit left; add some or set VISION_PROVIDER=none.`, { cause: error });
      }
      const wait = readRetryAfterMs((name) => answered.headers?.get(name)) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
      return new RateLimitedError(message, wait, { cause: error });
    }
    if (status === 401 || status === 403) {
      return new PermanentError('PROVIDER_UNAVAILABLE', `${message}. Check OPENAI_API_KEY.`, { cause: error });
    }
    if (status === 404) {
      return new PermanentError('PROVIDER_UNAVAILABLE', `${message}. Check VISION_MODEL and OPENAI_BASE_URL.`, { cause: error });
    }
    if (status >= 500 || status === 408 || status === 409) return new TransientError('PROVIDER_UNAVAILABLE', message, { cause: error });
    return new PermanentError('PROVIDER_UNAVAILABLE', message, { cause: error });
  }
}

/** The parts of the SDK's error we act on, typed: status, OpenAI's error code, headers, and its message. */
function readApiError(error: { status?: unknown; code?: unknown; headers?: unknown; error?: unknown; message: string }): {
  status: number | undefined;
  code: string | null;
  headers: Headers | undefined;
  message: string;
} {
  const body = error.error;
  const bodyMessage = typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : null;
  return {
    status: typeof error.status === 'number' ? error.status : undefined,
    code: typeof error.code === 'string' ? error.code : null,
    headers: error.headers instanceof Headers ? error.headers : undefined,
    message: (bodyMessage ?? error.message).replace(/^\d{3}\s+/, ''),
  };
}

function describeRequest(request: VisionItemRequest): string {
  const known = [
    request.known.sku === null ? null : `The SKU is already known: ${request.known.sku}.`,
    request.known.weightText === null ? null : `The weight is already known: ${request.known.weightText}.`,
  ].filter((line): line is string => line !== null);
  return [`${request.photos.length} photo${request.photos.length === 1 ? '' : 's'} of one item follow.`, ...known].join(' ');
}

function toDataUrl(image: PreparedImage): string {
  return `data:image/jpeg;base64,${image.jpeg.toString('base64')}`;
}

/** About four characters a token for English text: only used when a server reports no usage. */
function estimateTextTokens(system: string, content: readonly ChatCompletionContentPart[]): number {
  const characters = system.length + content.reduce((sum, part) => sum + (part.type === 'text' ? part.text.length : 0), 0);
  return Math.ceil(characters / 4);
}
