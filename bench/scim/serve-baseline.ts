// Child process: the baseline — a bare express app on `pg`, no authentication, validation, audit
// or SCIM: plain INSERTs and indexed SELECTs on the same database, in the same run.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
await pool.query(`create table if not exists bench_plain (id uuid primary key default gen_random_uuid(), org_id uuid not null,
  user_name text not null, body jsonb not null, created_at timestamptz not null default now(), unique (org_id, user_name))`);
await pool.query('create table if not exists bench_members (group_id uuid not null, user_id uuid not null, primary key (group_id, user_id))');
const app = express();
app.use(express.json({ type: ['application/json', 'application/scim+json'], limit: '64mb' }));
// The same user row into the same `users` table (same indexes) as Gatehouse writes, minus SCIM,
// authentication, validation and the audit record.
app.post('/users', async (req, res) => {
  const b = req.body;
  const { rows } = await pool.query(
    `insert into users (org_id, user_name, external_id, email, display_name, given_name, family_name, source, attributes)
     values ($1, $2, $3, $4, $5, $6, $7, 'scim', $8) returning id`,
    [req.query.org, b.userName, b.externalId, b.emails?.[0]?.value, b.displayName, b.name?.givenName, b.name?.familyName, { emails: b.emails, locale: b.locale }],
  );
  res.status(201).json({ id: rows[0].id, ...req.body });
});
// The same request into a table with only a primary key and one unique index.
app.post('/plain', async (req, res) => {
  const { rows } = await pool.query('insert into bench_plain (org_id, user_name, body) values ($1, $2, $3) returning id', [req.query.org, req.body.userName, req.body]);
  res.status(201).json({ id: rows[0].id, ...req.body });
});
// The same member list as a SCIM PUT carries, written whole into a fresh (group, user) table:
// what a full replace costs at the least (an INSERT … SELECT of the list, no diff, no audit).
app.put('/members', async (req, res) => {
  const ids = (req.body.members as { value: string }[]).map((m) => m.value);
  await pool.query('insert into bench_members (group_id, user_id) select $1, unnest($2::uuid[])', [req.query.group, ids]);
  res.status(200).json({ id: req.query.group, displayName: req.body.displayName });
});
app.get('/users/by-name', async (req, res) => {
  const { rows } = await pool.query('select * from users where org_id = $1 and user_name = $2', [req.query.org, req.query.userName]);
  res.json({ Resources: rows });
});
app.get('/users/page', async (req, res) => {
  const { rows } = await pool.query('select * from users where org_id = $1 order by created_at, id limit 100 offset $2', [req.query.org, Number(req.query.offset)]);
  res.json({ Resources: rows });
});
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
process.on('SIGTERM', () => void pool.end().then(() => process.exit(0)));
