// Per-organization mail rate limit: a fixed window counter in Redis, shared by every worker, so
// one organization inviting thousands cannot hold back the others' mail (or burn the SMTP quota).
import type { Redis } from 'ioredis';

export class OrgMailRateLimit {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one mail for the organization; returns 0 to send now, or how many ms to wait. */
  async take(orgId: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / this.windowMs);
    const key = `${this.prefix}:mail-rate:${orgId}:${window}`;
    const [[, count] = []] = (await this.redis.multi().incr(key).pexpire(key, this.windowMs * 2).exec()) ?? [];
    const n = Number(count);
    if (n <= this.limit) return 0;
    // Over the limit: wait for the window this mail would fit in, so waiting mails spread out
    // over the following windows instead of all waking at the next one.
    const windowsAhead = Math.floor((n - 1) / this.limit);
    return (window + windowsAhead) * this.windowMs - now + Math.floor(Math.random() * Math.min(this.windowMs, 1000));
  }
}
