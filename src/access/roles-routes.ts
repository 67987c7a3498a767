// /v1/actions and /v1/orgs/{org}/roles
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { name, orgParam } from '../orgs/schemas.ts';
import { ACTIONS } from './actions.ts';
import { action, role, roleRef } from './schemas.ts';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles-service.ts';

const roleParams = orgParam.extend({ roleId: roleRef });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits and dashes, not starting with a dash');
const description = z.string().max(2000, 'must be at most 2000 characters');
const actions = z.array(action).max(ACTIONS.length * 2, 'too many actions');

export const roleRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/actions',
    summary: 'The action catalogue roles are made of',
    tag: 'roles',
    auth: 'credential',
    response: z.object({ items: z.array(z.object({ name: z.string(), description: z.string(), scope: z.enum(['space', 'account']) })) }),
    handle: async () => ({ items: ACTIONS.map((a) => ({ ...a })) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/roles',
    summary: 'List roles: the three predefined ones, then custom roles by slug',
    tag: 'roles',
    auth: 'credential',
    params: orgParam,
    response: z.object({ items: z.array(role) }),
    errors: [404],
    handle: ({ ctx }) => listRoles(deps.db, ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/roles',
    summary: 'Create a custom role (Root Space Admins)',
    tag: 'roles',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ name, slug: slug.optional(), description: description.default(''), actions }),
    response: role,
    status: 201,
    errors: [403, 404, 409],
    handle: ({ ctx, body }) => createRole(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/roles/{roleId}',
    summary: 'One role, by id or slug',
    tag: 'roles',
    auth: 'credential',
    params: roleParams,
    response: role,
    errors: [404],
    handle: ({ ctx, params }) => getRole(deps.db, ctx, params.roleId),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/orgs/{org}/roles/{roleId}',
    summary: "Change a custom role's name, description or actions (predefined roles are immutable)",
    tag: 'roles',
    auth: 'credential',
    params: roleParams,
    body: z
      .strictObject({ name: name.optional(), description: description.optional(), actions: actions.optional() })
      .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give name, description or actions' }),
    response: role,
    errors: [403, 404, 422],
    handle: ({ ctx, params, body }) => updateRole(deps.db, ctx, params.roleId, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/roles/{roleId}',
    summary: 'Delete a custom role that no binding uses',
    tag: 'roles',
    auth: 'credential',
    params: roleParams,
    status: 204,
    errors: [403, 404, 409, 422],
    handle: ({ ctx, params }) => deleteRole(deps.db, ctx, params.roleId),
  }),
];
