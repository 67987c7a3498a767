// /v1/orgs and /v1/me.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { apiKey } from '../api-keys/schemas.ts';
import { managementStrategy, member, name, orgParam, organization, orgRole, warnings } from './schemas.ts';
import { deleteOrganization } from './deletion.ts';
import { createOrganization, describeActor, getOrganization, previewStrategySwitch, updateOrganization } from './service.ts';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 characters: lowercase letters, digits and dashes, not starting with a dash');

export const orgRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post',
    path: '/v1/orgs',
    summary: 'Create an organization and its owner API key (bootstrap credential only)',
    tag: 'organizations',
    auth: 'credential',
    body: z.strictObject({ slug, name, managementStrategy: managementStrategy.default('user_management') }),
    response: z.object({ organization, ownerApiKey: apiKey.extend({ secret: z.string() }) }),
    status: 201,
    errors: [403, 409],
    handle: ({ ctx, body }) => createOrganization(deps.db, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}',
    summary: 'The organization (by slug or id)',
    tag: 'organizations',
    auth: 'credential',
    params: orgParam,
    response: organization.extend({ warnings }),
    errors: [404],
    handle: ({ ctx }) => getOrganization(deps.db, ctx),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/orgs/{org}',
    summary: 'Rename the organization or switch its management strategy (owners)',
    tag: 'organizations',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ name: name.optional(), managementStrategy: managementStrategy.optional() }).refine(
      (b) => b.name !== undefined || b.managementStrategy !== undefined,
      { message: 'give name or managementStrategy' },
    ),
    response: organization.extend({ warnings }),
    errors: [403, 404],
    handle: ({ ctx, body }) => updateOrganization(deps.db, deps.config, ctx, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}',
    summary: "Delete the organization and all its data (owners; confirm with its slug); its audit trail is kept until the operator purges it",
    tag: 'organizations',
    auth: 'credential',
    params: orgParam,
    body: z.strictObject({ confirm: z.string({ error: "must be the organization's slug" }).max(63, "must be the organization's slug") }),
    response: z.object({
      organization,
      erased: z.object({ members: z.number(), groups: z.number(), apiKeys: z.number(), scimTokens: z.number(), liveSessions: z.number(), ssoConnections: z.number(), invitations: z.number() }),
      auditTrail: z.object({ kept: z.literal(true), events: z.number() }),
    }),
    errors: [403, 404],
    handle: ({ ctx, body }) => deleteOrganization(deps.db, ctx, body.confirm),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/strategy-switch',
    operationId: 'previewStrategySwitch',
    summary: 'What switching the management strategy to `to` would do: queued invitations sent, sessions ended (owners)',
    tag: 'organizations',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({ to: managementStrategy }),
    response: z.object({
      from: managementStrategy,
      to: managementStrategy,
      queuedInvitations: z.number().int().describe('sent at once (switching to user_management)'),
      sessionsToEnd: z.number().int().describe("every live session but the caller's"),
    }),
    errors: [403, 404],
    handle: ({ ctx, query }) => previewStrategySwitch(deps.db, ctx, query.to),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me',
    summary: 'Who the credential is: organization, role, person or key, teams',
    tag: 'me',
    auth: 'credential',
    response: z.object({
      type: z.enum(['api_key', 'user', 'scim_token']),
      organization,
      role: orgRole,
      user: member.nullable(),
      apiKeyId: z.string().nullable(),
      sessionId: z.string().nullable(),
      teams: z.array(z.string()),
    }),
    handle: ({ ctx }) => describeActor(deps.db, ctx),
  }),
];
