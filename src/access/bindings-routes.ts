// /v1/orgs/{org}/role-bindings
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam, uuid } from '../orgs/schemas.ts';
import { createBinding, deleteBinding, listBindings } from './bindings-service.ts';
import { binding, roleRef, spaceId, subjectRef } from './schemas.ts';

export const bindingRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/role-bindings',
    summary: 'List the role bindings of the spaces the caller administers',
    tag: 'role-bindings',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({
      spaceId: spaceId.optional(),
      roleId: roleRef.optional(),
      subjectType: z.enum(['user', 'api_key', 'idp_group'], { error: 'must be user, api_key or idp_group' }).optional(),
      subjectId: uuid('subject').optional(),
      after: uuid('role binding').optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ items: z.array(binding), next: z.string().nullable() }),
    errors: [404],
    handle: ({ ctx, query: { limit, ...filter } }) => listBindings(deps.db, ctx, filter, limit),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/role-bindings',
    summary: 'Bind a role (id or slug) to a user, IdP group or API key in a space the caller administers',
    tag: 'role-bindings',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ subject: subjectRef, roleId: roleRef, spaceId }),
    response: binding,
    status: 201,
    errors: [403, 404, 409],
    handle: ({ ctx, body }) => createBinding(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/role-bindings/{id}',
    summary: 'Remove a role binding (effective at the next check)',
    tag: 'role-bindings',
    auth: 'credential',
    params: orgParam.extend({ id: uuid('role binding') }),
    status: 204,
    errors: [403, 404],
    handle: ({ ctx, params }) => deleteBinding(deps.db, ctx, params.id),
  }),
];
