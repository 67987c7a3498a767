// Starts real Gatehouse instances on loopback against a test database, and talks to them.
import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import supertest from 'supertest';
import { insertKeyAudited } from '../../src/api-keys/service.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTestDatabase, ownerUrl } from './database.ts';

export interface TestServer extends RunningServer {
  /** The default organization's owner key (= the bootstrap token). */
  readonly ownerKey: string;
  /** The database as the server reaches it (the runtime login role). */
  readonly databaseUrl: string;
  /** A supertest agent with `Authorization: Bearer <key>` on every request. */
  as(key: string): ReturnType<typeof authed>;
}

function authed(url: string, key: string) {
  const agent = supertest(url);
  const withAuth = <T extends { set(k: string, v: string): T }>(r: T) => r.set('Authorization', `Bearer ${key}`);
  return {
    get: (path: string) => withAuth(agent.get(path)),
    post: (path: string) => withAuth(agent.post(path)),
    put: (path: string) => withAuth(agent.put(path)),
    patch: (path: string) => withAuth(agent.patch(path)),
    delete: (path: string) => withAuth(agent.delete(path)),
  };
}

export const newBootstrapToken = () => `boot_${randomBytes(32).toString('base64url')}`;

/**
 * Starts an instance. Pass `databaseUrl` to share a database between instances (two-instance
 * tests, restarts); otherwise each server gets a fresh database that is dropped on close.
 */
export async function startTestServer(overrides: Partial<Record<keyof Config, unknown>> = {}): Promise<TestServer> {
  const own = overrides.databaseUrl ? null : await createTestDatabase();
  const bootstrapToken = (overrides.bootstrapToken as string | undefined) ?? newBootstrapToken();
  const config = loadConfig({ NODE_ENV: 'test' }, {
    port: 0,
    databasePoolMax: 5,
    ...overrides,
    databaseUrl: (overrides.databaseUrl as string | undefined) ?? own!.url,
    databaseOwnerUrl: ownerUrl((overrides.databaseUrl as string | undefined) ?? own!.url),
    bootstrapToken,
  } as never);
  const server = await startServer(config);
  return {
    ...server,
    ownerKey: bootstrapToken,
    databaseUrl: config.databaseUrl!,
    as: (key: string) => authed(server.url, key),
    async close() {
      await server.close();
      await own?.drop();
    },
  };
}

/** Creates another organization through the bootstrap credential; returns its slug and owner key. */
export async function createOrg(server: TestServer, slug = `org-${randomBytes(4).toString('hex')}`) {
  const res = await server.as(server.ownerKey).post('/v1/orgs').send({ slug, name: `Org ${slug}` });
  if (res.status !== 201) throw new Error(`createOrg ${slug}: ${res.status} ${JSON.stringify(res.body)}`);
  return { slug, id: res.body.organization.id as string, ownerKey: res.body.ownerApiKey.secret as string };
}

/**
 * Adds a person with an organization role and a personal API key, so tests can act as that person
 * (until sessions exist, a personal key is how a person holds a credential). The key is inserted
 * through the service, since nobody may mint a personal key for someone else over the API.
 */
export async function addPerson(server: TestServer, org: { id: string; slug: string; ownerKey: string }, role: string, email = `${role}-${randomBytes(4).toString('hex')}@example.com`) {
  const added = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/members`).send({ email, role });
  if (added.status !== 201) throw new Error(`addPerson: ${added.status} ${JSON.stringify(added.body)}`);
  const userId = added.body.id as string;
  const key = await server.deps.db.transaction((tx) => insertKeyAudited(tx, org.id, null, { name: `${role} personal`, kind: 'personal', userId }));
  return { userId, email, key: key!.secret };
}

/** A connection to the server's database as the schema owner (what the server itself may not do); destroy it after. */
export function connectAsOwner(server: TestServer): Knex {
  return knexFactory({ client: 'pg', connection: ownerUrl(server.databaseUrl), pool: { min: 0, max: 4 } });
}
