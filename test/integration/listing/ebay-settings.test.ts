import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('the eBay settings', () => {
  it('run offline by default, on eBay US production', () => {
    const config = loadConfig({});
    expect(config.ebay).toMatchObject({ credentials: null, environment: 'production', marketplaceId: 'EBAY_US', apiBaseUrl: null, timeoutMs: 10_000 });
    expect(config.taxonomy.cacheTtlSeconds).toBe(86_400);
  });

  it('read the application keys, the environment, a host override and the cache time', () => {
    const config = loadConfig({
      EBAY_CLIENT_ID: 'id',
      EBAY_CLIENT_SECRET: 'secret',
      EBAY_ENVIRONMENT: 'sandbox',
      EBAY_MARKETPLACE_ID: 'EBAY_GB',
      EBAY_API_BASE_URL: 'http://127.0.0.1:8080',
      EBAY_TIMEOUT_MS: '2500',
      EBAY_TAXONOMY_CACHE_TTL_SECONDS: '60',
    });
    expect(config.ebay).toMatchObject({
      credentials: { clientId: 'id', clientSecret: 'secret' },
      environment: 'sandbox',
      marketplaceId: 'EBAY_GB',
      apiBaseUrl: 'http://127.0.0.1:8080',
      timeoutMs: 2500,
    });
    expect(config.taxonomy.cacheTtlSeconds).toBe(60);
  });

  it.each([
    { env: { EBAY_CLIENT_ID: 'id' }, names: /EBAY_CLIENT_ID, EBAY_CLIENT_SECRET/ },
    { env: { EBAY_ENVIRONMENT: 'staging' }, names: /EBAY_ENVIRONMENT/ },
    { env: { EBAY_MARKETPLACE_ID: 'US' }, names: /EBAY_MARKETPLACE_ID/ },
    { env: { EBAY_TAXONOMY_CACHE_TTL_SECONDS: '-1' }, names: /EBAY_TAXONOMY_CACHE_TTL_SECONDS/ },
  ])('refuse a bad value and name it: $env', ({ env, names }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(names);
  });
});
