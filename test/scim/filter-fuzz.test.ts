// Property tests: whatever an IdP (or an attacker) puts in `filter`, the answer is a 200 or a 400
// invalidFilter, never a 500; and every filter the grammar generates runs as SQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createUser, scimOrg, type ScimClient } from './helpers.ts';

let server: TestServer;
let scim: ScimClient;
before(async () => {
  server = await startTestServer();
  ({ scim } = await scimOrg(server));
  await createUser(scim, 'fuzz@example.com', { title: 'Fuzzer' });
});
after(async () => { await server?.close(); });

const attr = fc.constantFrom('userName', 'displayName', 'name.givenName', 'name.familyName', 'title', 'externalId', 'id', 'active',
  'emails.value', 'emails.type', 'emails', 'meta.lastModified', 'meta.created', 'groups.value', 'nickName', 'locale',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value');
const op = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Co');
const value = fc.oneof(fc.string().map((s) => JSON.stringify(s)), fc.constantFrom('true', 'false', 'null', '42', '"2020-01-01T00:00:00Z"', '"%_\\\\"'));
const leaf = fc.oneof(
  fc.tuple(attr, op, value).map(([a, o, v]) => `${a} ${o} ${v}`),
  attr.map((a) => `${a} pr`),
  fc.tuple(fc.constantFrom('emails', 'addresses', 'phoneNumbers'), fc.constantFrom('type', 'value', 'primary'), op, value).map(([a, s, o, v]) => `${a}[${s} ${o} ${v}]`),
);
const filter: fc.Arbitrary<string> = fc.letrec((tie) => ({
  f: fc.oneof({ depthSize: 'small' }, leaf, leaf, fc.tuple(tie('f'), fc.constantFrom('and', 'or', 'AND'), tie('f')).map(([a, j, b]) => `(${a}) ${j} ${b}`), tie('f').map((f) => `not (${f})`)),
})).f as fc.Arbitrary<string>;

test('generated filters never answer 500; grammatical ones with sane types answer 200 or a typed 400', async () => {
  await fc.assert(
    fc.asyncProperty(filter, async (f) => {
      const res = await scim.get(`/Users?filter=${encodeURIComponent(f)}`);
      assert.ok(res.status === 200 || (res.status === 400 && res.body.scimType === 'invalidFilter'), `${f}: ${res.status} ${res.text}`);
    }),
    { numRuns: 150 },
  );
});

test('arbitrary strings as filters answer 200 or 400 invalidFilter, never 500', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('(', ')', '[', ']', '"', 'not', 'and or', 'userName eq "a" ]', 'emails[', 'a.b.c eq 1')), async (f) => {
      const res = await scim.get(`/Users?filter=${encodeURIComponent(f)}`);
      assert.ok(res.status === 200 || (res.status === 400 && res.body.scimType === 'invalidFilter'), `${JSON.stringify(f)}: ${res.status} ${res.text}`);
    }),
    { numRuns: 200 },
  );
});
