// POST /v1/orgs/{org}/authorize, GET /v1/orgs/{org}/permissions, GET /v1/me/permissions
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { invalidField } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam } from '../orgs/schemas.ts';
import { authorize, permissions } from './authorize-service.ts';
import { parseSubject } from './principals.ts';
import { action, checkResult, spaceId, subject, subjectRef } from './schemas.ts';

const check = z.strictObject({ action, spaceId: spaceId.optional() });
const permissionsResponse = z.object({ subject, spaces: z.array(z.object({ spaceId: z.string(), actions: z.array(z.string()) })) });

export const authorizeRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/authorize',
    summary: 'May the caller (or `subject`) do `action` in `spaceId` (default root)? One check, or up to 1000 in `checks`; allowed answers name their sources',
    tag: 'authorize',
    auth: 'credential',
    params: orgParam,
    body: z
      .strictObject({ subject: subjectRef.optional(), action: action.optional(), spaceId: spaceId.optional(), checks: z.array(check).min(1).max(1000).optional() })
      .refine((b) => (b.action === undefined) !== (b.checks === undefined), { message: 'give action (one check) or checks (a batch), not both' })
      .refine((b) => !(b.checks && b.spaceId), { message: 'spaceId goes inside each check of a batch', path: ['spaceId'] }),
    response: z.union([
      z.object({ subject, results: z.array(checkResult) }),
      checkResult.extend({ subject }),
    ]),
    errors: [403, 404],
    handle: ({ ctx, body }) =>
      authorize(deps.db, ctx, {
        subject: body.subject,
        single: body.checks === undefined,
        checks: body.checks ?? [{ action: body.action!, spaceId: body.spaceId }],
      }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/permissions',
    summary: 'Every space where a subject (user:<id>, api_key:<id>, idp_group:<id or name>; default: the caller) has actions, and which',
    tag: 'authorize',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({ subject: z.string().max(300).optional() }),
    response: permissionsResponse,
    errors: [403, 404],
    handle: ({ ctx, query }) => {
      const ref = query.subject === undefined ? undefined : parseSubject(query.subject);
      if (ref === null) throw invalidField('subject', 'must be user:<uuid>, api_key:<uuid> or idp_group:<uuid or name>');
      return permissions(deps.db, ctx, ref);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/permissions',
    summary: "The caller's spaces and actions in each",
    tag: 'me',
    auth: 'credential',
    response: permissionsResponse,
    handle: ({ ctx }) => permissions(deps.db, ctx, undefined),
  }),
];
