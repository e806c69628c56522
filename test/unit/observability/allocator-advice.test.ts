import { describe, expect, it } from 'vitest';
import { allocatorAdvice, readAllocatorFacts } from '../../../src/observability/allocator-advice.ts';

describe('allocatorAdvice', () => {
  it('tells a glibc Linux operator to set MALLOC_ARENA_MAX when it is unset', () => {
    const advice = allocatorAdvice({ platform: 'linux', glibcVersion: '2.36', mallocArenaMax: undefined });
    expect(advice).toMatch(/MALLOC_ARENA_MAX=2/);
  });

  it('says nothing once the operator has set it, to any value', () => {
    expect(allocatorAdvice({ platform: 'linux', glibcVersion: '2.36', mallocArenaMax: '2' })).toBeNull();
    expect(allocatorAdvice({ platform: 'linux', glibcVersion: '2.36', mallocArenaMax: '8' })).toBeNull();
  });

  it('says nothing where glibc is not the allocator (musl, macOS, Windows)', () => {
    expect(allocatorAdvice({ platform: 'linux', glibcVersion: null, mallocArenaMax: undefined })).toBeNull();
    expect(allocatorAdvice({ platform: 'darwin', glibcVersion: null, mallocArenaMax: undefined })).toBeNull();
    expect(allocatorAdvice({ platform: 'win32', glibcVersion: null, mallocArenaMax: undefined })).toBeNull();
  });
});

describe('readAllocatorFacts', () => {
  it('reads the platform, the glibc version on glibc Linux, and the variable from the given environment', () => {
    const facts = readAllocatorFacts({ MALLOC_ARENA_MAX: '4' });
    expect(facts.platform).toBe(process.platform);
    expect(facts.mallocArenaMax).toBe('4');
    if (process.platform !== 'linux') expect(facts.glibcVersion).toBeNull();
    else expect(facts.glibcVersion === null || /^\d+\.\d+/.test(facts.glibcVersion)).toBe(true);
  });
});
