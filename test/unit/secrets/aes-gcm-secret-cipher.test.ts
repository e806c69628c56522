import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesGcmSecretCipher, computeKeyId } from '../../../src/adapters/secrets/aes-gcm-secret-cipher.ts';
import { PermanentError } from '../../../src/contracts/errors.ts';

const secret = 'v^1.1#i^1#r^1#p^3#I^3#f^0#t^Ul4xMF8yOkE3QjYxNTM0RjY0NzM5QjZGNDI1N0RGMUU2NjE0Mjk1XzJfMSNFXjI2MA==';

describe('AesGcmSecretCipher', () => {
  const key = randomBytes(32);

  it('gives back the plaintext it encrypted, and the ciphertext does not contain it', () => {
    const cipher = new AesGcmSecretCipher({ current: key });
    const encrypted = cipher.encrypt(secret);
    expect(encrypted.keyId).toBe(computeKeyId(key));
    expect(encrypted.ciphertext).not.toContain(secret);
    expect(encrypted.ciphertext.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(encrypted)).toBe(secret);
  });

  it('uses a fresh IV for each secret, so the same token never encrypts to the same text', () => {
    const cipher = new AesGcmSecretCipher({ current: key });
    expect(cipher.encrypt(secret).ciphertext).not.toBe(cipher.encrypt(secret).ciphertext);
  });

  it('refuses a ciphertext with one byte changed', () => {
    const cipher = new AesGcmSecretCipher({ current: key });
    const encrypted = cipher.encrypt(secret);
    const bytes = Buffer.from(encrypted.ciphertext.slice(3), 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    const tampered = { ...encrypted, ciphertext: `v1.${bytes.toString('base64url')}` };
    expect(() => cipher.decrypt(tampered)).toThrow(/does not decrypt/);
  });

  it('refuses a ciphertext passed off under another configured key id', () => {
    const previous = randomBytes(32);
    const cipher = new AesGcmSecretCipher({ current: key, previous: [previous] });
    const encrypted = cipher.encrypt(secret);
    expect(() => cipher.decrypt({ ...encrypted, keyId: computeKeyId(previous) })).toThrow(PermanentError);
  });

  it('refuses text that is not one of its ciphertexts', () => {
    const cipher = new AesGcmSecretCipher({ current: key });
    expect(() => cipher.decrypt({ keyId: cipher.currentKeyId, ciphertext: 'plain refresh token' })).toThrow(/does not decrypt/);
  });

  describe('key rotation', () => {
    it('decrypts what an old key encrypted while that key is listed as previous, and encrypts with the new one', () => {
      const oldKey = randomBytes(32);
      const stored = new AesGcmSecretCipher({ current: oldKey }).encrypt(secret);
      const rotated = new AesGcmSecretCipher({ current: key, previous: [oldKey] });
      expect(rotated.decrypt(stored)).toBe(secret);
      expect(rotated.encrypt(secret).keyId).toBe(computeKeyId(key));
      expect(rotated.currentKeyId).not.toBe(stored.keyId);
    });

    it('names the missing key when an old key was removed too soon', () => {
      const oldKey = randomBytes(32);
      const stored = new AesGcmSecretCipher({ current: oldKey }).encrypt(secret);
      const withoutOld = new AesGcmSecretCipher({ current: key });
      expect(() => withoutOld.decrypt(stored)).toThrow(new RegExp(`key ${stored.keyId}.*EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS`));
    });
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new AesGcmSecretCipher({ current: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
