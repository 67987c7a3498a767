import { z } from 'zod';

export const session = z.object({
  id: z.string(),
  userId: z.string(),
  login: z.string(),
  connectionId: z.string().nullable(),
  teams: z.array(z.string()),
  teamsSource: z.string().describe('assertion, or scim_fallback_overage when the IdP sent a group overage instead of groups'),
  admin: z.boolean(),
  roles: z.record(z.string(), z.array(z.string())).nullable().describe('space id → role slugs frozen by a login policy'),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  refreshedAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean().describe('the session making this request'),
});

export const sessionTokens = z.object({
  sessionId: z.string(),
  token: z.string().describe('signed session token (JWT, EdDSA); verify offline with /.well-known/jwks.json'),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  refreshToken: z.string().describe('single use; each refresh returns a new one'),
  sessionExpiresAt: z.string(),
});

export const sessionList = z.object({ items: z.array(session), next: z.string().nullable() });
