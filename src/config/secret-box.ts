// Encrypts a secret at rest with AES-256-GCM under SECRETS_ENCRYPTION_KEY: a fresh 12-byte IV per
// value, the 16-byte tag kept beside it, and the secret's name as additional data, so a value
// copied under another name does not decrypt. It knows nothing of files or of what the secret is.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedSecret {
  alg: 'aes-256-gcm';
  iv: string;
  tag: string;
  ciphertext: string;
}

export function sealSecret(key: Buffer, name: string, plaintext: string): SealedSecret {
  assertKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The plaintext, or null when the key is wrong or the value was altered (GCM's tag check). */
export function openSecret(key: Buffer, name: string, sealed: SealedSecret): string | null {
  assertKey(key);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError(`an AES-256 key is 32 bytes, got ${key.length}`);
}
