// Encryption at rest for what must be stored readable by us but never readable from a database dump:
// session signing keys, IdP client secrets, SP private keys, PKCE verifiers. AES-256-GCM with a key
// derived (HKDF-SHA256) from the configured ENCRYPTION_KEY; the purpose string is bound as AAD, so a
// sealed value cannot be moved into another column and still open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plaintext: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
}

/** Used only when ENCRYPTION_KEY is unset (laptops, tests); server.ts warns about it once at start. */
export const DEV_ENCRYPTION_KEY = 'gatehouse-development-only-encryption-key-not-secret';

const cache = new Map<string, SecretBox>();

export function secretBox(encryptionKey: string | null): SecretBox {
  const material = encryptionKey ?? DEV_ENCRYPTION_KEY;
  const hit = cache.get(material);
  if (hit) return hit;
  const key = Buffer.from(hkdfSync('sha256', material, 'gatehouse', 'secret-box v1', 32));
  const box: SecretBox = {
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
    },
    open(sealed, purpose) {
      const [v, iv, body, tag] = sealed.split('.');
      if (v !== 'v1' || !iv || body === undefined || !tag) throw new Error('sealed value has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
  cache.set(material, box);
  return box;
}
