// Request and response shapes of the access routes.
import { z } from 'zod';
import { ACTION_NAMES } from './actions.ts';

export const spaceId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a space id: 1-63 lowercase letters, digits, dashes or underscores');
export const roleRef = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a role id (UUID) or slug');
export const action = z.enum(ACTION_NAMES as [string, ...string[]], { error: (i) => `unknown action ${JSON.stringify(i.input)}; see GET /v1/actions` });
export const label = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const labels = z.array(label).max(50, 'at most 50 labels').refine((l) => new Set(l).size === l.length, 'must not repeat a label');
export const teamName = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const space = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  inheritEntities: z.boolean(),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const role = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  actions: z.array(z.string()),
  predefined: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const subject = z.object({ type: z.enum(['user', 'api_key', 'idp_group']), id: z.string(), name: z.string().nullable() });

export const binding = z.object({
  id: z.string(),
  subject,
  roleId: z.string(),
  roleSlug: z.string(),
  spaceId: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const idpGroupMapping = z.object({
  id: z.string(),
  name: z.string(),
  externalId: z.string().nullable().describe('the IdP group stable id this mapping is tied to, if any'),
  idpGroupName: z.string().nullable().describe("the tied group's current name as SCIM reports it"),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const reason = z.object({
  source: z.enum(['binding', 'organization_role', 'session']),
  bindingId: z.string().optional(),
  subject: z.object({ type: z.string(), id: z.string() }).optional(),
  team: z.string().optional().describe('the team through which an IdP group binding applies'),
  orgRole: z.string().optional(),
  role: z.object({ id: z.string(), slug: z.string() }),
  spaceId: z.string().describe('where the role is bound'),
  propagation: z.enum(['bound_here', 'inherited_down', 'read_up']),
});

export const checkResult = z.object({ action: z.string(), spaceId: z.string(), allowed: z.boolean(), reasons: z.array(reason) });

const uuidString = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** Who a binding or a permission question is about. */
export const subjectRef = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('user'), id: uuidString }),
    z.strictObject({ type: z.literal('api_key'), id: uuidString }),
    z
      .strictObject({ type: z.literal('idp_group'), id: uuidString.optional(), name: teamName.optional() })
      .refine((s) => (s.id === undefined) !== (s.name === undefined), { message: 'give the mapping id or its name, not both' }),
  ],
  { error: 'must be {"type": "user"|"api_key", "id": …} or {"type": "idp_group", "id"|"name": …}' },
);
