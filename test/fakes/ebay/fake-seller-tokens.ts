import type { EbayTokenSource } from '../../../src/adapters/ebay/ebay-application-token-provider.ts';
import type { FakeEbayUsers } from './oauth.module.ts';

/**
 * A seller's tokens straight from the fake, for tests of the publisher alone (the OAuth round
 * trip and the stored, encrypted tokens are the account connection's tests): a refused token is
 * forgotten and the next call gets a new one, as after a refresh.
 */
export class FakeSellerTokens implements EbayTokenSource {
  #token: string | null = null;
  /** Tokens handed out so far: the first, then one per refresh. */
  issued: string[] = [];

  constructor(private readonly users: FakeEbayUsers) {}

  getToken(): Promise<string> {
    if (this.#token === null) {
      this.#token = this.users.issueUserToken(['https://api.ebay.com/oauth/api_scope/sell.inventory']).token;
      this.issued.push(this.#token);
    }
    return Promise.resolve(this.#token);
  }

  invalidate(token: string): void {
    if (this.#token === token) this.#token = null;
  }
}
