// Who may list and end other people's sessions: holders of `session:manage` (domain §4, an account
// action that counts when held in `root`). Owners and admins hold it through their baseline.
import type { Knex } from 'knex';
import { bitOf } from '../access/actions.ts';
import { accessResolver } from '../access/resolver.ts';
import { actorPrincipal } from '../access/principals.ts';
import type { RequestContext } from '../http/actor.ts';
import { forbidden } from '../http/errors.ts';

const SESSION_MANAGE = bitOf('session:manage');

export async function requireSessionManager(db: Knex, ctx: RequestContext): Promise<void> {
  const { actor } = ctx;
  if (actor.role === 'owner' || actor.role === 'admin') return;
  const model = await accessResolver(db).model(actor.orgId);
  const grants = model.grantsFor(actorPrincipal(actor, actor.sessionRoles).principal);
  if (model.root >= 0 && (grants.maskAt(model.root) & SESSION_MANAGE) !== 0) return;
  throw forbidden('you need session:manage in the root space to see or end other people\'s sessions');
}
