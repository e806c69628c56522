/** How one call to an outside service ended. */
export type ExternalCallOutcome = 'ok' | 'error' | 'timeout' | 'rate_limited' | 'rejected';

/** The state of a circuit breaker in front of an outside service. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/**
 * What adapters of outside services (eBay, vision models, cloud OCR) report about their calls,
 * so an operator sees latency, errors and open breakers per service without reading logs.
 */
export interface ExternalCallMetrics {
  recordCall(call: { service: string; operation: string; outcome: ExternalCallOutcome; durationMs: number }): void;
  recordBreakerState(breaker: { service: string; state: BreakerState }): void;
}
