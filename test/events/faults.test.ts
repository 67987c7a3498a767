// Faults, with real receivers on loopback: a receiver down for a while then back (everything
// delivered, in order per subject), Redis lost and restarted empty (deliveries never depended on it),
// the worker killed mid-delivery (nothing lost; a duplicate only with the same webhook-id), and a
// 100,000-member replace producing a bounded number of events.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import knexFactory from 'knex';
import supertest from 'supertest';
import { ownerUrl } from '../helpers/database.ts';
import type { TestServer } from '../helpers/server.ts';
import { startRedisPeer, type RedisPeer } from '../mail/helpers/redis-peer.ts';
import { startWebhookReceiver, type Received, type WebhookReceiver } from '../peers/webhook-receiver.ts';
import { createGroup, createUser, patchOp, scimOrg } from '../scim/helpers.ts';
import { eventsBed, eventually, readFeed, startEventsServer, subscribe } from './helpers.ts';

type ScimOrg = Awaited<ReturnType<typeof scimOrg>>;

/** Five people, each renamed `rounds` times: events about one subject that must arrive in order. */
async function renames(org: ScimOrg, users: string[], rounds: number, tag: string) {
  for (let round = 1; round <= rounds; round++) {
    await Promise.all(users.map(async (id) => {
      const res = await org.scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'displayName', value: `${tag} ${round}` }));
      assert.ok(res.status < 300, res.text);
    }));
  }
}

/** Every event of the organization arrived, and each subject's events arrived in sequence order. */
function assertCompleteAndOrdered(received: Received[], orgId: string, expectedSeqs: number[]) {
  const mine = received.filter((r) => (r.event.organization as { id: string }).id === orgId);
  assert.deepEqual([...new Set(mine.map((r) => r.event.sequence))].sort((a, b) => a - b), expectedSeqs, 'every event delivered');
  const bySubject = new Map<string, number[]>();
  for (const r of mine) (bySubject.get(r.event.subject.id) ?? bySubject.set(r.event.subject.id, []).get(r.event.subject.id)!).push(r.event.sequence);
  for (const [subject, seqs] of bySubject) {
    const firsts = seqs.filter((s, i) => seqs.indexOf(s) === i);
    assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b), `events about ${subject} arrive in order`);
  }
  for (const r of mine) assert.equal(r.id, r.event.id, 'a duplicate carries the same webhook-id');
}

/** The sequence numbers of the organization's user events, once the relay has recorded all `n`. */
const feedSeqs = (server: TestServer, org: ScimOrg, n: number) =>
  eventually(async () => (await readFeed(server, org, '&types=user.*')).map((e) => e.sequence), (seqs) => seqs.length >= n);

describe('a receiver down for a while, then back', () => {
  const bed = eventsBed();

  it('gets everything once it is back, in order per subject', async () => {
    const org = await scimOrg(bed.server);
    await subscribe(bed.server, org, bed.receiver, ['user.*']);
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(org.scim)));
    await bed.receiver.waitFor((r) => r.length >= 5);
    await bed.receiver.stop();
    await renames(org, users, 4, 'while down');
    await new Promise((r) => setTimeout(r, 1200)); // several failed attempts
    const pending = await bed.server.deps.db('webhook_deliveries').where('org_id', org.id).where('attempts', '>=', 2).whereNot('status', 'delivered').count<{ n: string }[]>('* as n');
    assert.ok(Number(pending[0]!.n) >= 1, 'deliveries were retried while the receiver was down');
    await bed.receiver.start();
    await renames(org, users, 1, 'after');
    const expected = await feedSeqs(bed.server, org, 5 + 5 * 5);
    await bed.receiver.waitFor((r) => new Set(r.filter((x) => (x.event.organization as { id: string }).id === org.id).map((x) => x.event.sequence)).size >= expected.length, 30_000);
    assertCompleteAndOrdered(bed.receiver.received, org.id, expected);
    for (const id of users) {
      const names = bed.receiver.received.filter((r) => r.event.subject.id === id && r.event.type === 'user.updated').map((r) => (r.event.data.object as { displayName: string }).displayName);
      assert.deepEqual([...new Set(names)], ['while down 1', 'while down 2', 'while down 3', 'while down 4', 'after 1']);
    }
  });
});

