// The three predefined, immutable roles (domain §4), matching seed 001's permission comparison
// table row by row. Every organization holds them as rows (so bindings reference them like any
// role), but their actions come from here: the code is the authority, the rows are never edited.
import { ACTIONS, maskOf } from './actions.ts';

export interface PredefinedRole {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly actions: readonly string[];
}

// Seed 003 lets a Viewer see project secrets and makes VIEWERNOSECRETS differ only there, and
// domain §2 makes viewer = Space Reader of root: so Space Reader reads env vars and secrets.
const READER = ['space:read', 'stack:read', 'run:read', 'run:comment', 'context:read', 'worker_pool:read', 'env_var:read', 'secret:read'];
const WRITER = [...READER, 'run:trigger', 'env_var:manage'];
// Account actions are part of Space Admin but only count where it is bound in `root`
// ("Root Space Admin", seed 001): the resolver drops them from bindings anywhere else.
const ADMIN = [...WRITER, 'stack:manage', 'context:manage', 'worker_pool:manage', 'space:manage', ...ACTIONS.filter((a) => a.scope === 'account').map((a) => a.name)];

export const PREDEFINED_ROLES: readonly PredefinedRole[] = [
  { slug: 'space-reader', name: 'Space Reader', description: 'View-only access to resources within the space; can comment on runs', actions: READER },
  { slug: 'space-writer', name: 'Space Writer', description: 'Space Reader + trigger runs and modify environment variables', actions: WRITER },
  { slug: 'space-admin', name: 'Space Admin', description: 'Space Writer + create and modify stacks, contexts, worker pools and the spaces below; in root, the whole account', actions: ADMIN },
];

export const PREDEFINED_BY_SLUG = new Map(PREDEFINED_ROLES.map((r) => [r.slug, r]));

/** What the up-propagation of seed 001 grants in an inheriting parent: Space Reader. */
export const READER_MASK = maskOf(READER);
export const WRITER_MASK = maskOf(WRITER);
export const ADMIN_MASK = maskOf(ADMIN);
