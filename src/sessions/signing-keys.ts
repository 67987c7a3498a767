// Session-token signing keys: Ed25519 (JWS alg EdDSA, RFC 8037), each with a `kid`, the private half
// sealed at rest. Rotation with overlap: a new key is published in the JWKS at once but only starts
// signing after PREPUBLISH_MS, so verifiers that cache the JWKS already know it; the previous key stays
// published until every token it signed has expired. Shared by all instances through PostgreSQL.
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { Knex } from 'knex';
import type { SecretBox } from './secret-box.ts';
import * as store from './keys-store.ts';

export const SESSION_TOKEN_ALG = 'EdDSA';
export const SESSION_TOKEN_AUDIENCE = 'gatehouse-session';
export const PREPUBLISH_MS = 10 * 60_000;
const RELOAD_MS = 60_000;
const SEAL_PURPOSE = 'session-signing-key';

interface LoadedKey {
  kid: string;
  createdAt: number;
  publicJwk: JWK;
  publicKey: CryptoKey;
  privateKey: CryptoKey | null;
}

export interface SigningKeysOptions {
  issuer: string;
  tokenTtlSeconds: number;
  rotationDays: number;
  box: SecretBox;
}

export class SigningKeys {
  private keys: LoadedKey[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Knex, private readonly opts: SigningKeysOptions) {}

  /** Signs a session token with the current key. */
  async sign(claims: JWTPayload, subject: string, expiresAt: Date): Promise<string> {
    const key = await this.signingKey();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: SESSION_TOKEN_ALG, kid: key.kid, typ: 'JWT' })
      .setIssuer(this.opts.issuer)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key.privateKey!);
  }

  /** Verifies signature (published keys only, EdDSA only), issuer, audience and expiry. Throws if invalid. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, async (header) => (await this.publishedKey(header.kid)).publicKey, {
      algorithms: [SESSION_TOKEN_ALG],
      issuer: this.opts.issuer,
      audience: SESSION_TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'sid', 'exp', 'iat'],
    });
    return payload;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.ensureLoaded();
    return { keys: this.published().map((k) => ({ ...k.publicJwk, kid: k.kid, alg: SESSION_TOKEN_ALG, use: 'sig' })) };
  }

  /**
   * Adds a new key. Normally it signs after PREPUBLISH_MS; `immediately` (a compromised key) makes it
   * sign at once, at the price of verifiers with a cached JWKS refetching it.
   */
  async rotate(opts: { immediately?: boolean } = {}): Promise<string> {
    const kid = await this.createKey(opts.immediately ? new Date(Date.now() - PREPUBLISH_MS) : new Date());
    await this.reload();
    return kid;
  }

  /** Withdraws a key at once: tokens it signed stop verifying (key compromise). */
  async withdraw(kid: string): Promise<void> {
    await store.retireKey(this.db, kid);
    await this.reload();
  }

  private async createKey(createdAt: Date): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(SESSION_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
    const kid = `${createdAt.toISOString().slice(0, 10)}_${randomBytes(6).toString('base64url')}`;
    await store.insertKey(this.db, {
      kid,
      alg: SESSION_TOKEN_ALG,
      public_jwk: await exportJWK(publicKey),
      private_jwk_sealed: this.opts.box.seal(JSON.stringify(await exportJWK(privateKey)), SEAL_PURPOSE),
      created_at: createdAt,
    });
    return kid;
  }

  /** The newest key past its pre-publication; the very first key signs at once. Rotates when due. */
  private async signingKey(): Promise<LoadedKey> {
    await this.ensureLoaded();
    const newest = this.keys[0];
    if (!newest || Date.now() - newest.createdAt > this.opts.rotationDays * 86_400_000) {
      await store.withKeyLock(this.db, async (tx) => {
        // Another instance may have rotated while we waited for the lock.
        const latest = await store.newestKeyCreatedAt(tx);
        if (!latest || Date.now() - latest.getTime() > this.opts.rotationDays * 86_400_000) {
          await this.createKey(newest ? new Date() : new Date(Date.now() - PREPUBLISH_MS));
        }
      });
      await this.reload();
    }
    const now = Date.now();
    const key = this.keys.find((k) => k.createdAt <= now - PREPUBLISH_MS) ?? this.keys[this.keys.length - 1]!;
    if (!key.privateKey) throw new Error(`session signing key ${key.kid} cannot be opened with the configured ENCRYPTION_KEY`);
    return key;
  }

  /** Pre-published keys, the signing key, and older keys whose tokens may still be live. */
  private published(): LoadedKey[] {
    const now = Date.now();
    const out: LoadedKey[] = [];
    let successorSignedSince: number | null = null;
    for (const k of this.keys) {
      if (successorSignedSince === null || successorSignedSince > now - (this.opts.tokenTtlSeconds * 1000 + 60_000)) out.push(k);
      const signsFrom = k.createdAt + PREPUBLISH_MS;
      if (signsFrom <= now) successorSignedSince = Math.min(successorSignedSince ?? Infinity, signsFrom);
    }
    return out;
  }

  private async publishedKey(kid: string | undefined): Promise<LoadedKey> {
    await this.ensureLoaded();
    let key = this.published().find((k) => k.kid === kid);
    // A key another instance created since our last load: reload once, at most every few seconds.
    if (!key && kid && Date.now() - this.loadedAt > 5_000) {
      await this.reload();
      key = this.published().find((k) => k.kid === kid);
    }
    if (!key) throw new Error('unknown or withdrawn key id');
    return key;
  }

  private async ensureLoaded(): Promise<void> {
    if (Date.now() - this.loadedAt > RELOAD_MS) await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const rows = await store.liveKeys(this.db);
        this.keys = await Promise.all(rows.map(async (r) => ({
          kid: r.kid,
          createdAt: r.created_at.getTime(),
          publicJwk: r.public_jwk,
          publicKey: (await importJWK(r.public_jwk, SESSION_TOKEN_ALG)) as CryptoKey,
          privateKey: await this.openPrivate(r.private_jwk_sealed),
        })));
        this.loadedAt = Date.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private async openPrivate(sealed: string): Promise<CryptoKey | null> {
    try {
      return (await importJWK(JSON.parse(this.opts.box.open(sealed, SEAL_PURPOSE)) as JWK, SESSION_TOKEN_ALG)) as CryptoKey;
    } catch {
      return null; // sealed under another ENCRYPTION_KEY: still usable for verification
    }
  }
}
