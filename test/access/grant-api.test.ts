// The in-process API other modules use to grant bindings (an accepted invitation, seed 000).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkBindingRefs, grantUserBindings } from '../../src/access/index.ts';
import { ApiError } from '../../src/http/errors.ts';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('checkBindingRefs names each unknown role and space; grantUserBindings binds, audits, and skips what vanished', async () => {
  const { api, org } = await orgWithPerson(server);
  await api.space('prod', 'root', true);
  const db = server.deps.db;
  await assert.rejects(
    checkBindingRefs(db, org.id, [{ roleId: 'space-writer', spaceId: 'prod' }, { roleId: 'nope', spaceId: 'nowhere' }]),
    (err: ApiError) => {
      assert.equal(err.status, 400);
      assert.deepEqual(err.errors.map((e) => e.field), ['bindings.1.roleId', 'bindings.1.spaceId']);
      return true;
    },
  );
  await checkBindingRefs(db, org.id, [{ roleId: 'space-writer', spaceId: 'prod' }]);
  const invited = await addPerson(server, org, 'member');
  const out = await db.transaction((tx) =>
    grantUserBindings(tx, org.id, null, invited.userId, [{ roleId: 'space-writer', spaceId: 'prod' }, { roleId: 'space-reader', spaceId: 'gone' }]),
  );
  assert.equal(out.granted.length, 1);
  assert.deepEqual(out.skipped, [{ roleId: 'space-reader', spaceId: 'gone' }]);
  assert.equal(await api.can(invited.key, 'run:trigger', 'prod'), true);
  const audit = await api.owner.get(`/v1/orgs/${org.slug}/audit-events?action=role_binding.created`);
  assert.equal(audit.body.items.at(-1).target.id, out.granted[0]);
});
