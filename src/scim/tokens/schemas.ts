import { z } from 'zod';

export const scimToken = z.object({
  id: z.string(),
  name: z.string(),
  secretHint: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('last use, recorded at most once a minute'),
  revokedAt: z.string().nullable(),
  scope: z.enum(['owner', 'admin']).describe('owner: minted by an owner, it may change and delete owners and delete users while that owner remains one; admin: what an admin may do'),
});
