// The OpenAPI document is what clients are generated from: every operation has a tag and a unique
// operationId, and the names are the ones below. Renaming one breaks every generated client's
// callers, so it has to show here as a changed line.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { buildOpenApi } from '../../src/http/openapi.ts';
import { defaultOperationId } from '../../src/http/operation-id.ts';
import { defineRoute } from '../../src/http/route.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const EXPECTED: Record<string, string> = {
    'POST /v1/orgs': 'createOrg',
    'GET /v1/orgs/{org}': 'getOrg',
    'PATCH /v1/orgs/{org}': 'updateOrg',
    'DELETE /v1/orgs/{org}': 'deleteOrg',
    'GET /v1/me': 'getMe',
    'GET /v1/orgs/{org}/members': 'listMembers',
    'POST /v1/orgs/{org}/members': 'createMember',
    'GET /v1/orgs/{org}/members/{userId}': 'getMember',
    'PATCH /v1/orgs/{org}/members/{userId}': 'updateMember',
    'DELETE /v1/orgs/{org}/members/{userId}': 'deleteMember',
    'POST /v1/orgs/{org}/leave': 'leave',
    'POST /v1/orgs/{org}/api-keys': 'createApiKey',
    'GET /v1/orgs/{org}/api-keys': 'listApiKeys',
    'DELETE /v1/orgs/{org}/api-keys/{id}': 'deleteApiKey',
    'GET /v1/orgs/{org}/audit-events': 'listAuditEvents',
    'POST /v1/orgs/{org}/invitations': 'createInvitation',
    'GET /v1/orgs/{org}/invitations': 'listInvitations',
    'GET /v1/orgs/{org}/invitations/{id}': 'getInvitation',
    'POST /v1/orgs/{org}/invitations/{id}/resend': 'resendInvitation',
    'DELETE /v1/orgs/{org}/invitations/{id}': 'deleteInvitation',
    'GET /invite/{token}': 'getInvite',
    'GET /v1/me/sessions': 'listMySessions',
    'DELETE /v1/me/sessions': 'deleteMySessions',
    'DELETE /v1/me/sessions/{id}': 'deleteMySession',
    'GET /v1/orgs/{org}/sessions': 'listSessions',
    'DELETE /v1/orgs/{org}/sessions/{id}': 'deleteSession',
    'DELETE /v1/orgs/{org}/members/{userId}/sessions': 'deleteMemberSessions',
    'POST /v1/sessions/refresh': 'refreshSession',
    'POST /v1/sessions/introspect': 'introspectSession',
    'POST /v1/orgs/{org}/sso-connections': 'createSsoConnection',
    'GET /v1/orgs/{org}/sso-connections': 'listSsoConnections',
    'GET /v1/orgs/{org}/sso-connections/{id}': 'getSsoConnection',
    'PATCH /v1/orgs/{org}/sso-connections/{id}': 'updateSsoConnection',
    'DELETE /v1/orgs/{org}/sso-connections/{id}': 'deleteSsoConnection',
    'POST /v1/orgs/{org}/login-policies': 'createLoginPolicy',
    'GET /v1/orgs/{org}/login-policies': 'listLoginPolicies',
    'POST /v1/orgs/{org}/login-policies/simulate': 'simulateLoginPolicies',
    'GET /v1/orgs/{org}/login-policies/{id}': 'getLoginPolicy',
    'PUT /v1/orgs/{org}/login-policies/{id}': 'replaceLoginPolicy',
    'DELETE /v1/orgs/{org}/login-policies/{id}': 'deleteLoginPolicy',
    'POST /v1/orgs/{org}/login-policies/{id}/simulate': 'simulateLoginPolicy',
    'GET /v1/orgs/{org}/login-policies/{id}/samples': 'listLoginPolicySamples',
    'GET /v1/orgs/{org}/spaces': 'listSpaces',
    'POST /v1/orgs/{org}/spaces': 'createSpace',
    'GET /v1/orgs/{org}/spaces/{spaceId}': 'getSpace',
    'PATCH /v1/orgs/{org}/spaces/{spaceId}': 'updateSpace',
    'DELETE /v1/orgs/{org}/spaces/{spaceId}': 'deleteSpace',
    'GET /v1/actions': 'listActions',
    'GET /v1/orgs/{org}/roles': 'listRoles',
    'POST /v1/orgs/{org}/roles': 'createRole',
    'GET /v1/orgs/{org}/roles/{roleId}': 'getRole',
    'PATCH /v1/orgs/{org}/roles/{roleId}': 'updateRole',
    'DELETE /v1/orgs/{org}/roles/{roleId}': 'deleteRole',
    'GET /v1/orgs/{org}/role-bindings': 'listRoleBindings',
    'POST /v1/orgs/{org}/role-bindings': 'createRoleBinding',
    'DELETE /v1/orgs/{org}/role-bindings/{id}': 'deleteRoleBinding',
    'GET /v1/orgs/{org}/idp-groups': 'listIdpGroups',
    'POST /v1/orgs/{org}/idp-groups': 'createIdpGroup',
    'GET /v1/orgs/{org}/idp-groups/{id}': 'getIdpGroup',
    'PATCH /v1/orgs/{org}/idp-groups/{id}': 'updateIdpGroup',
    'DELETE /v1/orgs/{org}/idp-groups/{id}': 'deleteIdpGroup',
    'POST /v1/orgs/{org}/authorize': 'authorize',
    'GET /v1/orgs/{org}/permissions': 'listPermissions',
    'GET /v1/me/permissions': 'listMyPermissions',
    'POST /v1/orgs/{org}/scim-tokens': 'createScimToken',
    'GET /v1/orgs/{org}/scim-tokens': 'listScimTokens',
    'DELETE /v1/orgs/{org}/scim-tokens/{id}': 'deleteScimToken',
  'GET /v1/event-types': 'listEventTypes',
  'GET /v1/orgs/{org}/events': 'listEvents',
  'POST /v1/orgs/{org}/webhooks': 'createWebhook',
  'GET /v1/orgs/{org}/webhooks': 'listWebhooks',
  'GET /v1/orgs/{org}/webhooks/{id}': 'getWebhook',
  'PATCH /v1/orgs/{org}/webhooks/{id}': 'updateWebhook',
  'DELETE /v1/orgs/{org}/webhooks/{id}': 'deleteWebhook',
  'POST /v1/orgs/{org}/webhooks/{id}/rotate-secret': 'rotateWebhookSecret',
  'GET /v1/orgs/{org}/webhooks/{id}/deliveries': 'listWebhookDeliveries',
  'GET /v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}': 'getWebhookDelivery',
  'POST /v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}/redeliver': 'redeliverWebhookDelivery',
  'POST /v1/orgs/{org}/audit-sinks': 'createAuditSink',
  'GET /v1/orgs/{org}/audit-sinks': 'listAuditSinks',
  'GET /v1/orgs/{org}/audit-sinks/{id}': 'getAuditSink',
  'PATCH /v1/orgs/{org}/audit-sinks/{id}': 'updateAuditSink',
  'DELETE /v1/orgs/{org}/audit-sinks/{id}': 'deleteAuditSink',
  'GET /v1/orgs/{org}/strategy-switch': 'previewStrategySwitch',
  'GET /v1/console/session': 'getConsoleSession',
  'POST /v1/console/session': 'createConsoleSession',
  'DELETE /v1/console/session': 'deleteConsoleSession',
  'GET /v1/orgs/{org}/branding': 'getBranding',
  'PATCH /v1/orgs/{org}/branding': 'updateBranding',
};

