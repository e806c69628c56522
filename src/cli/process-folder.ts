import { createReadStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BatchItemsDto } from '../contracts/batch.ts';
import { EasyFlipError } from '../contracts/errors.ts';
import type { Container } from '../container.ts';
import type { DeadLetterRecord } from '../ports/repositories.ts';
import type { HeldBackItem } from '../services/export.service.ts';
import { ProgressLine } from './progress-line.ts';

export interface RefusedFile {
  fileName: string;
  code: string;
  message: string;
}

export interface ProcessFolderResult {
  batchId: string;
  completed: boolean;
  items: BatchItemsDto;
  refused: RefusedFile[];
  duplicates: string[];
  deadLetters: DeadLetterRecord[];
  csvPath: string;
  /** Items the CSV left out because their listing needs the seller's attention first. */
  heldBack: HeldBackItem[];
  jsonPath: string;
}

/** Runs every photo of a folder through the pipeline in this process; writes the CSV and the JSON. */
export async function processFolder(
  container: Container,
  options: { folder: string; outDir: string; batchName?: string; includeNeedsAttention?: boolean; progress?: NodeJS.WriteStream | null },
): Promise<ProcessFolderResult> {
  const fileNames = await listPhotoFiles(options.folder);
  const { batches, exports } = container.services;
  const batch = await batches.createBatch({ name: options.batchName ?? path.basename(path.resolve(options.folder)), actor: 'cli' });
  const progress = options.progress ? new ProgressLine(options.progress, fileNames.length) : null;
  const unsubscribe = container.events.subscribe((event) => {
    if (event.batchId === batch.id) progress?.update(event);
  });
  await container.runtime.start();

  const refused: RefusedFile[] = [];
  const duplicates: string[] = [];
  for (const fileName of fileNames) {
    try {
      const result = await batches.addPhoto(batch.id, {
        fileName,
        content: createReadStream(path.join(options.folder, fileName)),
      });
      if (result.duplicate) duplicates.push(fileName);
    } catch (error) {
      if (!(error instanceof EasyFlipError) || error.retryable) throw error;
      refused.push({ fileName, code: error.code, message: error.message });
    }
  }
  await batches.submit(batch.id, 'cli');
  await container.runtime.whenIdle();
  unsubscribe();
  progress?.finish();

  const status = await batches.getStatus(batch.id);
  const items = await batches.listItems(batch.id);
  const { csv, heldBack } = await exports.exportSellerHubCsv(batch.id, { includeNeedsAttention: options.includeNeedsAttention === true });
  await mkdir(options.outDir, { recursive: true });
  const csvPath = path.join(options.outDir, 'listings.csv');
  const jsonPath = path.join(options.outDir, 'items.json');
  await writeFile(csvPath, csv, 'utf8');
  await writeFile(jsonPath, `${JSON.stringify({ ...items, refused, duplicates }, null, 2)}\n`, 'utf8');
  return {
    batchId: batch.id,
    completed: status.status === 'completed',
    items,
    refused,
    duplicates,
    deadLetters: await container.repositories.deadLetters.list({ batchId: batch.id }),
    csvPath,
    heldBack,
    jsonPath,
  };
}

/** Regular, visible files of the folder in natural name order (IMG_2 before IMG_10). */
async function listPhotoFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(new Intl.Collator('en', { numeric: true }).compare);
}

/** The summary a seller reads at the end of a run. */
export function formatSummary(result: ProcessFolderResult): string {
  const { items, orphans, rejected } = result.items;
  const lines: string[] = [];
  const ready = items.filter((item) => item.status === 'ready_for_review').length;
  const failed = items.filter((item) => item.status === 'failed');
  lines.push(`Batch ${result.batchId}: ${result.completed ? 'completed' : 'NOT completed'}`);
  lines.push(`  items: ${items.length} (${ready} ready for review, ${failed.length} failed)`);
  for (const item of items) {
    const weight = item.weight ? `${item.weight.text} (${Math.round(item.weight.grams)} g)` : 'no weight';
    const title = item.listing?.title ?? '(no listing)';
    lines.push(`    #${item.position} ${item.sku ?? '(unread SKU)'} · ${weight} · ${item.photos.length} photos · ${title}`);
    for (const flag of item.flags) lines.push(`        ! ${flag.message}`);
    if (item.status === 'failed') lines.push(`        ✗ ${item.statusReason ?? 'failed'}`);
  }
  lines.push(`  orphans: ${orphans.length}${orphans.length ? ` (${orphans.map((photo) => photo.originalName).join(', ')})` : ''}`);
  const failures = [
    ...rejected.map((photo) => `${photo.originalName}: ${photo.error?.message ?? 'rejected'}`),
    ...result.refused.map((file) => `${file.fileName}: ${file.message}`),
  ];
  lines.push(`  failures: ${failures.length}`);
  for (const failure of failures) lines.push(`    ✗ ${failure}`);
  if (result.duplicates.length) lines.push(`  duplicates skipped: ${result.duplicates.join(', ')}`);
  for (const letter of result.deadLetters) lines.push(`  dead letter: ${letter.stage} ${letter.subjectId}: ${letter.reason}`);
  for (const item of result.heldBack) lines.push(`  not exported: #${item.position} ${item.sku ?? '(unread SKU)'}: ${item.reason}`);
  if (result.heldBack.length) lines.push('  (--include-needs-attention exports them as drafts to finish in Seller Hub)');
  lines.push(`  wrote ${path.relative(process.cwd(), result.csvPath)}`);
  lines.push(`  wrote ${path.relative(process.cwd(), result.jsonPath)}`);
  return lines.join('\n');
}
