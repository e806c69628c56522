import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveStateKey, HmacOAuthStateSigner } from '../../../src/adapters/secrets/hmac-oauth-state-signer.ts';

describe('HmacOAuthStateSigner', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const inTenMinutes = new Date(now.getTime() + 10 * 60_000);
  const signer = new HmacOAuthStateSigner(randomBytes(32));

  it('accepts a state it issued, before it lapses, and gives back its nonce', () => {
    const { state, nonce } = signer.issue(inTenMinutes);
    expect(signer.verify(state, now)).toEqual({ valid: true, nonce, expiresAt: inTenMinutes });
  });

  it('issues a different nonce every time', () => {
    expect(signer.issue(inTenMinutes).nonce).not.toBe(signer.issue(inTenMinutes).nonce);
  });

  it('calls a lapsed state expired', () => {
    const { state } = signer.issue(inTenMinutes);
    expect(signer.verify(state, new Date(inTenMinutes.getTime() + 1))).toEqual({ valid: false, reason: 'expired' });
  });

  it('calls a state signed with another key forged', () => {
    const { state } = new HmacOAuthStateSigner(randomBytes(32)).issue(inTenMinutes);
    expect(signer.verify(state, now)).toEqual({ valid: false, reason: 'forged' });
  });

  it('calls a state whose claims were edited forged (a later expiry, say)', () => {
    const { state } = signer.issue(inTenMinutes);
    const [payload, signature] = state.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as { n: string; e: number };
    const edited = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 86_400_000 })).toString('base64url');
    expect(signer.verify(`${edited}.${signature}`, now)).toEqual({ valid: false, reason: 'forged' });
  });

  it('calls anything else malformed', () => {
    expect(signer.verify('', now)).toEqual({ valid: false, reason: 'malformed' });
    expect(signer.verify('just-text', now)).toEqual({ valid: false, reason: 'malformed' });
    expect(signer.verify('a.b.c', now)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('derives a state key from the token-encryption key that differs from it', () => {
    const key = randomBytes(32);
    const derived = deriveStateKey(key);
    expect(derived).toHaveLength(32);
    expect(derived.equals(key)).toBe(false);
    expect(deriveStateKey(key).equals(derived)).toBe(true);
  });
});
