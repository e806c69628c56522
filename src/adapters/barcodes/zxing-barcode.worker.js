// Scans photos for barcodes off the main thread: zxing's WebAssembly passes over a 2000 px photo
// take ~75 ms each, up to three a photo (400 ms for the first, while the wasm compiles), and on the
// main thread every upload and progress event would wait for them.
// Plain JavaScript that loads the TypeScript reader through tsx, so the worker starts the same
// way under every loader (node with tsx, vitest).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

if (!parentPort) throw new Error('zxing-barcode.worker.js runs only as a worker thread');
const port = parentPort;
register();
const { ZxingBarcodeReader } = await import('./zxing-barcode-reader.ts');
const reader = new ZxingBarcodeReader();

port.on('message', (/** @type {{ id: number, request: import('../../ports/image-processor.ts').RawImage }} */ message) => {
  reader.read(message.request).then(
    (result) => port.postMessage({ id: message.id, result }),
    (error) => {
      const failure = error instanceof Error ? { message: error.message, code: error.code, retryable: error.retryable } : { message: String(error) };
      port.postMessage({ id: message.id, error: failure });
    },
  );
});
