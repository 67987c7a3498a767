// Credentials (API keys, SCIM tokens, invitation links, session ids) are random 256-bit values,
// shown once and stored only as their SHA-256: a database leak does not leak a usable credential.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret: `<prefix>_` + 43 base64url characters (32 random bytes). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** The last characters of a secret, safe to show in listings. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}

export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(hashSecret(a), hashSecret(b));
}
