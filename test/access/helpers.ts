// Builders for access tests: organizations with people, spaces and bindings, made through the API.
import assert from 'node:assert/strict';
import { addPerson, createOrg, type TestServer } from '../helpers/server.ts';

export type Org = Awaited<ReturnType<typeof createOrg>>;

export function accessApi(server: TestServer, org: Org) {
  const base = `/v1/orgs/${org.slug}`;
  const owner = server.as(org.ownerKey);
  return {
    base,
    owner,
    async space(id: string, parentId: string, inheritEntities: boolean, key = org.ownerKey) {
      const res = await server.as(key).post(`${base}/spaces`).send({ id, name: id.replace(/-/g, ' '), parentId, inheritEntities });
      assert.equal(res.status, 201, `space ${id}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async bind(subject: object, roleId: string, spaceId: string, key = org.ownerKey) {
      const res = await server.as(key).post(`${base}/role-bindings`).send({ subject, roleId, spaceId });
      assert.equal(res.status, 201, `bind ${roleId} in ${spaceId}: ${JSON.stringify(res.body)}`);
      return res.body as { id: string };
    },
    async mapping(name: string, externalId?: string) {
      const res = await owner.post(`${base}/idp-groups`).send({ name, ...(externalId ? { externalId } : {}) });
      assert.equal(res.status, 201, `mapping ${name}: ${JSON.stringify(res.body)}`);
      return res.body as { id: string; name: string };
    },
    /** The actions a credential holds in each space, as the API reports them. */
    async permissionsOf(key: string): Promise<Record<string, string[]>> {
      const res = await server.as(key).get('/v1/me/permissions');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return Object.fromEntries(res.body.spaces.map((s: { spaceId: string; actions: string[] }) => [s.spaceId, s.actions]));
    },
    async can(key: string, action: string, spaceId: string): Promise<boolean> {
      const res = await server.as(key).post(`${base}/authorize`).send({ action, spaceId });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.allowed as boolean;
    },
  };
}

export async function orgWithPerson(server: TestServer, role = 'member') {
  const org = await createOrg(server);
  const person = await addPerson(server, org, role);
  return { org, person, api: accessApi(server, org) };
}

/** Puts a person in an IdP group the way SCIM does: rows in groups and group_members. */
export async function joinGroup(server: TestServer, orgId: string, userId: string, displayName: string, externalId: string | null = null) {
  const db = server.deps.db;
  let group = await db('groups').where({ org_id: orgId, display_name: displayName }).first('id');
  if (!group) [group] = await db('groups').insert({ org_id: orgId, display_name: displayName, external_id: externalId }).returning('id');
  await db('group_members').insert({ org_id: orgId, group_id: group.id, user_id: userId }).onConflict().ignore();
  return group.id as string;
}
