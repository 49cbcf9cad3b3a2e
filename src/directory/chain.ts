import type { Identity } from '../domain/calls/identity.js';
import type { NormalizedNumber } from '../domain/phone/normalize.js';
import { ExpiringCache } from './cache.js';
import type { DirectorySource } from './source.js';

export interface LookupFailure {
  source: string;
  error: string;
}

export interface IdentifyResult {
  identity: Identity | null;
  /** Sources that failed or timed out on the way; the popup can say so. */
  failures: LookupFailure[];
  cached: boolean;
}

export interface ChainOptions {
  timeoutMs: number;
  cacheMs: number;
  cacheSize: number;
}

class LookupTimeout extends Error {}

/**
 * Asks directory sources in order until one knows the number. Each source has the same time
 * budget; a slow or failing source is skipped and reported, never waited on past its budget.
 */
export class DirectoryChain {
  private readonly cache: ExpiringCache<Identity | null>;

  constructor(
    private readonly sources: DirectorySource[],
    private readonly options: ChainOptions,
  ) {
    this.cache = new ExpiringCache(options.cacheSize, options.cacheMs);
  }

  /** Contacts changed: forget what we knew. */
  invalidate(): void {
    this.cache.clear();
  }

  async identify(number: NormalizedNumber, userId: number | null): Promise<IdentifyResult> {
    const failures: LookupFailure[] = [];
    const key = number.e164 ?? (number.kind === 'internal' ? `ext:${number.raw}` : `digits:${number.digits}`);
    if (number.kind === 'invalid' && number.digits.length === 0) return { identity: null, failures, cached: false };
    const cacheKey = `${userId ?? '*'}|${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined) return { identity: hit, failures, cached: true };

    for (const source of this.sources) {
      if (source.external && number.kind === 'internal') continue;
      try {
        const identity = await this.withTimeout(source, number, userId);
        if (identity) {
          this.cache.set(cacheKey, identity);
          return { identity, failures, cached: false };
        }
      } catch (error) {
        failures.push({
          source: source.name,
          error: error instanceof LookupTimeout ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message,
        });
      }
    }
    // A failed source may know the number next time: only a clean "nobody knows" is cached.
    if (failures.length === 0) this.cache.set(cacheKey, null);
    return { identity: null, failures, cached: false };
  }

  private withTimeout(source: DirectorySource, number: NormalizedNumber, userId: number | null): Promise<Identity | null> {
    const controller = new AbortController();
    return new Promise<Identity | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        controller.abort();
        reject(new LookupTimeout());
      }, this.options.timeoutMs);
      source.lookup(number, { userId, signal: controller.signal }).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
