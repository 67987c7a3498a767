// Per-organization mail rate limit: a fixed-window counter in Redis, shared by every worker, so
// one organization inviting thousands cannot hold back the others' mail (or burn the SMTP quota).
// It counts exactly the mails that go out: one atomic script counts a mail only while its window
// has room, and a mail that does not go out after all (sent already by another job, superseded,
// refused by SMTP) gives its count back. Mails told to wait are numbered in a second counter and
// spread over the windows ahead by that number, instead of all waking at the next one.
import type { Redis } from 'ioredis';

// KEYS[1]: the window's count of mails going out; KEYS[2]: of mails told to wait. ARGV: limit, ttl ms.
// Returns 0 (go), or the mail's place among those waiting.
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n <= tonumber(ARGV[1]) then return 0 end
redis.call('DECR', KEYS[1])
local p = redis.call('INCR', KEYS[2])
if p == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return p`;

// Gives one count back, unless the window's key is gone (expired: nothing to give back to).
const GIVE_BACK = `if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`;

type Scripted = Redis & {
  mailRateTake(count: string, waiting: string, limit: number, ttlMs: number): Promise<number>;
  mailRateGiveBack(count: string): Promise<number>;
};

export interface RateTicket {
  /** 0: send now; otherwise how many ms to wait before asking again. */
  readonly waitMs: number;
  /** The mail did not go out after all: its count is given back (once). */
  giveBack(): Promise<void>;
}

export class OrgMailRateLimit {
  private readonly redis: Scripted;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    redis.defineCommand('mailRateTake', { numberOfKeys: 2, lua: TAKE });
    redis.defineCommand('mailRateGiveBack', { numberOfKeys: 1, lua: GIVE_BACK });
    this.redis = redis as Scripted;
  }

  /** The Redis key counting the organization's mails in the window of `now` (tests read it). */
  countKey(orgId: string, now = Date.now()): string {
    return `${this.prefix}:mail-rate:${orgId}:${Math.floor(now / this.windowMs)}`;
  }

  /** Counts one mail for the organization, if its window has room. */
  async take(orgId: string, now = Date.now()): Promise<RateTicket> {
    const window = Math.floor(now / this.windowMs);
    const key = this.countKey(orgId, now);
    const place = await this.redis.mailRateTake(key, `${this.prefix}:mail-rate-waiting:${orgId}:${window}`, this.limit, this.windowMs * 2);
    if (place === 0) {
      let given = false;
      return {
        waitMs: 0,
        giveBack: async () => {
          if (given) return;
          given = true;
          await this.redis.mailRateGiveBack(key);
        },
      };
    }
    // The n-th mail told to wait in this window tries again in window + 1 + floor((n - 1) / limit).
    const windowsAhead = 1 + Math.floor((place - 1) / this.limit);
    const jitter = Math.floor(Math.random() * Math.min(this.windowMs, 1000));
    return { waitMs: (window + windowsAhead) * this.windowMs - now + jitter, giveBack: async () => {} };
  }
}
