import { z } from 'zod';

export const scimToken = z.object({
  id: z.string(),
  name: z.string(),
  secretHint: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('last use, recorded at most once a minute'),
  revokedAt: z.string().nullable(),
});
