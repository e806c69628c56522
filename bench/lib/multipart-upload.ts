import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface UploadPart {
  fileName: string;
  /** The file's bytes in pieces, made when the part is reached: nothing is held for later parts. */
  pieces(): Iterable<Uint8Array>;
}

export interface UploadResponse {
  status: number;
  body: unknown;
  /** Bytes of request body sent, multipart framing included. */
  sentBytes: number;
}

/**
 * POSTs files as one multipart/form-data request (field `photos`, as a browser's file picker
 * sends them), generating the body while it is sent: a gigabyte of photos costs the client
 * only what the current piece holds.
 */
export async function postMultipartStream(url: string, parts: Iterable<UploadPart>): Promise<UploadResponse> {
  const boundary = `----easyflip-bench-${randomBytes(12).toString('hex')}`;
  let sentBytes = 0;
  function* generateBody(): Generator<Uint8Array> {
    for (const part of parts) {
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${escapeQuoted(part.fileName)}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
        'utf8',
      );
      sentBytes += head.length;
      yield head;
      for (const piece of part.pieces()) {
        sentBytes += piece.length;
        yield piece;
      }
      sentBytes += 2;
      yield Buffer.from('\r\n');
    }
    const tail = Buffer.from(`--${boundary}--\r\n`);
    sentBytes += tail.length;
    yield tail;
  }

  return new Promise<UploadResponse>((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown, sentBytes });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: text, sentBytes });
          }
        });
      },
    );
    outgoing.on('error', reject);
    pipeline(Readable.from(generateBody(), { objectMode: false }), outgoing).catch(reject);
  });
}

function escapeQuoted(name: string): string {
  return name.replace(/["\\\r\n]/g, '_');
}
