export interface AllocatorFacts {
  platform: NodeJS.Platform;
  /** glibc's version when the process runs on glibc (from Node's diagnostic report header). */
  glibcVersion: string | null;
  mallocArenaMax: string | undefined;
}

/** What this process runs on, as far as the advice below cares. */
export function readAllocatorFacts(env: NodeJS.ProcessEnv = process.env): AllocatorFacts {
  let glibcVersion: string | null = null;
  if (process.platform === 'linux' && process.report) {
    // Skips the report's reverse lookups of open sockets (Node 20.13+; ignored before).
    (process.report as { excludeNetwork?: boolean }).excludeNetwork = true;
    const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
    glibcVersion = header?.glibcVersionRuntime ?? null;
  }
  return { platform: process.platform, glibcVersion, mallocArenaMax: env.MALLOC_ARENA_MAX };
}

/**
 * glibc keeps a memory arena per thread that touches pictures (libvips, OCR, barcode scans) and
 * returns little of it: a server ingesting 40 photos peaked at ~850 MB, ~600 MB with
 * MALLOC_ARENA_MAX=2 (`npm run bench:images -- embedded`). The variable only works when set before
 * the process starts, so the operator is told at start-up, once, and null when there is nothing to say.
 */
export function allocatorAdvice(facts: AllocatorFacts): string | null {
  if (facts.platform !== 'linux' || facts.glibcVersion === null || facts.mallocArenaMax !== undefined) return null;
  return (
    'MALLOC_ARENA_MAX is not set: on glibc, photo processing can leave a few hundred MB in per-thread ' +
    'memory arenas. Start with MALLOC_ARENA_MAX=2 in the environment to keep that down (see the README).'
  );
}
