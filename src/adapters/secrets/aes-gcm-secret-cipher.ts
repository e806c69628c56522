import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PermanentError } from '../../contracts/errors.ts';
import type { EncryptedSecret, SecretCipher } from '../../ports/secret-cipher.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** A key's id: a short hash of it, so rows name their key without revealing anything of it. */
export function computeKeyId(key: Uint8Array): string {
  return createHash('sha256').update('easyflip secret key id\0').update(key).digest('hex').slice(0, 16);
}

/**
 * AES-256-GCM with a fresh 96-bit IV per secret. The stored text is `v1.` and base64url of
 * IV ‖ tag ‖ ciphertext; the key id is bound in as additional data, so a ciphertext cannot be
 * passed off under another key's id. Previous keys decrypt what they encrypted until every row
 * was written again under the current one (keys rotate without a migration).
 */
export class AesGcmSecretCipher implements SecretCipher {
  readonly currentKeyId: string;
  readonly #current: Buffer;
  readonly #keys = new Map<string, Buffer>();

  constructor(keys: { current: Uint8Array; previous?: readonly Uint8Array[] }) {
    for (const key of [keys.current, ...(keys.previous ?? [])]) {
      if (key.length !== KEY_BYTES) throw new Error(`An encryption key must be ${KEY_BYTES} bytes; one is ${key.length}.`);
      const id = computeKeyId(key);
      if (!this.#keys.has(id)) this.#keys.set(id, Buffer.from(key));
    }
    this.#current = Buffer.from(keys.current);
    this.currentKeyId = computeKeyId(keys.current);
  }

  encrypt(plaintext: string): EncryptedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current, iv);
    cipher.setAAD(Buffer.from(this.currentKeyId, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const packed = Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64url');
    return { keyId: this.currentKeyId, ciphertext: `${FORMAT}.${packed}` };
  }

  decrypt(secret: EncryptedSecret): string {
    const key = this.#keys.get(secret.keyId);
    if (!key) {
      throw new PermanentError(
        'INTERNAL',
        `A stored secret was encrypted with key ${secret.keyId}, which is not configured: put that key back in EBAY_TOKEN_ENCRYPTION_KEYS_PREVIOUS.`,
      );
    }
    const [format, packed] = secret.ciphertext.split('.');
    const bytes = Buffer.from(packed ?? '', 'base64url');
    if (format !== FORMAT || bytes.length < IV_BYTES + TAG_BYTES) throw unreadable(secret.keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(secret.keyId, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      throw unreadable(secret.keyId, error);
    }
  }
}

function unreadable(keyId: string, cause?: unknown): PermanentError {
  return new PermanentError('INTERNAL', `A stored secret (key ${keyId}) does not decrypt: it was altered or is not ours.`, { cause });
}
