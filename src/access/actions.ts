// The action catalogue (domain §4, seed 001): `resource:verb` strings, fixed in code. Each action is
// one bit, so a role's actions and an actor's effective actions in a space are 32-bit masks and a
// permission check is one AND.

export interface ActionInfo {
  readonly name: string;
  readonly description: string;
  /** account actions only count when held in `root` (domain §4). */
  readonly scope: 'space' | 'account';
}

export const ACTIONS: readonly ActionInfo[] = [
  { name: 'space:read', description: 'View the space and its place in the tree', scope: 'space' },
  { name: 'space:manage', description: 'Create, change and delete spaces below this one; manage role bindings in it', scope: 'space' },
  { name: 'stack:read', description: 'View stacks', scope: 'space' },
  { name: 'stack:manage', description: 'Create stacks and change their configuration', scope: 'space' },
  { name: 'run:read', description: 'View runs', scope: 'space' },
  { name: 'run:trigger', description: 'Trigger runs', scope: 'space' },
  { name: 'run:comment', description: 'Comment on runs', scope: 'space' },
  { name: 'context:read', description: 'View contexts', scope: 'space' },
  { name: 'context:manage', description: 'Create and change contexts', scope: 'space' },
  { name: 'worker_pool:read', description: 'View worker pools', scope: 'space' },
  { name: 'worker_pool:manage', description: 'Create and change worker pools', scope: 'space' },
  { name: 'env_var:read', description: 'View stack environment variables', scope: 'space' },
  { name: 'env_var:manage', description: 'Change stack environment variables', scope: 'space' },
  { name: 'secret:read', description: 'Read secret values (withheld from viewer_no_secrets everywhere)', scope: 'space' },
  { name: 'sso:manage', description: 'Set up single sign-on (root only)', scope: 'account' },
  { name: 'vcs:manage', description: 'Set up VCS integrations (root only)', scope: 'account' },
  { name: 'session:manage', description: "List and end anyone's sessions (root only)", scope: 'account' },
  { name: 'login_policy:manage', description: 'Manage login policies (root only)', scope: 'account' },
  { name: 'audit_trail:manage', description: 'Manage audit trails (root only)', scope: 'account' },
];

export type Action = string;

const BITS = new Map<string, number>(ACTIONS.map((a, i) => [a.name, 1 << i]));

export const ACTION_NAMES: readonly string[] = ACTIONS.map((a) => a.name);

export const isAction = (name: string): boolean => BITS.has(name);

/** The bit of one action; throws for a name outside the catalogue (callers validate first). */
export function bitOf(name: string): number {
  const bit = BITS.get(name);
  if (bit === undefined) throw new Error(`unknown action ${name}`);
  return bit;
}

export const maskOf = (names: readonly string[]): number => names.reduce((m, n) => m | bitOf(n), 0);

export function namesOf(mask: number): string[] {
  return ACTIONS.filter((_, i) => mask & (1 << i)).map((a) => a.name);
}

export const ACCOUNT_MASK = maskOf(ACTIONS.filter((a) => a.scope === 'account').map((a) => a.name));
export const SECRET_READ = bitOf('secret:read');
export const SPACE_MANAGE = bitOf('space:manage');
export const SPACE_READ = bitOf('space:read');