type Operation = { operationId?: string; tags?: string[] };
let server: TestServer;
let operations: [string, Operation][];
before(async () => {
  server = await startTestServer();
  const document = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]));
});
after(() => server.close());

test('every operation has one tag and the operationId we chose', () => {
  for (const [name, op] of operations) {
    assert.equal(op.tags?.length, 1, `${name} has one tag`);
    assert.match(op.operationId ?? '', /^[a-z][A-Za-z]+$/, `${name} has a camelCase operationId`);
  }
  assert.deepEqual(Object.fromEntries(operations.map(([name, op]) => [name, op.operationId])), EXPECTED);
  const ids = operations.map(([, op]) => op.operationId);
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
});

test('the document lists its tags, for readers that group by them', async () => {
  const document = await (await fetch(`${server.url}/v1/openapi.json`)).json();
  const used = new Set(operations.map(([, op]) => op.tags![0]));
  assert.deepEqual(new Set(document.tags.map((t: { name: string }) => t.name)), used);
});

test('the default operationId follows method and path', () => {
  assert.equal(defaultOperationId('get', '/v1/orgs/{org}/widgets'), 'listWidgets');
  assert.equal(defaultOperationId('post', '/v1/orgs/{org}/widget-parts'), 'createWidgetPart');
  assert.equal(defaultOperationId('put', '/v1/orgs/{org}/widget-policies/{id}'), 'replaceWidgetPolicy');
  assert.equal(defaultOperationId('get', '/v1/orgs/{org}/widgets/{id}/parts/{partId}'), 'getWidgetPart');
  assert.equal(defaultOperationId('post', '/v1/orgs/{org}/widgets/{id}/archive'), 'archiveWidget');
  assert.equal(defaultOperationId('post', '/v1/orgs/{org}/widgets/archive'), 'archiveWidgets');
  assert.equal(defaultOperationId('delete', '/v1/me/widgets/{id}'), 'deleteMyWidget');
});

test('two routes with one operationId stop the document from being built, naming both', () => {
  const route = (path: string, operationId?: string) =>
    defineRoute({ method: 'get', path, summary: 's', tag: 't', auth: 'none', ...(operationId ? { operationId } : {}), response: z.object({}), handle: async () => ({}) });
  assert.throws(
    () => buildOpenApi([route('/v1/widgets'), route('/v1/gadgets', 'listWidgets')], { version: '0', serverUrl: 'http://x' }),
    /operationId listWidgets is used by GET \/v1\/widgets and GET \/v1\/gadgets/,
  );
  const doc = buildOpenApi([route('/v1/widgets'), route('/v1/gadgets', 'listAllGadgets')], { version: '0', serverUrl: 'http://x' });
  assert.equal((doc.paths['/v1/gadgets']!.get as Operation).operationId, 'listAllGadgets');
});
