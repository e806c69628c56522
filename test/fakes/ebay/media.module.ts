import { createHash } from 'node:crypto';
import { requireUserScope } from './account.module.ts';
import { ebayErrorBody, type FakeEbayModule, type FakeRequest, type FakeResponse } from './fake-ebay-module.ts';
import type { FakeEbayUsers } from './oauth.module.ts';

const BASE = '/commerce/media/v1_beta';
const SELL_INVENTORY = 'https://api.ebay.com/oauth/api_scope/sell.inventory';
/** Every POST of the Media API: 50 calls per 5 seconds per user. */
const RATE_LIMIT = { calls: 50, windowMs: 5000 };
/** An unused picture stays on eBay Picture Service for 30 days. */
const UNUSED_IMAGE_DAYS = 30;

export interface FakeImage {
  imageId: string;
  imageUrl: string;
  expirationDate: string;
  sha256: string;
  bytes: number;
  contentType: string;
}

export interface FakeMediaOptions {
  /** Location headers name apim.sandbox.ebay.com instead of apim.ebay.com. */
  sandbox?: boolean;
  /** The user a call counts against for the rate limit; one seller when left out. */
  userOf?: (request: FakeRequest) => string;
  /** The clock of the rate limit and of expiry dates. */
  now?: () => number;
  /**
   * Whether createImageFromFile answers with the ImageResponse body as well as the Location
   * header (eBay's guide says it does); false leaves the caller to follow the Location.
   */
  answerCreateWithBody?: boolean;
  /** The sellers' grants: the Media API takes a user token with sell.inventory. */
  users?: FakeEbayUsers;
}

/** The pictures the fake Media API holds and how often each one's bytes were uploaded. */
export class FakeMediaData {
  readonly images = new Map<string, FakeImage>();
  readonly #uploadsByHash = new Map<string, number>();
  readonly #calls = new Map<string, number[]>();
  #counter = 0;
  /** Calls refused with 429 so far. */
  rateLimited = 0;

  uploadsOf(sha256: string): number {
    return this.#uploadsByHash.get(sha256) ?? 0;
  }

  get uploadCount(): number {
    return [...this.#uploadsByHash.values()].reduce((sum, count) => sum + count, 0);
  }

  /** The uploads' hashes, each as many times as it was uploaded. */
  get uploadedHashes(): string[] {
    return [...this.#uploadsByHash].flatMap(([hash, count]) => Array<string>(count).fill(hash));
  }

  isEpsUrl(url: string): boolean {
    return [...this.images.values()].some((image) => image.imageUrl === url);
  }

  store(bytes: Buffer, contentType: string, now: number): FakeImage {
    this.#counter += 1;
    const imageId = `img${(1_000_000 + this.#counter).toString(36)}`;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const image: FakeImage = {
      imageId,
      imageUrl: `https://i.ebayimg.com/images/g/${sha256.slice(0, 16)}${this.#counter}/s-l1600.jpg`,
      expirationDate: new Date(now + UNUSED_IMAGE_DAYS * 86_400_000).toISOString(),
      sha256,
      bytes: bytes.length,
      contentType,
    };
    this.images.set(imageId, image);
    this.#uploadsByHash.set(sha256, this.uploadsOf(sha256) + 1);
    return image;
  }

  /** Records a call; the seconds to wait when it is over the limit, else null. */
  admit(user: string, now: number): number | null {
    const recent = (this.#calls.get(user) ?? []).filter((at) => now - at < RATE_LIMIT.windowMs);
    if (recent.length >= RATE_LIMIT.calls) {
      this.#calls.set(user, recent);
      this.rateLimited += 1;
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + RATE_LIMIT.windowMs - now) / 1000));
    }
    recent.push(now);
    this.#calls.set(user, recent);
    return null;
  }
}

function mediaError(status: number, errorId: number, message: string): FakeResponse {
  return { status, body: ebayErrorBody([{ errorId, domain: 'API_MEDIA', category: 'REQUEST', message }]) };
}

