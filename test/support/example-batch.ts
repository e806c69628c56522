import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './shared-data.ts';

export const exampleBatchDir = path.join(repoRoot, 'examples/batch');

export interface ExampleBatchTruth {
  orphans: string[];
  items: Array<{ sku: string; weightGrams: number; skuPhoto: string; photos: string[]; tag: { brand: string } }>;
}

/** The ground truth written beside the sample batch by scripts/generate-example-batch.ts. */
export async function readExampleBatchTruth(): Promise<ExampleBatchTruth> {
  return JSON.parse(await readFile(`${exampleBatchDir}.expected.json`, 'utf8')) as ExampleBatchTruth;
}
