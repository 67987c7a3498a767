// Issue 13.9 and 13.12: sizes are bounded and advertised (a 1 MB userName is a 400 naming it, not
// PostgreSQL's index-row 500), lone surrogates are refused instead of stored as U+FFFD, and values
// of another SCIM type are refused instead of coerced, keeping the documented IdP forms.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createGroup, createUser, patchOp, scimOrg, userBody, type ScimClient } from './helpers.ts';

let server: TestServer;
let scim: ScimClient;
before(async () => {
  server = await startTestServer();
  ({ scim } = await scimOrg(server));
});
after(async () => { await server?.close(); });

const MB = 'x'.repeat(1024 * 1024);

async function refused(res: { status: number; body: { scimType?: string; detail?: string }; text: string }, attribute: string) {
  assert.equal(res.status, 400, res.text.slice(0, 300));
  assert.equal(res.body.scimType, 'invalidValue');
  assert.ok(res.body.detail!.includes(attribute), `the error names ${attribute}: ${res.body.detail}`);
  assert.ok(res.text.length < 1000, 'the error does not echo the input');
}

test('1 MB values of indexed attributes are a 400 naming the attribute, on POST, PUT and PATCH', async () => {
  await refused(await scim.post('/Users', userBody(`${MB}@example.com`)), 'userName');
  await refused(await scim.post('/Users', userBody(undefined, { externalId: MB })), 'externalId');
  await refused(await scim.post('/Users', userBody(undefined, { emails: [{ value: `${MB}@example.com`, primary: true }] })), 'emails[0].value');
  await refused(await scim.post('/Groups', { displayName: MB }), 'displayName');
  const id = await createUser(scim);
  await refused(await scim.put(`/Users/${id}`, userBody(`${MB}@example.com`)), 'userName');
  await refused(await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'userName', value: MB })), 'userName');
  const gid = await createGroup(scim);
  await refused(await scim.patch(`/Groups/${gid}`, patchOp({ op: 'replace', value: { displayName: MB } })), 'displayName');
  assert.equal((await scim.post('/Users', userBody(`${'y'.repeat(230)}@example.com`))).status, 201, 'at the limit is fine');
});

test('other attributes and whole resources are bounded too, so no list returns hundreds of megabytes', async () => {
  await refused(await scim.post('/Users', userBody(undefined, { title: 'x'.repeat(2 * 1024 * 1024) })), 'title');
  await refused(await scim.post('/Users', userBody(undefined, { phoneNumbers: Array.from({ length: 101 }, (_, i) => ({ value: `+1 555 01${i}` })) })), 'phoneNumbers');
  const addresses = Array.from({ length: 90 }, () => ({ formatted: 'a'.repeat(1000) }));
  const big = await scim.post('/Users', userBody(undefined, { addresses }));
  assert.equal(big.status, 400);
  assert.match(big.body.detail, /too large.*at most 65536/);
  assert.equal((await scim.post('/Users', userBody(undefined, { title: 'x'.repeat(1024) }))).status, 201);
  const certificate = Buffer.alloc(1800, 7).toString('base64'); // a DER certificate's size, 2,400 characters of base64
  assert.equal((await scim.post('/Users', userBody(undefined, { x509Certificates: [{ value: certificate }] }))).status, 201, 'binary values have room for a certificate');
});

test('the limits are advertised in /Schemas', async () => {
  const user = (await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).body;
  const attr = (name: string) => user.attributes.find((a: { name: string }) => a.name === name);
  assert.match(attr('userName').description, /At most 256 characters\./);
  assert.match(attr('title').description, /At most 1024 characters\./);
  assert.match(attr('emails').description, /At most 100 values\./);
  assert.match(attr('emails').subAttributes.find((a: { name: string }) => a.name === 'value').description, /At most 256 characters\./);
  assert.match(user.description, /at most 64 KiB of attributes/);
  const group = (await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).body;
  assert.match(group.attributes.find((a: { name: string }) => a.name === 'displayName').description, /At most 256 characters\./);
});

test('lone surrogates are refused wherever they are; surrogate pairs are text', async () => {
  await refused(await scim.post('/Users', userBody(undefined, { displayName: 'Ada \ud800 Lovelace' })), 'displayName');
  await refused(await scim.post('/Users', userBody(undefined, { name: { givenName: '\udc00x' } })), 'name.givenName');
  const id = await createUser(scim);
  await refused(await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'a\ud83d' })), 'Operations[0].value');
  await refused(await scim.post('/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'displayName eq "\ud800"' }), 'filter');
  const gid = await createGroup(scim);
  await refused(await scim.post('/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [{ method: 'PATCH', path: `/Groups/${gid}`, data: patchOp({ op: 'replace', path: 'displayName', value: '\ud800' }) }] }), 'Operations[0].data');
  const stored = await server.deps.db('users').where({ id }).first('display_name');
  assert.doesNotMatch(stored.display_name ?? '', /\ufffd/);
  const emoji = await scim.post('/Users', userBody(undefined, { displayName: 'Ada 😀' }));
  assert.equal(emoji.status, 201);
  assert.equal((await scim.get(`/Users/${emoji.body.id}`)).body.displayName, 'Ada 😀');
});

test('values of another SCIM type are refused, not coerced; the documented IdP forms still work', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ userName: 12345 }, 'userName'],
    [{ displayName: 5 }, 'displayName'],
    [{ active: 'yes' }, 'active'],
    [{ active: 1 }, 'active'],
    [{ emails: 'a@example.com' }, 'emails'],
    [{ emails: [{ value: 5 }] }, 'emails[0].value'],
    [{ emails: ['a@example.com'] }, 'emails[0]'],
    [{ emails: [{ value: 'a@example.com', primary: 'maybe' }] }, 'emails[0].primary'],
    [{ name: 'Ada' }, 'name'],
    [{ x509Certificates: [{ value: 'not base64!' }] }, 'x509Certificates[0].value'],
    [{ 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: 42 } }, 'employeeNumber'],
  ];
  for (const [extra, attribute] of cases) await refused(await scim.post('/Users', userBody(undefined, extra)), attribute);
  // Entra's string booleans, its manager forms, and Microsoft's bare member id.
  const boss = await createUser(scim);
  const entra = await scim.post('/Users', userBody(undefined, { active: 'True', emails: [{ value: 'e@example.com', primary: 'true' }], x509Certificates: [{ value: 'TUlJQg==' }] }));
  assert.equal(entra.status, 201, entra.text);
  assert.equal(entra.body.active, true);
  assert.equal(entra.body.emails[0].primary, true);
  const id = entra.body.id as string;
  assert.equal((await scim.patch(`/Users/${id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }))).status, 204);
  assert.equal((await scim.patch(`/Users/${id}`, patchOp({ op: 'Add', path: 'manager', value: [{ $ref: null, value: boss }] }))).status, 204);
  assert.equal((await scim.patch(`/Users/${id}`, patchOp({ op: 'Replace', path: 'manager', value: '' }))).status, 204);
  const gid = await createGroup(scim);
  assert.equal((await scim.patch(`/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: boss }))).status, 204);
});