interface MultipartPart {
  name: string | null;
  fileName: string | null;
  contentType: string | null;
  content: Buffer;
}

/** The parts of a multipart/form-data body (RFC 7578), or null when it is not one. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) return null;
  const delimiter = Buffer.from(`--${token}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return null;
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    const next = body.indexOf(delimiter, start);
    if (headerEnd < 0 || next < 0 || headerEnd > next) return null;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      fileName: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? null,
      // The part's content ends with the CRLF that precedes the next delimiter.
      content: body.subarray(headerEnd + 4, next - 2),
    });
    start = next;
  }
}

/** The picture formats eBay Picture Service takes, told by their first bytes. */
function sniffImage(bytes: Buffer): string | null {
  const ascii = (from: number, to: number): string => bytes.subarray(from, to).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 2) === 'BM') return 'image/bmp';
  if (ascii(0, 4) === 'II*\x00' || ascii(0, 4) === 'MM\x00*') return 'image/tiff';
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|avif)$/.test(ascii(8, 12))) return ascii(8, 12) === 'avif' ? 'image/avif' : 'image/heic';
  return null;
}

/**
 * eBay's Media API image resource: createImageFromFile (multipart/form-data, field `image`,
 * 201 with the getImage URI in Location) and getImage, with the per-user limit of 50 POSTs in 5
 * seconds answered with 429 and Retry-After. The image paths are missing from the OpenAPI files
 * in the shared contracts; they follow eBay's reference pages (see the contracts' README).
 */
export function createMediaModule(data: FakeMediaData, options: FakeMediaOptions = {}): FakeEbayModule {
  const now = options.now ?? Date.now;
  const userOf = options.userOf ?? (() => 'seller');
  const host = options.sandbox ? 'https://apim.sandbox.ebay.com' : 'https://apim.ebay.com';
  const imageBody = (image: FakeImage): unknown => ({ imageUrl: image.imageUrl, expirationDate: image.expirationDate });

  return {
    name: 'media',
    routes: [
      {
        method: 'POST',
        path: `${BASE}/image/create_image_from_file`,
        operation: 'createImageFromFile',
        auth: 'user',
        handle(request) {
          const refused = options.users ? requireUserScope(options.users, request, [SELL_INVENTORY]) : null;
          if (refused) return refused;
          const wait = data.admit(userOf(request), now());
          if (wait !== null) {
            return {
              status: 429,
              headers: { 'retry-after': String(wait) },
              body: ebayErrorBody([{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests. The request limit has been reached for the resource.' }]),
            };
          }
          const contentType = String(request.headers['content-type'] ?? '');
          if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
            return mediaError(400, 2004, 'Invalid request. The Content-Type header must be multipart/form-data.');
          }
          const parts = parseMultipart(request.rawBody, contentType);
          const image = parts?.find((part) => part.name === 'image');
          if (!image || image.content.length === 0) return mediaError(400, 2004, 'Invalid request. The form field "image" with the picture file is missing.');
          const sniffed = sniffImage(image.content);
          if (!sniffed) return mediaError(400, 2004, 'Invalid request. The file is not a picture in a supported format (JPG, GIF, PNG, BMP, TIFF, AVIF, HEIC, WEBP).');
          const stored = data.store(image.content, sniffed, now());
          return {
            status: 201,
            headers: { location: `${host}${BASE}/image/${encodeURIComponent(stored.imageId)}` },
            ...(options.answerCreateWithBody === false ? {} : { body: imageBody(stored) }),
          };
        },
      },
      {
        method: 'GET',
        path: `${BASE}/image/:imageId`,
        operation: 'getImage',
        auth: 'user',
        handle(request) {
          const refused = options.users ? requireUserScope(options.users, request, [SELL_INVENTORY]) : null;
          if (refused) return refused;
          const image = data.images.get(request.params.imageId ?? '');
          if (!image || Date.parse(image.expirationDate) <= now()) return mediaError(404, 2002, 'Resource not found. The image does not exist or has expired.');
          return { status: 200, body: imageBody(image) };
        },
      },
    ],
  };
}
