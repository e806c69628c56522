/** A secret as it is kept at rest: the ciphertext and the id of the key that made it. */
export interface EncryptedSecret {
  keyId: string;
  ciphertext: string;
}

/** Encrypts secrets for storage; decrypts with the current key or any previous one still configured. */
export interface SecretCipher {
  readonly currentKeyId: string;
  encrypt(plaintext: string): EncryptedSecret;
  /** Throws a PermanentError when the key is gone or the ciphertext was altered. */
  decrypt(secret: EncryptedSecret): string;
}

