// Issue 13 item 4: the audit trail is append-only for the service's own database role, over a real
// connection as that role, and a purge is the schema owner's act that leaves its own record.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Knex } from 'knex';
import { after, before, describe, test } from 'node:test';
import { ownerUrl } from '../helpers/database.ts';
import { connectAsOwner, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let owner: Knex;
before(async () => {
  server = await startTestServer();
  owner = connectAsOwner(server);
});
after(async () => {
  await owner.destroy();
  await server.close();
});

const count = async (db: Knex, orgId: string) => Number((await db('audit_events').where('org_id', orgId).count<{ n: number }[]>('* as n'))[0]!.n);
const PERMISSION_DENIED = (e: { code?: string }) => e.code === '42501';

describe('as the runtime role the service connects with', () => {
  test('is not the schema owner and holds no superuser rights', async () => {
    const { rows } = await server.deps.db.raw(`select current_user, r.rolsuper, pg_has_role(current_user, 'gatehouse_runtime', 'usage') as runtime,
      (select tableowner from pg_tables where tablename = 'audit_events') as owner from pg_roles r where r.rolname = current_user`);
    assert.equal(rows[0].rolsuper, false);
    assert.equal(rows[0].runtime, true);
    assert.notEqual(rows[0].owner, rows[0].current_user);
  });

  test('cannot update, delete or truncate audit rows, nor backdate one it appends', async () => {
    const org = await createOrg(server);
    const db = server.deps.db;
    const n = await count(db, org.id);
    assert.ok(n > 0);
    await assert.rejects(db('audit_events').where('org_id', org.id).update({ action: 'forged' }), PERMISSION_DENIED);
    await assert.rejects(db('audit_events').where('org_id', org.id).delete(), PERMISSION_DENIED);
    await assert.rejects(db.raw('truncate audit_events'), PERMISSION_DENIED);
    await assert.rejects(db('audit_events').insert({ org_id: org.id, action: 'member.added', actor_type: 'system', at: new Date(0) }), PERMISSION_DENIED);
    await assert.rejects(db('audit_events').insert({ id: 1, org_id: org.id, action: 'member.added', actor_type: 'system' }), PERMISSION_DENIED);
    assert.equal(await count(db, org.id), n);
  });

  test('cannot flip the old purge switch, run a purge, forge a purge record, or disable the guard', async () => {
    const org = await createOrg(server);
    const db = server.deps.db;
    const n = await count(db, org.id);
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.raw(`select set_config('gatehouse.purging_org', ?, true)`, [org.id]);
        await tx('audit_events').where('org_id', org.id).delete();
      }),
      PERMISSION_DENIED,
    );
    await assert.rejects(db.raw(`select purge_audit_events(?, now(), 'forged')`, [org.id]), PERMISSION_DENIED);
    await assert.rejects(db.raw(`insert into audit_purges (txid, org_id, purged_before, reason) values (txid_current(), ?, now(), 'forged')`, [org.id]), PERMISSION_DENIED);
    await assert.rejects(db.raw('alter table audit_events disable trigger all'), PERMISSION_DENIED);
    await assert.rejects(db.raw('drop table audit_events'), PERMISSION_DENIED);
    assert.equal(await count(db, org.id), n);
  });

  test("deleting the organization's row leaves its audit trail in place", async () => {
    const org = await createOrg(server);
    const n = await count(server.deps.db, org.id);
    await server.deps.db('organizations').where('id', org.id).delete();
    assert.equal(await count(server.deps.db, org.id), n);
  });
});

describe('as the schema owner', () => {
  test('updates, deletes and truncates are refused by the trigger, switch or not', async () => {
    const org = await createOrg(server);
    await assert.rejects(owner('audit_events').where('org_id', org.id).update({ action: 'forged' }), /append-only/);
    await assert.rejects(owner('audit_events').where('org_id', org.id).delete(), /append-only/);
    await assert.rejects(
      owner.transaction(async (tx) => {
        await tx.raw(`select set_config('gatehouse.purging_org', ?, true)`, [org.id]);
        await tx('audit_events').where('org_id', org.id).delete();
      }),
      /append-only/,
    );
    await assert.rejects(owner.raw('truncate audit_events'), /append-only/);
    await assert.rejects(owner.raw('truncate audit_purges'), /append-only/);
  });

  test('purges old events only through purge_audit_events, which records who, what and why', async () => {
    const org = await createOrg(server);
    const old = new Date(Date.now() - 3 * 86_400_000);
    await owner('audit_events').insert([1, 2, 3].map((i) => ({ org_id: org.id, action: 'member.added', actor_type: 'system', at: old, details: JSON.stringify({ i }) })));
    const recent = await count(owner, org.id) - 3;
    await assert.rejects(owner.raw(`select purge_audit_events(?, now() + interval '1 day', 'too far')`, [org.id]), /in the past/);
    await assert.rejects(owner.raw(`select purge_audit_events(?, now() - interval '1 day', '')`, [org.id]), /reason/);

    const { rows } = await owner.raw(`select purge_audit_events(?, now() - interval '1 day', 'retention: 1 day') as n`, [org.id]);
    assert.equal(Number(rows[0].n), 3);
    const left = await owner('audit_events').where('org_id', org.id).orderBy('id');
    assert.equal(left.length, recent + 1, 'the recent events stay, and the purge is recorded in the trail');
    const purged = left.at(-1)!;
    assert.equal(purged.action, 'audit.purged');
    assert.equal(purged.actor_label, 'postgres');
    assert.equal(purged.details.events, 3);
    const [record] = await owner('audit_purges').where('org_id', org.id);
    assert.equal(Number(record.events), 3);
    assert.equal(record.reason, 'retention: 1 day');
    assert.equal(record.purged_by, 'postgres');
    await assert.rejects(owner('audit_purges').where('id', record.id).update({ events: 0 }), /append-only/);
    await assert.rejects(owner('audit_purges').where('id', record.id).delete(), /append-only/);

    // The organization's owner reads the purge in its trail through the API.
    const listed = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=audit.purged`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.items.length, 1);
  });

  test('npm run audit:purge applies a retention as the owner; as the runtime role it is refused', async () => {
    const org = await createOrg(server);
    await owner('audit_events').insert({ org_id: org.id, action: 'member.added', actor_type: 'system', at: new Date(Date.now() - 10 * 86_400_000) });
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/audit/purge-cli.ts', '--older-than-days', '5', '--org', org.id, '--reason', 'retention: 5 days'], {
        env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env },
        encoding: 'utf8',
      });
    const refused = run({ DATABASE_URL: server.databaseUrl });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /permission denied for function purge_audit_events/);
    const done = run({ DATABASE_URL: server.databaseUrl, DATABASE_OWNER_URL: ownerUrl(server.databaseUrl) });
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /purged 1 audit events/);
    assert.equal((await owner('audit_purges').where('org_id', org.id)).length, 1);
    const usage = spawnSync(process.execPath, ['--import', 'tsx', 'src/audit/purge-cli.ts', '--older-than-days', '5'], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    assert.equal(usage.status, 64);
    assert.match(usage.stderr, /--reason/);
  });
});
