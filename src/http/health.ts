// /healthz (the process answers) and /readyz (the database answers; other dependencies only degrade).
import type { Router } from 'express';
import type { ReadinessCheck } from '../app-deps.ts';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export function mountHealth(router: Router, checks: ReadinessCheck[], isShuttingDown: () => boolean): void {
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await withTimeout(c.check(), 2000);
          return { name: c.name, critical: c.critical, status: 'up' as const };
        } catch (err) {
          return { name: c.name, critical: c.critical, status: 'down' as const, error: (err as Error).message };
        }
      }),
    );
    const unready = isShuttingDown() || results.some((r) => r.critical && r.status === 'down');
    const degraded = results.some((r) => r.status === 'down');
    res.status(unready ? 503 : 200).json({
      status: unready ? (isShuttingDown() ? 'shutting_down' : 'unready') : degraded ? 'degraded' : 'ready',
      dependencies: Object.fromEntries(results.map(({ name, ...r }) => [name, r])),
    });
  });
}
