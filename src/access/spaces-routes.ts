// /v1/orgs/{org}/spaces
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { name, orgParam, queryFlag } from '../orgs/schemas.ts';
import { labels, space, spaceId } from './schemas.ts';
import { createSpace, deleteSpace, getSpace, listSpaces, updateSpace } from './spaces-service.ts';

const spaceParams = orgParam.extend({ spaceId });

export const spaceRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/spaces',
    summary: 'List the spaces the caller can read (space:read), by id, with a cursor',
    tag: 'spaces',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({
      parentId: spaceId.optional(),
      label: z.string().min(1).max(100).optional(),
      after: spaceId.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ items: z.array(space), next: z.string().nullable() }),
    errors: [404],
    handle: ({ ctx, query: { limit, ...filter } }) => listSpaces(deps.db, ctx, filter, limit),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/spaces',
    summary: 'Create a space below one the caller administers',
    tag: 'spaces',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({
      id: spaceId.optional(),
      name,
      parentId: spaceId.default('root'),
      inheritEntities: z.boolean({ error: 'must be true or false' }).default(true),
      labels: labels.default([]),
    }),
    response: space,
    status: 201,
    errors: [403, 404, 409],
    handle: ({ ctx, body }) => createSpace(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/spaces/{spaceId}',
    summary: 'One space',
    tag: 'spaces',
    auth: 'credential',
    params: spaceParams,
    response: space,
    errors: [404],
    handle: ({ ctx, params }) => getSpace(deps.db, ctx, params.spaceId),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/orgs/{org}/spaces/{spaceId}',
    summary: 'Rename, relabel, move (never into its own subtree; bindings stay) or change inheritance',
    tag: 'spaces',
    auth: 'credential',
    params: spaceParams,
    body: z
      .strictObject({ name: name.optional(), parentId: spaceId.optional(), inheritEntities: z.boolean({ error: 'must be true or false' }).optional(), labels: labels.optional() })
      .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give name, parentId, inheritEntities or labels' }),
    response: space,
    errors: [403, 404, 422],
    handle: ({ ctx, params, body }) => updateSpace(deps.db, ctx, params.spaceId, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/spaces/{spaceId}',
    summary: 'Delete a space; refused while it has children unless cascade=true (its bindings go with it)',
    tag: 'spaces',
    auth: 'credential',
    params: spaceParams,
    query: z.strictObject({ cascade: queryFlag.default(false) }),
    status: 204,
    errors: [403, 404, 409, 422],
    handle: ({ ctx, params, query }) => deleteSpace(deps.db, ctx, params.spaceId, query.cascade),
  }),
];
