// Removes a test's queue keys from a shared Redis (each test uses its own key prefix).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const testQueuePrefix = () => `gh-test-${randomBytes(4).toString('hex')}`;

export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
