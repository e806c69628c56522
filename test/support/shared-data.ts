import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared/data` beside the project: the team's real photos and eBay contracts. */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');

/**
 * True when `../shared/data` is here. A user's clone has no `../shared`, so tests that need it
 * skip visibly there; CI sets EASYFLIP_REQUIRE_SHARED_DATA=1 and a missing folder fails instead.
 */
export function hasSharedData(): boolean {
  const present = existsSync(sharedDataDir);
  if (!present && process.env.EASYFLIP_REQUIRE_SHARED_DATA === '1') {
    throw new Error(`EASYFLIP_REQUIRE_SHARED_DATA=1 but ${sharedDataDir} is missing`);
  }
  return present;
}

export function sharedPath(...segments: string[]): string {
  return path.join(sharedDataDir, ...segments);
}

export { repoRoot };
