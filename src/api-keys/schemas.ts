import { z } from 'zod';
import { ORG_ROLES } from '../orgs/roles.ts';

export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['service', 'personal']),
  role: z.enum(ORG_ROLES).nullable().describe('organization role of a service key; null for personal keys'),
  userId: z.string().nullable().describe('the person a personal key acts as'),
  teams: z.array(z.string()),
  secretHint: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
