import { ebayErrorBody, type FakeEbayModule, type FakeResponse, type FakeRoute } from './fake-ebay-module.ts';
import { createSeededRandom } from '../../support/seeded-random.ts';

/** What a fault does to one call. */
export type FaultEffect =
  /** Answers this instead of doing the work. */
  | { kind: 'respond'; response: FakeResponse }
  /** Waits, then does the work and answers normally (a slow eBay). */
  | { kind: 'delay'; ms: number }
  /** Closes the connection before doing anything: the call failed and changed nothing. */
  | { kind: 'drop-before' }
  /** Does the work, then closes the connection: eBay changed state but the caller never heard. */
  | { kind: 'drop-after' };

/** Which calls of an operation a fault hits: the next N, every N-th, or a seeded share of them. */
export type FaultSchedule = { next: number } | { every: number; limit?: number } | { share: number; seed: number; limit?: number };

export interface FaultRule {
  /** An operationId of eBay's contract ("publishOffer", "createImageFromFile"). */
  operation: string;
  effect: FaultEffect;
  schedule: FaultSchedule;
}

interface ActiveRule extends FaultRule {
  seen: number;
  hits: number;
  random: (() => number) | null;
}


/** eBay's 500 with errorId 25001, the Inventory API's "system error". */
export function systemErrorResponse(): FakeResponse {
  return {
    status: 500,
    body: ebayErrorBody([{ errorId: 25001, domain: 'API_INVENTORY', category: 'APPLICATION', message: 'A system error has occurred. Please try again later.' }]),
  };
}

/** eBay's answer to too many calls: 429, errorId 2001 and a Retry-After in seconds. */
export function rateLimitResponse(retryAfterSeconds: number): FakeResponse {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: ebayErrorBody([{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests. The request limit has been reached for the resource.' }]),
  };
}

/** A bare 500 from a gateway, with no eBay error body. */
export function gatewayErrorResponse(): FakeResponse {
  return { status: 500, body: ebayErrorBody([{ errorId: 2003, domain: 'ACCESS', category: 'APPLICATION', message: 'There was a problem with an eBay internal system or process.' }]) };
}

/**
 * Faults a test asks the fake's Inventory and Media modules for, hitting calls deterministically:
 * the next N calls of an operation, every N-th one, or a seeded share. Counts what it injected.
 */
export class FaultPlan {
  readonly #rules: ActiveRule[] = [];
  /** How many calls each operation received, faulted or not. */
  readonly calls = new Map<string, number>();
  /** What was injected, as "operation:effect" → count. */
  readonly injected = new Map<string, number>();

  add(rule: FaultRule): this {
    const random = 'share' in rule.schedule ? createSeededRandom(rule.schedule.seed) : null;
    this.#rules.push({ ...rule, seen: 0, hits: 0, random });
    return this;
  }

  /** The next `times` calls answer 429 with this Retry-After. */
  rateLimitNext(operation: string, times: number, retryAfterSeconds = 1): this {
    return this.add({ operation, schedule: { next: times }, effect: { kind: 'respond', response: rateLimitResponse(retryAfterSeconds) } });
  }

  /** The next `times` calls answer eBay's 500 system error (25001). */
  systemErrorNext(operation: string, times: number): this {
    return this.add({ operation, schedule: { next: times }, effect: { kind: 'respond', response: systemErrorResponse() } });
  }

  /** The next `times` calls answer a gateway's 500. */
  serverErrorNext(operation: string, times: number): this {
    return this.add({ operation, schedule: { next: times }, effect: { kind: 'respond', response: gatewayErrorResponse() } });
  }

  slowNext(operation: string, times: number, ms: number): this {
    return this.add({ operation, schedule: { next: times }, effect: { kind: 'delay', ms } });
  }

  /** The next `times` calls do their work and lose the answer: the crash between doing and hearing. */
  loseAnswerNext(operation: string, times: number): this {
    return this.add({ operation, schedule: { next: times }, effect: { kind: 'drop-after' } });
  }

  dropNext(operation: string, times: number): this {
    return this.add({ operation, schedule: { next: times }, effect: { kind: 'drop-before' } });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The fault for this call of `operation`, if a rule hits it. */
  take(operation: string): FaultEffect | null {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    for (const rule of this.#rules) {
      if (rule.operation !== operation) continue;
      rule.seen += 1;
      if (!this.#hits(rule)) continue;
      rule.hits += 1;
      const key = `${operation}:${rule.effect.kind === 'respond' ? String(rule.effect.response.status) : rule.effect.kind}`;
      this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
      return rule.effect;
    }
    return null;
  }

  injectedCount(operation?: string): number {
    let total = 0;
    for (const [key, count] of this.injected) if (!operation || key.startsWith(`${operation}:`)) total += count;
    return total;
  }

  #hits(rule: ActiveRule): boolean {
    const { schedule } = rule;
    if ('next' in schedule) return rule.hits < schedule.next;
    if (schedule.limit !== undefined && rule.hits >= schedule.limit) return false;
    if ('every' in schedule) return rule.seen % schedule.every === 0;
    return (rule.random?.() ?? 1) < schedule.share;
  }
}

/** The module with every route answering through the plan's faults first. */
export function withFaults(module: FakeEbayModule, plan: FaultPlan): FakeEbayModule {
  const wrap = (route: FakeRoute): FakeRoute => ({
    ...route,
    async handle(request) {
      const fault = plan.take(route.operation);
      if (fault?.kind === 'respond') return fault.response;
      if (fault?.kind === 'drop-before') return { status: 503, dropConnection: true };
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      const answer = await route.handle(request);
      return fault?.kind === 'drop-after' ? { ...answer, dropConnection: true } : answer;
    },
  });
  return { name: module.name, routes: module.routes.map(wrap) };
}
