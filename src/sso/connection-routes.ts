// /v1/orgs/{org}/sso-connections
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam, uuid } from '../orgs/schemas.ts';
import { connection, createConnection, updateConnection } from './connection-schemas.ts';
import { createConnection as create, deleteConnectionFor, getConnection, listConnectionsFor, updateConnectionFor } from './connection-service.ts';

const idParams = orgParam.extend({ id: uuid('SSO connection') });

export const connectionRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/sso-connections', summary: 'Create a SAML or OIDC connection (owners and admins)', tag: 'sso',
    auth: 'credential', params: orgParam, body: createConnection, response: connection, status: 201, errors: [403, 404, 409],
    handle: ({ ctx, body }) => create(deps, ctx, body),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/sso-connections', summary: 'List SSO connections', tag: 'sso', auth: 'credential',
    params: orgParam, response: z.object({ items: z.array(connection) }), errors: [403, 404],
    handle: ({ ctx }) => listConnectionsFor(deps, ctx),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/sso-connections/{id}', summary: 'One SSO connection (secrets are never returned)', tag: 'sso',
    auth: 'credential', params: idParams, response: connection, errors: [403, 404],
    handle: ({ ctx, params }) => getConnection(deps, ctx, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/v1/orgs/{org}/sso-connections/{id}', summary: 'Change, enable or disable an SSO connection', tag: 'sso',
    auth: 'credential', params: idParams, body: updateConnection, response: connection, errors: [403, 404, 409],
    handle: ({ ctx, params, body }) => updateConnectionFor(deps, ctx, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/v1/orgs/{org}/sso-connections/{id}', summary: 'Delete an SSO connection', tag: 'sso',
    auth: 'credential', params: idParams, status: 204, errors: [403, 404],
    handle: ({ ctx, params }) => deleteConnectionFor(deps, ctx, params.id),
  }),
];
