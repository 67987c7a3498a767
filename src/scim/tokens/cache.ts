// Live SCIM tokens remembered by one instance, so an IdP's stream of reads and creates costs one
// database round trip each instead of two (issue 15.7: the token lookup was a third of a create's
// time on a loaded machine). Revocation still stops a token at once, on every instance: a trigger
// (migration 0029) notifies `gatehouse_scim_tokens` whenever a token row is revoked or deleted,
// whoever does it, and every instance LISTENs on a connection of its own. While that connection is
// down, nothing is remembered; after it comes back, everything is forgotten (notices may have been
// missed). A lookup that raced a notice is not remembered either (the generation moved).
//
// What may use a remembered token: requests any live token may make (reads and creates). Changes
// that may touch an owner (PUT, PATCH, DELETE, Bulk) read the token afresh, with its scope.
import type { Knex } from 'knex';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { LiveScimToken } from './store.ts';

export const TOKEN_CHANNEL = 'gatehouse_scim_tokens';
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

class TokenCache {
  private readonly entries = new Map<string, { token: LiveScimToken; at: number }>();
  private client: pg.Client | null = null;
  private generation = 0;
  private closed = false;
  private retryMs = 500;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Knex, private readonly logger: Logger) {
    void this.listen();
  }

  get live(): boolean {
    return this.client !== null && !this.closed;
  }

  get(hash: string): LiveScimToken | undefined {
    if (!this.live) return undefined;
    const e = this.entries.get(hash);
    if (!e || Date.now() - e.at > TTL_MS) return undefined;
    return e.token;
  }

  /** The generation to pass to `remember`: taken before the lookup it guards. */
  mark(): number {
    return this.generation;
  }

  remember(hash: string, token: LiveScimToken, generation: number): void {
    if (!this.live || generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(hash, { token, at: Date.now() });
  }

  /** Forgets a token at once in this instance (the notice reaches the others). */
  forget(tokenId: string | null): void {
    this.generation++;
    if (tokenId === null) this.entries.clear();
    else for (const [hash, e] of this.entries) if (e.token.id === tokenId) this.entries.delete(hash);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    let client: pg.Client | null = null;
    try {
      client = (await (this.db.client as { acquireRawConnection(): Promise<pg.Client> }).acquireRawConnection()) as pg.Client;
      const down = () => this.down(client!);
      client.on('error', down);
      client.on('end', down);
      client.on('notification', (n) => this.forget(n.payload || null));
      await client.query(`listen ${TOKEN_CHANNEL}`);
      if (this.closed) return void client.end().catch(() => {});
      this.forget(null);
      this.client = client;
      this.retryMs = 500;
    } catch (err) {
      client?.end().catch(() => {});
      if (!this.closed) {
        this.logger.warn({ err }, 'SCIM token notices unavailable; every SCIM request reads its token');
        this.timer = setTimeout(() => void this.listen(), this.retryMs);
        this.timer.unref();
        this.retryMs = Math.min(30_000, this.retryMs * 2);
      }
    }
  }

  private down(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.forget(null);
    client.end().catch(() => {});
    if (!this.closed) {
      this.timer = setTimeout(() => void this.listen(), this.retryMs);
      this.timer.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    this.entries.clear();
    await c?.end().catch(() => {});
  }
}

const caches = new WeakMap<Knex, TokenCache | null>();

/** The instance's cache, or null where there is no LISTEN (the embedded PGlite: one process). */
export function tokenCache(db: Knex, logger: Logger): TokenCache | null {
  if (!caches.has(db)) caches.set(db, (db.client as { config?: { client?: unknown } }).config?.client === 'pg' ? new TokenCache(db, logger) : null);
  return caches.get(db)!;
}

/** This process forgets a token it revoked before answering (other instances hear the notice). */
export function forgetToken(db: Knex, tokenId: string): void {
  caches.get(db)?.forget(tokenId);
}

/** Stops the instance's listener (server shutdown, before the database is closed). */
export async function closeTokenCache(db: Knex): Promise<void> {
  await caches.get(db)?.close();
  caches.set(db, null);
}