describe('Redis lost and restarted empty', () => {
  let redis: RedisPeer;
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    redis = await startRedisPeer();
    server = await startEventsServer({ redisUrl: redis.url });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await server.close();
    await redis.stop();
  });

  it('delivers before, during and after the outage (PostgreSQL holds the queue)', async () => {
    const org = await scimOrg(server);
    await subscribe(server, org, receiver, ['user.*']);
    const users = await Promise.all([1, 2, 3].map(() => createUser(org.scim)));
    await renames(org, users, 1, 'before');
    await redis.stop();
    await renames(org, users, 2, 'during');
    const ready = await eventually(async () => (await supertest(server.url).get('/readyz')).body, (b) => b.dependencies?.redis?.status === 'down');
    assert.equal(ready.dependencies.events.status, 'up');
    await receiver.waitFor((r) => r.filter((x) => (x.event.data.object as { displayName?: string }).displayName === 'during 2').length >= 3);
    await redis.start();
    await renames(org, users, 1, 'after');
    const expected = await feedSeqs(server, org, 3 + 3 * 4);
    await receiver.waitFor((r) => new Set(r.filter((x) => (x.event.organization as { id: string }).id === org.id).map((x) => x.event.sequence)).size >= expected.length);
    assertCompleteAndOrdered(receiver.received, org.id, expected);
  });
});

describe('the events worker killed mid-delivery', () => {
  const workerMain = fileURLToPath(new URL('../../src/events/worker-main.ts', import.meta.url));
  let server: TestServer;
  let receiver: WebhookReceiver;
  const children: ChildProcess[] = [];
  const startWorker = async () => {
    const child = fork(workerMain, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: server.databaseUrl, EVENTS_RELAY_INTERVAL_MS: '20', WEBHOOK_POLL_INTERVAL_MS: '20',
        WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_DELAY_MS: '300', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_ALLOW_HTTP: 'true',
      },
    });
    children.push(child);
    await once(child, 'message');
    return child;
  };
  before(async () => {
    server = await startEventsServer({ eventsWorker: false }); // relays, delivers nothing
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await receiver.close();
    await server.close();
  });

  it('loses nothing: the interrupted delivery goes again with the same webhook-id', async () => {
    const org = await scimOrg(server);
    await subscribe(server, org, receiver, ['user.*']);
    receiver.mode = 'hold';
    const doomed = await startWorker();
    const users = await Promise.all([1, 2].map(() => createUser(org.scim)));
    await receiver.waitFor(() => receiver.heldIds.length >= 1);
    const interrupted = [...receiver.heldIds];
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    await receiver.stop(); // the dead worker's requests were never answered
    receiver.mode = 'accept';
    await receiver.start();
    await renames(org, users, 2, 'while dead');
    await startWorker();
    const expected = await feedSeqs(server, org, 2 + 2 * 2);
    await receiver.waitFor((r) => new Set(r.filter((x) => (x.event.organization as { id: string }).id === org.id).map((x) => x.event.sequence)).size >= expected.length, 30_000);
    assertCompleteAndOrdered(receiver.received, org.id, expected);
    for (const id of interrupted) assert.ok(receiver.received.some((r) => r.id === id), `the interrupted delivery ${id} arrived, with its webhook-id`);
    const log = await server.deps.db('webhook_attempts').where('org_id', org.id).whereLike('error', '%lease ran out%');
    assert.ok(log.length >= 1, 'the delivery log says the worker stopped mid-attempt');
  });
});

