// The points where the login decision asks other modules (domain §6): the login policies (src/policies
// over src/rego), role bindings of teams (src/access) and invitations (src/invitations). Each is a
// typed hook with the module's implementation as its default, so tests and future modules can swap
// one without touching the decision.
import type { Knex } from 'knex';
import type { OrgRole } from '../orgs/roles.ts';
import { accessResolver } from '../access/resolver.ts';
import type { Config } from '../config.ts';
import { acceptInvitation, hasPendingInvitation } from '../invitations/accept.ts';
import type { RequestContext } from '../http/actor.ts';
import type { SignInFacts } from '../policies/input.ts';
import { evaluateSignIn } from '../policies/service.ts';

/** What the organization's login policies decided (contract §3–4: deny beats allow; roles frozen). */
export interface LoginPolicyVerdict {
  admitted: boolean;
  admin: boolean;
  /** space id → role ids, frozen into the session until the next sign-in */
  roles: Record<string, string[]>;
  /** `team` rewrite: replaces the session's teams; null keeps the IdP's */
  teams: string[] | null;
  /** why it refused (a deny, no allow, or a policy that failed to evaluate) */
  reason: string | null;
}

export type PolicyLimits = Pick<Config, 'loginPolicyTimeoutMs' | 'loginPolicyMaxSteps'>;

export interface LoginHooks {
  evaluateLoginPolicy(db: Knex, orgId: string, facts: SignInFacts, limits: PolicyLimits): Promise<LoginPolicyVerdict>;
  /** user_management admission: whether any of these teams has a role binding. */
  teamsHaveBinding(db: Knex, orgId: string, teams: string[]): Promise<boolean>;
  /** Whether this address has a live invitation: when not, a returning person's sign-in takes no lock. */
  hasPendingInvitation(db: Knex, orgId: string, email: string): Promise<boolean>;
  /**
   * user_management admission: accepts the invitation the link `token` opens, or without one the live
   * invitation to this address, creating the member if needed.
   */
  acceptInvitation(tx: Knex.Transaction, orgId: string, email: string, opts: { token: string | null; userId: string | null; name: string | null; ctx: RequestContext | null }):
    Promise<{ accepted: true; userId: string; role: OrgRole } | { accepted: false; message: string }>;
}

const NO_USER = '00000000-0000-0000-0000-000000000000';

const defaults: LoginHooks = {
  evaluateLoginPolicy: (db, orgId, facts, limits) => evaluateSignIn(db, orgId, facts, limits),
  async teamsHaveBinding(db, orgId, teams) {
    // A principal with only these teams (no user bindings, no organization role): any source is a team binding.
    const model = await accessResolver(db).model(orgId);
    return model.grantsFor({ kind: 'user', id: NO_USER, orgRole: null, teams }).sources.length > 0;
  },
  hasPendingInvitation: (db, orgId, email) => hasPendingInvitation(db, orgId, email),
  acceptInvitation: (tx, orgId, email, opts) => acceptInvitation(tx, orgId, email, opts),
};

export const loginHooks: LoginHooks = { ...defaults };

export function setLoginHooks(hooks: Partial<LoginHooks>): () => void {
  const previous = { ...loginHooks };
  Object.assign(loginHooks, hooks);
  return () => Object.assign(loginHooks, previous);
}
