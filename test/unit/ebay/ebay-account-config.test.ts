import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('the eBay account settings', () => {
  const key = randomBytes(32);

  it('reads the token-encryption key as hex or base64, and the previous keys as a list', () => {
    const previous = randomBytes(32);
    const config = loadConfig({
      EBAY_TOKEN_ENCRYPTION_KEY: key.toString('hex'),
      EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS: ` ${previous.toString('base64')} `,
      EBAY_RU_NAME: 'Seller_Tools-SellerTo-EasyFl-abcdefg',
    });
    expect(config.ebay.tokenEncryptionKeys?.current.equals(key)).toBe(true);
    expect(config.ebay.tokenEncryptionKeys?.previous.map((entry) => entry.toString('hex'))).toEqual([previous.toString('hex')]);
    expect(config.ebay.ruName).toBe('Seller_Tools-SellerTo-EasyFl-abcdefg');
    expect(config.ebay.marketplaceInsights).toBe(false);
  });

  it('refuses a key that is not 32 bytes, naming the setting', () => {
    expect(() => loadConfig({ EBAY_TOKEN_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(ConfigError);
    expect(() => loadConfig({ EBAY_TOKEN_ENCRYPTION_KEY: 'correct horse battery staple' })).toThrow(/EBAY_TOKEN_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => loadConfig({ EBAY_TOKEN_ENCRYPTION_KEY: key.toString('hex'), EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS: 'short' })).toThrow(/EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS/);
  });

  it('keeps the default location only with a country and a postal code', () => {
    expect(loadConfig({ EBAY_LOCATION_COUNTRY: 'US' }).ebay.defaultLocation).toBeNull();
    expect(loadConfig({ EBAY_LOCATION_COUNTRY: 'US', EBAY_LOCATION_POSTAL_CODE: '95125', EBAY_LOCATION_CITY: 'San Jose' }).ebay.defaultLocation).toEqual({
      country: 'US',
      postalCode: '95125',
      city: 'San Jose',
      stateOrProvince: null,
    });
  });

  it('turns on the Marketplace Insights scope only when asked', () => {
    expect(loadConfig({ EBAY_MARKETPLACE_INSIGHTS: 'true' }).ebay.marketplaceInsights).toBe(true);
  });
});
