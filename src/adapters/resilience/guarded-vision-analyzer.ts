import type { VisionAnalyzer, VisionCallOptions, VisionItemAnalysis, VisionItemRequest } from '../../ports/vision-analyzer.ts';
import type { CallGuard } from './call-guard.ts';

/** A vision model behind a call guard: breaker, timeout and Retry-After apply to every call. */
export class GuardedVisionAnalyzer implements VisionAnalyzer {
  readonly provider: string;
  readonly identity: string;

  constructor(
    private readonly inner: VisionAnalyzer,
    private readonly guard: CallGuard,
  ) {
    this.provider = inner.provider;
    this.identity = inner.identity;
  }

  analyseItem(request: VisionItemRequest, options: VisionCallOptions = {}): Promise<VisionItemAnalysis> {
    return this.guard.run('analyse-item', (signal) => this.inner.analyseItem(request, { signal: joinSignals(signal, options.signal) }));
  }

  checkSkuPhoto(image: Buffer, options: VisionCallOptions = {}): Promise<VisionItemAnalysis> {
    return this.guard.run('check-sku-photo', (signal) => this.inner.checkSkuPhoto(image, { signal: joinSignals(signal, options.signal) }));
  }
}

function joinSignals(guard: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller === undefined ? guard : AbortSignal.any([guard, caller]);
}
