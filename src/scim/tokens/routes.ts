// /v1/orgs/{org}/scim-tokens
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { defineRoute } from '../../http/route.ts';
import { name, orgParam, queryFlag, uuid } from '../../orgs/schemas.ts';
import { scimToken } from './schemas.ts';
import { createScimToken, listScimTokens, revokeScimToken } from './service.ts';

export const scimTokenRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/scim-tokens',
    summary: 'Create a SCIM token for an IdP; the secret is in this response only',
    tag: 'scim-tokens',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ name }),
    response: scimToken.extend({ secret: z.string() }),
    status: 201,
    errors: [403, 404],
    handle: ({ ctx, body }) => createScimToken(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/scim-tokens',
    summary: 'List SCIM tokens with their last use',
    tag: 'scim-tokens',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({ includeRevoked: queryFlag.default(false) }),
    response: z.object({ items: z.array(scimToken) }),
    errors: [403, 404],
    handle: ({ ctx, query }) => listScimTokens(deps.db, ctx, query.includeRevoked),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/scim-tokens/{id}',
    summary: 'Revoke a SCIM token (it stops working at once; other tokens keep working)',
    tag: 'scim-tokens',
    auth: 'credential',
    params: orgParam.extend({ id: uuid('SCIM token') }),
    status: 204,
    errors: [403, 404],
    handle: ({ ctx, params }) => revokeScimToken(deps.db, ctx, params.id),
  }),
];
