// /v1/orgs/{org}/idp-groups (IdP group mappings)
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam, uuid } from '../orgs/schemas.ts';
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping } from './idp-groups-service.ts';
import { idpGroupMapping, teamName } from './schemas.ts';

const params = orgParam.extend({ id: uuid('IdP group mapping') });
const externalId = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const description = z.string().max(2000, 'must be at most 2000 characters');

export const idpGroupRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/idp-groups',
    summary: 'List IdP group mappings by name (any Space Admin)',
    tag: 'idp-groups',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({ name: teamName.optional(), after: teamName.optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
    response: z.object({ items: z.array(idpGroupMapping), next: z.string().nullable() }),
    errors: [403, 404],
    handle: ({ ctx, query: { limit, ...filter } }) => listMappings(deps.db, ctx, filter, limit),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/idp-groups',
    summary: 'Create an IdP group mapping for a team name, optionally tied to the group\'s stable IdP id (Root Space Admins)',
    tag: 'idp-groups',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ name: teamName, externalId: externalId.nullable().optional(), description: description.default('') }),
    response: idpGroupMapping,
    status: 201,
    errors: [403, 404, 409],
    handle: ({ ctx, body }) => createMapping(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/idp-groups/{id}',
    summary: 'One IdP group mapping',
    tag: 'idp-groups',
    auth: 'credential',
    params,
    response: idpGroupMapping,
    errors: [403, 404],
    handle: ({ ctx, params: p }) => getMapping(deps.db, ctx, p.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/orgs/{org}/idp-groups/{id}',
    summary: 'Rename a mapping, tie it to an IdP group id or untie it (externalId: null) (Root Space Admins)',
    tag: 'idp-groups',
    auth: 'credential',
    params,
    body: z
      .strictObject({ name: teamName.optional(), externalId: externalId.nullable().optional(), description: description.optional() })
      .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give name, externalId or description' }),
    response: idpGroupMapping,
    errors: [403, 404, 409],
    handle: ({ ctx, params: p, body }) => updateMapping(deps.db, ctx, p.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/idp-groups/{id}',
    summary: 'Delete a mapping and its role bindings (Root Space Admins)',
    tag: 'idp-groups',
    auth: 'credential',
    params,
    status: 204,
    errors: [403, 404],
    handle: ({ ctx, params: p }) => deleteMapping(deps.db, ctx, p.id),
  }),
];