describe('a 100,000-member replace', () => {
  const bed = eventsBed();

  it('produces one event per direction with every id, delivered and verifiable', async () => {
    const org = await scimOrg(bed.server);
    const groupId = await createGroup(org.scim, 'everyone');
    // Fixtures loaded in bulk without firing the outbox triggers (session_replication_role is the
    // standard bulk-load switch, local to this transaction, and the schema owner's to set, not the
    // service's): 150,000 people, 100,000 of them members.
    const owner = knexFactory({ client: 'pg', connection: ownerUrl(bed.server.databaseUrl), pool: { min: 0, max: 1 } });
    await owner.transaction(async (tx) => {
      await tx.raw(`set local session_replication_role = replica`);
      await tx.raw(`insert into users (org_id, user_name, display_name, source) select ?, 'bulk' || n || '@example.com', 'Bulk ' || n, 'scim' from generate_series(1, 150000) n`, [org.id]);
      await tx.raw(`insert into group_members (org_id, group_id, user_id) select ?, ?, id from users where org_id = ? and user_name like 'bulk%' order by user_name limit 100000`, [org.id, groupId, org.id]);
    });
    await owner.raw('analyze users, group_members'); // as autovacuum would after a bulk load (this PostgreSQL runs without it)
    await owner.destroy();
    const ids = (await bed.server.deps.db('users').where('org_id', org.id).whereLike('user_name', 'bulk%').orderBy('user_name').pluck('id')) as string[];
    await subscribe(bed.server, org, bed.receiver, ['group.*']);
    const replacement = ids.slice(50_000); // 100,000 members: 50,000 stay, 50,000 leave, 50,000 join
    const res = await org.scim.put(`/Groups/${groupId}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'everyone', members: replacement.map((value) => ({ value })) });
    assert.equal(res.status, 200, res.text.slice(0, 300));
    await bed.receiver.waitFor((r) => r.filter((x) => x.event.type.startsWith('group.members_')).length >= 2, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const events = (await readFeed(bed.server, org, '&types=group.*')).filter((e) => e.type.startsWith('group.members_'));
    assert.deepEqual(events.map((e) => e.type).sort(), ['group.members_added', 'group.members_removed'], 'one event per direction, not one per member');
    const added = events.find((e) => e.type === 'group.members_added')!.data;
    const removed = events.find((e) => e.type === 'group.members_removed')!.data;
    assert.equal(added.count, 50_000);
    assert.deepEqual(new Set(added.userIds as string[]), new Set(ids.slice(100_000)));
    assert.deepEqual(new Set(removed.userIds as string[]), new Set(ids.slice(0, 50_000)));
    const delivered = bed.receiver.received.filter((x) => x.event.type.startsWith('group.members_'));
    assert.equal(delivered.length, 2, 'two deliveries, each verified by its signature');
    assert.ok(delivered.every((d) => d.body.length > 1_000_000));
  });
});

describe('a bulk load of 20,000 people in one transaction', () => {
  const bed = eventsBed();

  it('is relayed in chunks (at most HUGE_TRANSACTION rows at a time): every user.created recorded once, in order', async () => {
    const org = await scimOrg(bed.server);
    await bed.server.deps.db.raw(`insert into users (org_id, user_name, source) select ?, 'load' || lpad(n::text, 6, '0') || '@example.com', 'scim' from generate_series(1, 20000) n`, [org.id]);
    const created = await eventually(async () => (await readFeed(bed.server, org, '&types=user.created')), (e) => e.length >= 20_000, 60_000);
    assert.equal(created.length, 20_000);
    const names = created.map((e) => (e.data.object as { userName: string }).userName);
    assert.equal(new Set(names).size, 20_000, 'each once');
    assert.deepEqual(names, [...names].sort(), 'in the order the rows were written');
    assert.equal(await bed.server.deps.db('event_outbox').count('* as n').then((r) => Number(r[0]!.n)), 0, 'the outbox is empty afterwards');
  });
});
