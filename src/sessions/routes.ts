// /v1/me/sessions, /v1/orgs/{org}/sessions, /v1/orgs/{org}/members/{userId}/sessions,
// /v1/sessions/refresh, /v1/sessions/introspect. JWKS is served by jwks-router.ts (outside /v1).
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam, uuid } from '../orgs/schemas.ts';
import { sessionList, sessionTokens } from './schemas.ts';
import { endSessionsAs, introspect, listSessions, refreshSession } from './service.ts';

const listQuery = z.strictObject({
  after: uuid('session').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const ended = z.object({ ended: z.number().int() });

export const sessionRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get', path: '/v1/me/sessions', summary: 'My live sessions', tag: 'sessions', auth: 'credential',
    query: listQuery, response: sessionList,
    handle: ({ ctx, query: { limit, after } }) => listSessions(deps, ctx, 'me', { after }, limit),
  }),
  defineRoute({
    method: 'delete', path: '/v1/me/sessions', summary: 'End all my sessions (sign out everywhere)', tag: 'sessions', auth: 'credential',
    response: ended,
    handle: ({ ctx }) => endSessionsAs(deps, ctx, 'me', {}),
  }),
  defineRoute({
    method: 'delete', path: '/v1/me/sessions/{id}', summary: 'End one of my sessions', tag: 'sessions', auth: 'credential',
    params: z.object({ id: uuid('session') }), response: ended, errors: [404],
    handle: ({ ctx, params }) => endSessionsAs(deps, ctx, 'me', { sessionId: params.id }),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/sessions', summary: 'Live sessions of the organization (session:manage)', tag: 'sessions', auth: 'credential',
    params: orgParam, query: listQuery.extend({ userId: uuid('user').optional() }), response: sessionList, errors: [403, 404],
    handle: ({ ctx, query: { limit, ...f } }) => listSessions(deps, ctx, 'org', f, limit),
  }),
  defineRoute({
    method: 'delete', path: '/v1/orgs/{org}/sessions/{id}', summary: "End anyone's session (session:manage)", tag: 'sessions', auth: 'credential',
    params: orgParam.extend({ id: uuid('session') }), response: ended, errors: [403, 404],
    handle: ({ ctx, params }) => endSessionsAs(deps, ctx, 'org', { sessionId: params.id }),
  }),
  defineRoute({
    method: 'delete', path: '/v1/orgs/{org}/members/{userId}/sessions', summary: "End all of a member's sessions (session:manage)", tag: 'sessions',
    auth: 'credential', params: orgParam.extend({ userId: uuid('user') }), response: ended, errors: [403, 404],
    handle: ({ ctx, params }) => endSessionsAs(deps, ctx, 'org', { userId: params.userId }),
  }),
  defineRoute({
    method: 'post', path: '/v1/sessions/refresh', summary: 'Exchange a refresh token for a new token pair (the old refresh token is spent)',
    operationId: 'refreshSession', // the default, refreshSessions, reads as if it refreshed them all
    tag: 'sessions', auth: 'none',
    body: z.strictObject({ refreshToken: z.string().regex(/^ghr_[A-Za-z0-9_-]{43}$/, 'must be a refresh token returned at sign-in or by a refresh') }),
    response: sessionTokens, errors: [401],
    handle: ({ body, req }) => refreshSession(deps, body.refreshToken, { ip: req.ip ?? null, requestId: req.id ? String(req.id) : null }),
  }),
  defineRoute({
    method: 'post', path: '/v1/sessions/introspect', summary: "Whether a session token is live, with its claims (RFC 7662 shape; caller's organization only)",
    operationId: 'introspectSession',
    tag: 'sessions', auth: 'credential',
    body: z.strictObject({ token: z.string().min(1, 'must not be empty').max(8192) }),
    response: z.object({ active: z.boolean() }).catchall(z.unknown()),
    handle: ({ ctx, body }) => introspect(deps, ctx, body.token),
  }),
];
