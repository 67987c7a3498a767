// /v1/orgs/{org}/invitations and GET /invite/{token}
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam, uuid } from '../orgs/schemas.ts';
import { openInvitationLink } from './link-route.ts';
import { createBody, createResponse, invitation, listQuery } from './schemas.ts';
import { createInvitations, getInvitation, listInvitations, resendInvitation, revokeInvitation } from './service.ts';

const invitationParams = orgParam.extend({ id: uuid('invitation') });

export const invitationRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/invitations',
    summary: 'Invite people (a comma-separated list of addresses): a result per address',
    tag: 'invitations',
    auth: 'credential',
    params: orgParam,
    body: createBody,
    response: createResponse,
    errors: [400, 403, 404],
    handle: ({ ctx, body }) => createInvitations(deps.db, deps.config, ctx, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/invitations',
    summary: 'List invitations (newest first; by default queued, pending and expired), with a cursor',
    tag: 'invitations',
    auth: 'credential',
    params: orgParam,
    query: listQuery,
    response: z.object({ items: z.array(invitation), next: z.string().nullable() }),
    errors: [400, 404],
    handle: ({ ctx, query: { limit, state, ...filter } }) => listInvitations(deps.db, ctx, { ...filter, states: state }, limit),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/invitations/{id}',
    summary: 'One invitation, with the delivery of its mail',
    tag: 'invitations',
    auth: 'credential',
    params: invitationParams,
    response: invitation,
    errors: [404],
    handle: ({ ctx, params }) => getInvitation(deps.db, ctx, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/orgs/{org}/invitations/{id}/resend',
    summary: 'Resend: a new link (the old one stops working), the expiry renewed',
    tag: 'invitations',
    auth: 'credential',
    params: invitationParams,
    response: invitation,
    errors: [403, 404, 409],
    handle: ({ ctx, params }) => resendInvitation(deps.db, deps.config, ctx, params.id),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/orgs/{org}/invitations/{id}',
    summary: 'Delete an invitation: its link stops working, it is listed as revoked',
    tag: 'invitations',
    auth: 'credential',
    params: invitationParams,
    status: 204,
    errors: [403, 404, 409],
    handle: ({ ctx, params }) => revokeInvitation(deps.db, ctx, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/invite/{token}',
    summary: "Opens an invitation link: redirects to the organization's sign-in, or explains why not (HTML or JSON)",
    tag: 'invitations',
    auth: 'none',
    params: z.object({ token: z.string() }),
    errors: [404, 410],
    produces: ['text/html'],
    handle: ({ params, req, res }) => openInvitationLink(deps.db, params.token, req, res),
  }),
];
