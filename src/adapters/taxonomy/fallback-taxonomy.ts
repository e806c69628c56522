import { EasyFlipError } from '../../contracts/errors.ts';
import type { CategoryMatchInput } from '../../domain/listing/category-matcher.ts';
import type { AspectCatalog, AspectLookup, CategorySuggester, CategorySuggestions } from '../../ports/listing-taxonomy.ts';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long the primary is skipped once the circuit is open. */
  openMs?: number;
  now?: () => number;
}

/**
 * Skips a failing service for a while: after `failureThreshold` failures in a row, calls go
 * straight to the fallback for `openMs`, then one call tries the service again.
 */
export class FailureBreaker {
  readonly #threshold: number;
  readonly #openMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openUntil = 0;

  constructor(options: BreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 3;
    this.#openMs = options.openMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  isOpen(): boolean {
    return this.#now() < this.#openUntil;
  }

  recordSuccess(): void {
    this.#failures = 0;
  }

  recordFailure(): void {
    this.#failures += 1;
    if (this.#failures >= this.#threshold) {
      this.#openUntil = this.#now() + this.#openMs;
      this.#failures = 0;
    }
  }
}

/** Errors we raise on purpose mean "the service said no or is down": fall back. Anything else is a bug. */
function isServiceFailure(error: unknown): error is EasyFlipError {
  return error instanceof EasyFlipError;
}

/**
 * eBay's suggestions when eBay answers; the bundled matcher when it fails, is skipped by the
 * breaker, or suggests nothing. The result says when and why it fell back.
 */
export class FallbackCategorySuggester implements CategorySuggester {
  constructor(
    private readonly primary: CategorySuggester,
    private readonly fallback: CategorySuggester,
    private readonly breaker: FailureBreaker = new FailureBreaker(),
  ) {}

  async suggestCategories(query: CategoryMatchInput): Promise<CategorySuggestions> {
    if (this.breaker.isOpen()) {
      return { ...(await this.fallback.suggestCategories(query)), degraded: 'eBay category suggestions are paused after repeated failures; the bundled categories were used.' };
    }
    try {
      const answer = await this.primary.suggestCategories(query);
      this.breaker.recordSuccess();
      if (answer.suggestions.length > 0) return answer;
      return { ...(await this.fallback.suggestCategories(query)), degraded: null };
    } catch (error) {
      if (!isServiceFailure(error)) throw error;
      this.breaker.recordFailure();
      const fallback = await this.fallback.suggestCategories(query);
      return { ...fallback, degraded: `eBay category suggestions failed (${error.message}); the bundled categories were used.` };
    }
  }
}

/** eBay's item specifics when eBay answers; the bundled ones when it fails or knows nothing of the category. */
export class FallbackAspectCatalog implements AspectCatalog {
  constructor(
    private readonly primary: AspectCatalog,
    private readonly fallback: AspectCatalog,
    private readonly breaker: FailureBreaker = new FailureBreaker(),
  ) {}

  async getCategoryAspects(categoryId: string): Promise<AspectLookup> {
    if (this.breaker.isOpen()) {
      return withDegraded(await this.fallback.getCategoryAspects(categoryId), 'eBay item specifics are paused after repeated failures; the bundled ones were used.');
    }
    try {
      const answer = await this.primary.getCategoryAspects(categoryId);
      this.breaker.recordSuccess();
      return answer.kind === 'unknown' ? this.fallback.getCategoryAspects(categoryId) : answer;
    } catch (error) {
      if (!isServiceFailure(error)) throw error;
      this.breaker.recordFailure();
      return withDegraded(await this.fallback.getCategoryAspects(categoryId), `eBay item specifics failed (${error.message}); the bundled ones were used.`);
    }
  }
}

function withDegraded(lookup: AspectLookup, degraded: string): AspectLookup {
  return lookup.kind === 'not_listable' ? lookup : { ...lookup, degraded };
}
