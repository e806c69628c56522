export type OAuthStateVerdict =
  | { valid: true; nonce: string; expiresAt: Date }
  | { valid: false; reason: 'malformed' | 'forged' | 'expired' };

/** Issues and checks the `state` of an OAuth consent flow: ours, untampered, not lapsed. */
export interface OAuthStateSigner {
  issue(expiresAt: Date): { state: string; nonce: string };
  verify(state: string, now: Date): OAuthStateVerdict;
}
