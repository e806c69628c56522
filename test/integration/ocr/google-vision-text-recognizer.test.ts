import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoogleVisionTextRecognizer } from '../../../src/adapters/ocr/google-vision-text-recognizer.ts';
import { TesseractTextRecognizer } from '../../../src/adapters/ocr/tesseract-text-recognizer.ts';
import { CallGuard } from '../../../src/adapters/resilience/call-guard.ts';
import { FallbackTextRecognizer } from '../../../src/adapters/resilience/fallback-text-recognizer.ts';
import { EasyFlipError, RateLimitedError } from '../../../src/contracts/errors.ts';
import { FakeGoogleVisionServer } from '../../fakes/google-vision/fake-google-vision-server.ts';
import { exampleBatchDir } from '../../support/example-batch.ts';

const TAG_TEXT = 'PATAGONIA\nL\n80% COTTON 20% POLYESTER\nMADE IN VIETNAM';

async function failureOf(promise: Promise<unknown>): Promise<EasyFlipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EasyFlipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('Google Cloud Vision OCR against a local fake of images:annotate', () => {
  const server = new FakeGoogleVisionServer();
  let tag: Buffer;
  let recognizer: GoogleVisionTextRecognizer;

  beforeAll(async () => {
    await server.start();
    tag = await sharp(await readFile(path.join(exampleBatchDir, 'IMG_0010.jpg'))).resize(1024, 1024, { fit: 'inside' }).jpeg().toBuffer();
    server.script(tag, { text: TAG_TEXT });
    recognizer = new GoogleVisionTextRecognizer({ apiKey: server.apiKey, baseUrl: server.baseUrl });
  });

  afterAll(() => server.stop());

  it('reads the text as lines with their place in the photo, with the API key in the query', async () => {
    const read = await recognizer.recognize(tag);
    expect(read.text).toBe(TAG_TEXT);
    expect(read.lines.map((line) => line.text)).toEqual(TAG_TEXT.split('\n'));
    expect(read.lines[0]?.region).toEqual({ left: 20, top: 20, width: 9 * 14, height: 30 });
    expect(read.provider).toBe('google-vision');
    const sent = server.requests.at(-1);
    expect(sent?.query.key).toBe(server.apiKey);
    expect(sent?.images[0]?.features).toEqual(['TEXT_DETECTION']);
  });

  it('counts lines Google gives no confidence for as sure, and uses the confidences DOCUMENT_TEXT_DETECTION gives', async () => {
    expect((await recognizer.recognize(tag)).confidence).toBe(0.9);
    const block = await recognizer.recognize(tag, { layout: 'block' });
    expect(server.requests.at(-1)?.images[0]?.features).toEqual(['DOCUMENT_TEXT_DETECTION']);
    expect(block.confidence).toBe(0.97);
  });

  it('authenticates with a service account token instead of a key', async () => {
    const withToken = new GoogleVisionTextRecognizer({ accessTokens: { getAccessToken: () => Promise.resolve(server.accessToken) }, baseUrl: server.baseUrl });
    expect((await withToken.recognize(tag)).text).toBe(TAG_TEXT);
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${server.accessToken}`);
  });

  it('reads a photo with no text as empty', async () => {
    const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
    expect(await recognizer.recognize(blank)).toEqual({ text: '', confidence: 0, lines: [], provider: 'google-vision' });
  });

  it('turns a per-image error into a failure for that photo alone', async () => {
    const broken = Buffer.from('not really a jpeg');
    server.script(broken, { error: { code: 3, message: 'Bad image data.' } });
    const error = await failureOf(recognizer.recognize(broken));
    expect(error.code).toBe('CORRUPT_IMAGE');
    expect(error.message).toContain('Bad image data.');
  });

  it('says to check the key when Google refuses it, and honours a 429', async () => {
    const wrong = new GoogleVisionTextRecognizer({ apiKey: 'wrong', baseUrl: server.baseUrl });
    const refused = await failureOf(wrong.recognize(tag));
    expect(refused.retryable).toBe(false);
    expect(refused.message).toContain('API key not valid');
    server.answerNext({ status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } } });
    const limited = await failureOf(recognizer.recognize(tag));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3000);
  });
});

describe('the OCR chain: Google Cloud Vision, then tesseract.js', () => {
  const server = new FakeGoogleVisionServer();
  let tesseract: TesseractTextRecognizer;
  let guard: CallGuard;
  let chain: FallbackTextRecognizer;
  let tag: Buffer;

  beforeAll(async () => {
    await server.start();
    tesseract = new TesseractTextRecognizer({ workers: 1 });
    guard = new CallGuard({
      service: 'google-vision',
      displayName: 'Google Cloud Vision',
      timeoutMs: 5_000,
      breaker: { minCalls: 2, errorPercent: 50, resetMs: 600_000, windowMs: 600_000 },
      maxRetryAfterMs: 0,
      rateLimitRetries: 0,
    });
    chain = new FallbackTextRecognizer([
      { name: 'google-vision', displayName: 'Google Cloud Vision', recognizer: new GoogleVisionTextRecognizer({ apiKey: server.apiKey, baseUrl: server.baseUrl }), guard },
      { name: 'tesseract', displayName: 'tesseract.js', recognizer: tesseract, guard: null },
    ]);
    tag = await sharp(await readFile(path.join(exampleBatchDir, 'IMG_0010.jpg'))).resize(1024, 1024, { fit: 'inside' }).jpeg().toBuffer();
  }, 60_000);

  afterAll(async () => {
    await chain.close();
    await server.stop();
  });

  it('answers with Google when it reads the photo', async () => {
    server.script(tag, { text: TAG_TEXT });
    const read = await chain.recognize(tag);
    expect(read.provider).toBe('google-vision');
    expect(read.degraded).toBeUndefined();
  });

  it('has tesseract read a photo Google reports an error for, and says why', async () => {
    server.script(tag, { error: { code: 13, message: 'Internal error while processing the image.' } });
    const read = await chain.recognize(tag);
    expect(read.provider).toBe('tesseract');
    expect(read.text.length).toBeGreaterThan(0);
    expect(read.degraded).toBe('Google Cloud Vision could not read this photo: Internal error while processing the image. tesseract.js read it instead.');
  }, 60_000);

  it('skips Google while its breaker is open after a 500', async () => {
    const strict = new CallGuard({
      service: 'google-vision',
      displayName: 'Google Cloud Vision',
      timeoutMs: 5_000,
      breaker: { minCalls: 1, errorPercent: 50, resetMs: 600_000, windowMs: 600_000 },
      maxRetryAfterMs: 0,
      rateLimitRetries: 0,
    });
    const google = new GoogleVisionTextRecognizer({ apiKey: server.apiKey, baseUrl: server.baseUrl });
    const guarded = new FallbackTextRecognizer([
      { name: 'google-vision', displayName: 'Google Cloud Vision', recognizer: google, guard: strict },
      { name: 'tesseract', displayName: 'tesseract.js', recognizer: tesseract, guard: null },
    ]);
    server.answerNext({ status: 500, body: { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } } });
    const failed = await guarded.recognize(tag);
    expect(failed.degraded).toContain('Google Cloud Vision answered 500: Internal error encountered.');
    expect(strict.state).toBe('open');
    const before = server.requests.length;
    const read = await guarded.recognize(tag);
    expect(server.requests.length).toBe(before);
    expect(read.provider).toBe('tesseract');
    expect(read.degraded).toContain('paused');
    strict.shutdown();
  }, 60_000);
});
