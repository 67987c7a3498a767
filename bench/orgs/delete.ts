// Deleting a large organization (DELETE /v1/orgs/{org}): its users, groups, memberships, keys,
// sessions and bindings erased by cascade, beside a bystander organization of the same size that
// stays. The baseline, in the same run: writing the same rows (the seed of the deleted
// organization). Every cascade from a deleted user looks its rows up by user id, so each of those
// lookups needs an index (migrations/0022); without one, deleting N users scans the table N times.
// Usage: node --import tsx bench/orgs/delete.ts [users]
import knexFactory from 'knex';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { createOrg, startTestServer } from '../../test/helpers/server.ts';

const users = Number(process.argv[2] ?? 100_000);
const db = await createTestDatabase();
const server = await startTestServer({ databaseUrl: db.url });
const owner = knexFactory({ client: 'pg', connection: db.ownerUrl, pool: { min: 0, max: 1 } });

/** N users (every tenth with a personal key, a session and a role binding) in groups of 100. */
async function seed(orgId: string): Promise<number> {
  const t = performance.now();
  await owner.transaction(async (tx) => {
    await tx.raw(`insert into users (org_id, user_name, email, source) select ?, 'u' || i || '@example.org', 'u' || i || '@example.org', 'scim' from generate_series(1, ?) i`, [orgId, users]);
    await tx.raw(`insert into groups (org_id, display_name) select ?, 'group ' || i from generate_series(1, ?) i`, [orgId, Math.ceil(users / 100)]);
    await tx.raw(`insert into group_members (org_id, group_id, user_id)
      select ?, g.id, u.id from (select id, row_number() over (order by id) - 1 as n from users where org_id = ?) u
        join (select id, row_number() over (order by id) - 1 as n from groups where org_id = ?) g on g.n = u.n / 100`, [orgId, orgId, orgId]);
    await tx.raw(`insert into api_keys (org_id, name, kind, user_id, secret_hash, secret_hint)
      select ?, 'key', 'personal', id, sha256(id::text::bytea), 'hint' from users where org_id = ? and random() < 0.1`, [orgId, orgId]);
    await tx.raw(`insert into sessions (org_id, user_id, refresh_hash, expires_at)
      select ?, id, sha256(('s' || id)::bytea), now() + interval '1 hour' from users where org_id = ? and random() < 0.1`, [orgId, orgId]);
    await tx.raw(`insert into role_bindings (org_id, subject_type, user_id, role_id, space_id)
      select ?, 'user', u.id, r.id, 'root' from users u, roles r where u.org_id = ? and r.org_id = ? and r.slug = 'space-reader' and random() < 0.1`, [orgId, orgId, orgId]);
  });
  return performance.now() - t;
}

const bystander = await createOrg(server);
await seed(bystander.id);
const doomed = await createOrg(server);
const seedMs = await seed(doomed.id);
// No ANALYZE: this PostgreSQL runs without autovacuum, so the plans are those of never-analyzed tables.

const t = performance.now();
const res = await server.as(doomed.ownerKey).delete(`/v1/orgs/${doomed.slug}`).send({ confirm: doomed.slug });
const deleteMs = performance.now() - t;
if (res.status !== 200) throw new Error(`delete: ${res.status} ${JSON.stringify(res.body)}`);
const left = await owner('users').where('org_id', bystander.id).count<{ n: number }[]>('* as n');

const { rows: plan } = await owner.raw(`explain delete from group_members where user_id = '00000000-0000-4000-8000-000000000000'`);
console.log(`one organization of ${users} users (${res.body.erased.groups} groups, every user a member) beside a bystander of the same size (${left[0]!.n} users kept)`);
console.log(`baseline  seeding those rows (inserts, same database)   ${(seedMs / 1000).toFixed(2)} s`);
console.log(`DELETE /v1/orgs/{org}                                   ${(deleteMs / 1000).toFixed(2)} s   ${(deleteMs / seedMs).toFixed(2)}× the baseline`);
console.log(`a cascade from one deleted user into group_members: ${plan.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'].trim()).join(' / ')}`);

await owner.destroy();
await server.close();
await db.drop();
