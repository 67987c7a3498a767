// Request and response shapes of the invitation routes.
import { z } from 'zod';
import { orgRole } from '../orgs/schemas.ts';

const ref = (what: string) =>
  z.string({ error: `must be a ${what} id or slug` }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const binding = z.strictObject({ roleId: ref('role'), spaceId: ref('space') });

export const createBody = z.strictObject({
  emails: z.string({ error: 'must be a comma-separated list of addresses' }).max(400_000, 'is too long'),
  role: orgRole.default('member'),
  bindings: z.array(binding).max(100, 'must have at most 100 bindings').default([]),
});

const states = ['queued', 'pending', 'expired', 'accepted', 'revoked'] as const;
export const invitationState = z.enum(states);
const delivery = z.enum(['queued', 'sending', 'sent', 'failed']);

export const invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: orgRole,
  bindings: z.array(z.object({ roleId: z.string(), spaceId: z.string() })),
  state: invitationState,
  delivery: delivery.nullable().describe('delivery of the latest mail; null while queued'),
  deliveryError: z.string().nullable().describe('the last delivery error, kept until the mail goes out'),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedUserId: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const inviteResult = z.object({
  email: z.string(),
  result: z.enum(['invited', 'already_member', 'already_invited', 'invalid']),
  reason: z.string().optional(),
  invitation: invitation.optional(),
  invitationId: z.string().nullable().optional(),
});

export const createResponse = z.object({
  results: z.array(inviteResult),
  summary: z.object({ invited: z.number(), already_member: z.number(), already_invited: z.number(), invalid: z.number() }),
});

export const listQuery = z.strictObject({
  state: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(invitationState, { error: `must be a comma-separated list of ${states.join(', ')}` }))
    .default(['queued', 'pending', 'expired']),
  email: z.string().min(1).max(320).optional().describe('prefix of the address'),
  delivery: delivery.optional(),
  role: orgRole.optional(),
  after: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a cursor returned as `next`').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
