// Request and response shapes shared by the organization and member routes.
import { z } from 'zod';
import { ORG_ROLES } from './roles.ts';

export const orgRole = z.enum(ORG_ROLES, { error: `must be one of ${ORG_ROLES.join(', ')}` });
export const managementStrategy = z.enum(['user_management', 'login_policy'], { error: 'must be user_management or login_policy' });
export const orgParam = z.object({ org: z.string() });
export const warnings = z.array(z.string()).describe('advice that does not stop the request, e.g. a single owner');

export const organization = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  managementStrategy,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const member = z.object({
  id: z.string(),
  userName: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: orgRole,
  active: z.boolean(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A true/false query-string parameter (a query string carries only text). */
export const queryFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
export const uuid = (what: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `must be a ${what} id (a UUID)`);
export const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
