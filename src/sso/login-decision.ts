// Who may enter, and with what (domain §6). Owners and admins always (break-glass, seed 000);
// under user_management the admission rules; under login_policy the organization's policies.
import type { Knex } from 'knex';
import type { SignInUser } from './directory-store.ts';
import type { ExternalIdentity } from './identity.ts';
import { loginHooks, type PolicyLimits } from './login-hooks.ts';
import { refuse } from './refusal.ts';

export interface LoginDecision {
  admin: boolean;
  /** Frozen into the session under login_policy; null otherwise. */
  roles: Record<string, string[]> | null;
  /** login_policy: the session's teams, frozen (a `team` rewrite, or the teams as they were). */
  policyTeams: string[] | null;
  /** `invitation`: admitted only if a live invitation to the address is accepted in the sign-in's transaction. */
  via: 'break_glass' | 'member' | 'invitation' | 'team_binding' | 'login_policy';
}

export interface DecisionInput {
  orgId: string;
  strategy: 'user_management' | 'login_policy';
  user: SignInUser | undefined;
  identity: ExternalIdentity;
  teams: string[];
  ip: string | null;
  limits: PolicyLimits;
}

const breakGlass = (u: SignInUser | undefined) => u !== undefined && u.active && (u.role === 'owner' || u.role === 'admin');

export async function decideLogin(db: Knex, d: DecisionInput): Promise<LoginDecision> {
  if (d.user && !d.user.active) throw refuse('suspended', 'your account in this organization is suspended');
  if (breakGlass(d.user)) {
    return { admin: true, roles: null, policyTeams: d.strategy === 'login_policy' ? d.teams : null, via: 'break_glass' };
  }
  return d.strategy === 'login_policy' ? byPolicy(db, d) : byUserManagement(db, d);
}

async function byUserManagement(db: Knex, d: DecisionInput): Promise<LoginDecision> {
  const base = { admin: false, roles: null, policyTeams: null };
  // Provisioned by SCIM, invited and accepted, or added by an administrator: a member already.
  if (d.user) return { ...base, via: 'member' };
  if (d.teams.length && (await loginHooks.teamsHaveBinding(db, d.orgId, d.teams))) return { ...base, via: 'team_binding' };
  if (d.identity.email && d.identity.emailVerified) return { ...base, via: 'invitation' };
  throw notAdmitted(d.teams);
}

export const notAdmitted = (teams: string[], invitation?: string) => refuse('not_admitted',
  'you are not a member of this organization: your identity provider has not provisioned you, you have no pending invitation, and none of your teams has access'
    + (invitation ? ` (${invitation})` : ''), 403, { teams });

async function byPolicy(db: Knex, d: DecisionInput): Promise<LoginDecision> {
  let verdict;
  try {
    verdict = await loginHooks.evaluateLoginPolicy(db, d.orgId, {
      login: d.user?.user_name ?? d.identity.email ?? d.identity.subject, name: d.identity.name, email: d.identity.email, teams: d.teams,
      member: true, // SSO: the IdP vouched for the person (contract §2 "member")
      remoteIp: d.ip, timestampNs: Date.now() * 1e6,
    }, d.limits);
  } catch (err) {
    // Fail closed (domain §6): a policy that cannot be evaluated refuses everyone but break-glass.
    throw refuse('login_policy_failed', `the login policy could not be evaluated: ${(err as Error).message}`);
  }
  if (!verdict.admitted) throw refuse('login_policy_denied', `the login policy refused this sign-in${verdict.reason ? `: ${verdict.reason}` : ''}`);
  return { admin: verdict.admin, roles: verdict.roles, policyTeams: verdict.teams ? [...new Set(verdict.teams)].sort() : d.teams, via: 'login_policy' };
}
