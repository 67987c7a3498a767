// /v1/orgs/{org}/members and /leave
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { addMember, getMember, leaveOrganization, listMembers, removeMember, updateMember } from './members-service.ts';
import { MEMBER_SORTS, MEMBER_SOURCES } from './members-store.ts';
import { member, name, orgParam, orgRole, queryFlag, uuid, warnings } from './schemas.ts';

const memberParams = orgParam.extend({ userId: uuid('user') });
const email = z.email({ error: 'must be an email address' }).max(320);

export const memberRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/members',
    summary: 'List members (search, filters, sort) with a cursor',
    tag: 'members',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({
      role: orgRole.optional(),
      active: queryFlag.optional(),
      source: z.enum(MEMBER_SOURCES, { error: `must be one of ${MEMBER_SOURCES.join(', ')}` }).optional().describe('scim, sso (just-in-time), invitation or api'),
      search: z.string().trim().min(1).max(320).optional().describe('part of the userName, email or name (case-insensitive); one or two characters match the start of the userName'),
      sort: z.enum(MEMBER_SORTS, { error: `must be one of ${MEMBER_SORTS.join(', ')}` }).default('userName').describe('-createdAt: newest first'),
      after: z.string().max(2000).optional().describe('the `next` of the previous page (of the same sort)'),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ items: z.array(member), next: z.string().nullable(), warnings }),
    errors: [404],
    handle: ({ ctx, query: { limit, ...filter } }) => listMembers(deps.db, ctx, filter, limit),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/members',
    summary: 'Add a person directly (automation and tests; people normally arrive by SCIM, SSO or invitation)',
    tag: 'members',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ email, userName: z.string().trim().min(1).max(320).optional(), name: name.optional(), role: orgRole.default('member') }),
    response: member.extend({ warnings }),
    status: 201,
    errors: [403, 404, 409],
    handle: ({ ctx, body }) => addMember(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/members/{userId}',
    summary: 'One member, with their teams (from SCIM, and from their last sign-in)',
    tag: 'members',
    auth: 'credential',
    params: memberParams,
    response: member.extend({
      teams: z.object({
        scim: z.array(z.string()).describe('the SCIM groups they belong to now'),
        lastSignIn: z.object({ at: z.string(), teams: z.array(z.string()) }).nullable().describe('the groups their identity provider sent at their last sign-in'),
      }),
    }),
    errors: [404],
    handle: ({ ctx, params }) => getMember(deps.db, ctx, params.userId),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/orgs/{org}/members/{userId}',
    summary: "Change a member's organization role or suspend/reactivate them",
    tag: 'members',
    auth: 'credential',
    params: memberParams,
    body: z.strictObject({ role: orgRole.optional(), active: z.boolean({ error: 'must be true or false' }).optional() }).refine(
      (b) => b.role !== undefined || b.active !== undefined,
      { message: 'give role or active' },
    ),
    response: member.extend({ warnings }),
    errors: [403, 404, 422],
    handle: ({ ctx, params, body }) => updateMember(deps.db, ctx, params.userId, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/members/{userId}',
    summary: 'Remove a member (owners only; never the last owner)',
    tag: 'members',
    auth: 'credential',
    params: memberParams,
    response: z.object({ warnings }),
    errors: [403, 404, 422],
    handle: ({ ctx, params }) => removeMember(deps.db, ctx, params.userId),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/leave',
    summary: 'Leave the organization (owners and admins; never the last owner)',
    tag: 'members',
    auth: 'credential',
    params: orgParam,
    status: 204,
    errors: [403, 404, 422],
    handle: ({ ctx }) => leaveOrganization(deps.db, ctx),
  }),
];
