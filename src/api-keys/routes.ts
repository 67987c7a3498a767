// /v1/orgs/{org}/api-keys
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { name, orgParam, orgRole, queryFlag, uuid } from '../orgs/schemas.ts';
import { apiKey } from './schemas.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './service.ts';

const teamName = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const apiKeyRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/api-keys',
    summary: 'Create an API key; the secret is in this response only',
    tag: 'api-keys',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({
      name,
      kind: z.enum(['service', 'personal'], { error: 'must be service or personal' }).default('service'),
      role: orgRole.optional(),
      teams: z.array(teamName).max(1000).optional(),
      expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).transform((s) => new Date(s)).optional(),
    }),
    response: apiKey.extend({ secret: z.string() }),
    status: 201,
    errors: [403, 404],
    handle: ({ ctx, body }) => createApiKey(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/api-keys',
    summary: 'List API keys (owners and admins: all; others: their personal keys)',
    tag: 'api-keys',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({ includeRevoked: queryFlag.default(false) }),
    response: z.object({ items: z.array(apiKey) }),
    errors: [404],
    handle: ({ ctx, query }) => listApiKeys(deps.db, ctx, query.includeRevoked),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/api-keys/{id}',
    summary: 'Revoke an API key (it stops working at once)',
    tag: 'api-keys',
    auth: 'credential',
    params: orgParam.extend({ id: uuid('API key') }),
    status: 204,
    errors: [403, 404],
    handle: ({ ctx, params }) => revokeApiKey(deps.db, ctx, params.id),
  }),
];
