// What every section of the SCIM benchmark works with: a fresh database, one Gatehouse instance and
// the bare baseline route (each in a process of its own), an organization with a SCIM token.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import knexFactory, { type Knex } from 'knex';
import { httpCall, type HttpAnswer } from '../lib/http.ts';
import { percentile, type Figures } from '../lib/measure.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One database per run: two runs at once (other worktrees on a shared machine) must not drop each other's.
const DB_NAME = `gatehouse_bench_scim_${process.pid}`;
const BOOT = `boot_${'b'.repeat(40)}`;

export interface BenchContext {
  scim: string;
  auth: Record<string, string>;
  bare: string;
  orgId: string;
  db: Knex;
  gatehousePid: number;
  barePid: number;
  /** CPU ms used so far by a server process and the PostgreSQL backends serving it. */
  cpu(side: 'gatehouse' | 'baseline'): Promise<number>;
  close(): Promise<void>;
}

export function call(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<HttpAnswer> {
  return httpCall(url, method, { ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }), ...headers }, body === undefined ? undefined : JSON.stringify(body));
}

export async function ok(p: Promise<HttpAnswer>, expect: number): Promise<HttpAnswer> {
  const r = await p;
  if (r.status !== expect) throw new Error(`expected ${expect}, got ${r.status}: ${r.body.slice(0, 300)}`);
  return r;
}

async function child(script: string, url: string, appName: string): Promise<{ url: string; proc: ChildProcess }> {
  const withName = new URL(url);
  withName.searchParams.set('application_name', appName); // tells its PostgreSQL backends apart (cpuMs)
  const proc = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname], {
    env: { ...process.env, DATABASE_URL: withName.toString(), BOOTSTRAP_TOKEN: BOOT, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).once('line', resolve));
  return { url: (JSON.parse(line) as { url: string }).url, proc };
}

export async function startBench(): Promise<BenchContext> {
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists ${DB_NAME} with (force)`);
  await admin.raw(`create database ${DB_NAME}`);
  await admin.destroy();
  const dbUrl = (() => { const u = new URL(ADMIN_URL); u.pathname = `/${DB_NAME}`; return u.toString(); })();
  const gh = await child('./serve-gatehouse.ts', dbUrl, 'bench-gatehouse');
  const bare = await child('./serve-baseline.ts', dbUrl, 'bench-baseline');
  const db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 4 } });
  const org = JSON.parse((await ok(call(`${gh.url}/v1/orgs`, 'POST', { Authorization: `Bearer ${BOOT}`, 'Content-Type': 'application/json' }, { slug: 'bench', name: 'Bench' }), 201)).body);
  const token = JSON.parse((await ok(call(`${gh.url}/v1/orgs/bench/scim-tokens`, 'POST', { Authorization: `Bearer ${org.ownerApiKey.secret}`, 'Content-Type': 'application/json' }, { name: 'bench' }), 201)).body).secret as string;
  return {
    scim: `${gh.url}/scim/v2`,
    auth: { Authorization: `Bearer ${token}` },
    bare: bare.url,
    orgId: org.organization.id as string,
    db,
    gatehousePid: gh.proc.pid!,
    barePid: bare.proc.pid!,
    async cpu(side) {
      const pids = (await db('pg_stat_activity').where({ application_name: `bench-${side}` }).pluck('pid')) as number[];
      return cpuMs(side === 'gatehouse' ? gh.proc.pid! : bare.proc.pid!) + pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
    },
    async close() {
      await db.destroy();
      gh.proc.kill('SIGKILL');
      bare.proc.kill('SIGKILL');
      await Promise.all([gh, bare].map((c) => new Promise((r) => (c.proc.exitCode !== null ? r(null) : c.proc.once('exit', r)))));
      const drop = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
      await drop.raw(`drop database if exists ${DB_NAME} with (force)`);
      await drop.destroy();
    },
  };
}

/** CPU milliseconds a process has used so far (Linux /proc): a cost that does not depend on the machine's load. */
export function cpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0; // a backend that ended meanwhile
  }
  const fields = stat.split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Median and spread of a few timed runs of `op`. */
export async function timed(rounds: number, op: (round: number) => Promise<unknown>): Promise<{ median: number; min: number; max: number }> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await op(r);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), min: times[0]!, max: times.at(-1)! };
}

/**
 * Runs `a` and `b` in alternating slices (a, b, a, b…) so both meet the same background load on a
 * shared machine, and returns each side's combined figures.
 */
export async function interleaved(total: number, clients: number, slices: number, a: (i: number) => Promise<void>, b: (i: number) => Promise<void>): Promise<[Figures, Figures]> {
  const sides = [{ op: a, times: [] as number[], seconds: 0 }, { op: b, times: [] as number[], seconds: 0 }];
  const per = Math.ceil(total / slices);
  for (let s = 0; s < slices; s++) {
    for (const side of s % 2 ? [...sides].reverse() : sides) {
      let next = s * per;
      const end = Math.min(total, next + per);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, async () => {
        for (let i = next++; i < end; i = next++) {
          const t = performance.now();
          await side.op(i);
          side.times.push(performance.now() - t);
        }
      }));
      side.seconds += (performance.now() - t0) / 1000;
    }
  }
  return sides.map((side) => {
    side.times.sort((x, y) => x - y);
    return { count: side.times.length, seconds: side.seconds, perSecond: side.times.length / side.seconds, p50Ms: percentile(side.times, 50), p99Ms: percentile(side.times, 99) };
  }) as [Figures, Figures];
}

export const oktaUser = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Bench', familyName: 'User' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Bench User',
  locale: 'en-US',
  externalId: `00u${userName}`,
  groups: [],
  password: 'placeholder',
  active: true,
});

export const patchOp = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
