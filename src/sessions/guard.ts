// Who may list and end other people's sessions: holders of `session:manage` (domain §4, an account
// action held in `root`). Owners and admins hold it through their baseline (Space Admin of root).
import type { Actor } from '../http/actor.ts';
import { forbidden } from '../http/errors.ts';

/**
 * Hook for src/access: whether the actor holds `session:manage` in `root` through a role binding.
 * Until the permission resolver is wired in, only the organization-role baseline counts.
 */
export type SessionManageCheck = (actor: Actor) => boolean;

let bindingCheck: SessionManageCheck = () => false;

export function setSessionManageCheck(check: SessionManageCheck): void {
  bindingCheck = check;
}

export function requireSessionManager(actor: Actor): void {
  if (actor.role === 'owner' || actor.role === 'admin' || bindingCheck(actor)) return;
  throw forbidden(`your organization role (${actor.role}) does not hold session:manage`);
}
