// Per-organization mail rate limit: a fixed window counter in Redis, shared by every worker, so
// one organization inviting thousands cannot hold back the others' mail (or burn the SMTP quota).
// A worker takes its allowance from Redis a few mails at a time and hands it out locally: the
// limit still holds across workers (every mail is counted in Redis before it is sent), at the cost
// of a few unused mails per worker and window when an organization goes quiet.
import type { Redis } from 'ioredis';

const BLOCK = 10;

export class OrgMailRateLimit {
  private readonly local = new Map<string, { window: number; left: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one mail for the organization; returns 0 to send now, or how many ms to wait. */
  async take(orgId: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / this.windowMs);
    const mine = this.local.get(orgId);
    if (mine && mine.window === window && mine.left > 0) {
      mine.left--;
      return 0;
    }
    const block = Math.min(BLOCK, this.limit);
    const key = `${this.prefix}:mail-rate:${orgId}:${window}`;
    const [[, count] = []] = (await this.redis.multi().incrby(key, block).pexpire(key, this.windowMs * 2).exec()) ?? [];
    const granted = Math.max(0, Math.min(block, this.limit - (Number(count) - block)));
    if (granted > 0) {
      this.local.set(orgId, { window, left: granted - 1 });
      return 0;
    }
    this.local.delete(orgId);
    // Over the limit: wait for the window this mail would fit in, so waiting mails spread out over
    // the following windows instead of all waking at the next one.
    const windowsAhead = Math.max(1, Math.floor((Number(count) - block) / this.limit));
    return (window + windowsAhead) * this.windowMs - now + Math.floor(Math.random() * Math.min(this.windowMs, 1000));
  }
}
