import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OAuthStateSigner, OAuthStateVerdict } from '../../ports/oauth-state-signer.ts';

/** A signing key for OAuth states drawn from another secret, so one configured key serves both uses. */
export function deriveStateKey(secret: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'easyflip ebay oauth state', 32));
}

/**
 * OAuth `state` values: base64url of `{nonce, expiresAt}` and an HMAC-SHA256 of it, compared in
 * constant time. The signature proves we issued it and when it lapses; that it is used once is
 * the repository's part (the nonce is stored and taken once).
 */
export class HmacOAuthStateSigner implements OAuthStateSigner {
  readonly #key: Buffer;

  constructor(key: Uint8Array | string) {
    this.#key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (this.#key.length < 32) throw new Error('The OAuth state key must be at least 32 bytes.');
  }

  issue(expiresAt: Date): { state: string; nonce: string } {
    const nonce = randomBytes(18).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ n: nonce, e: expiresAt.getTime() }), 'utf8').toString('base64url');
    return { state: `${payload}.${this.#sign(payload)}`, nonce };
  }

  verify(state: string, now: Date): OAuthStateVerdict {
    const [payload, signature, extra] = state.split('.');
    if (!payload || !signature || extra !== undefined) return { valid: false, reason: 'malformed' };
    const expected = Buffer.from(this.#sign(payload), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'forged' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { valid: false, reason: 'malformed' };
    }
    const { n: nonce, e: expiresAt } = (claims ?? {}) as { n?: unknown; e?: unknown };
    if (typeof nonce !== 'string' || typeof expiresAt !== 'number') return { valid: false, reason: 'malformed' };
    if (expiresAt <= now.getTime()) return { valid: false, reason: 'expired' };
    return { valid: true, nonce, expiresAt: new Date(expiresAt) };
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}
