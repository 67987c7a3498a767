// Combines the outputs of an organization's login policies into one sign-in decision
// (Spacelift's contract §4, domain §6). Pure: the caller supplies the spaces and roles that exist.
import type { PolicyOutput } from './engine.ts';

export interface PolicyResult {
  policyId: string;
  output?: PolicyOutput;
  /** Set when the policy failed to evaluate: the sign-in is refused (fail closed). */
  error?: string;
}

export interface KnownAccessObjects {
  /** Space ids that exist. */
  spaces: ReadonlySet<string>;
  /** Role id or slug → role id, for every role that exists. */
  roles: ReadonlyMap<string, string>;
}

export interface LoginDecision {
  admitted: boolean;
  admin: boolean;
  /** Space id → role ids, frozen into the session. */
  roles: Record<string, string[]>;
  /** The session's teams after the policies' `team` rules (null: keep the IdP's). */
  teams: string[] | null;
  /** Why the sign-in was refused, when it was. */
  reason: string | null;
  /** Spaces or roles a policy named that do not exist: reported, never fatal. */
  warnings: string[];
  sample: boolean;
}

/** No login policy defined ⇒ `allow if input.session.member` (contract §1). */
export function defaultDecision(member: boolean): LoginDecision {
  return {
    admitted: member,
    admin: false,
    roles: {},
    teams: null,
    reason: member ? null : 'not a member (no login policy is defined)',
    warnings: [],
    sample: false,
  };
}

export function combineResults(results: PolicyResult[], known: KnownAccessObjects): LoginDecision {
  const warnings: string[] = [];
  const errors = results.filter((r) => r.error);
  const outputs = results.flatMap((r) => (r.output ? [r.output] : []));
  const any = (f: (o: PolicyOutput) => boolean) => outputs.some(f);

  const roles: Record<string, Set<string>> = {};
  for (const o of outputs) {
    for (const [space, refs] of o.roles) {
      if (!known.spaces.has(space)) {
        warnings.push(`roles: space "${space}" does not exist`);
        continue;
      }
      for (const ref of refs) {
        const roleId = known.roles.get(ref);
        if (!roleId) warnings.push(`roles: role "${ref}" (in space "${space}") does not exist`);
        else (roles[space] ??= new Set()).add(roleId);
      }
    }
  }
  const teams = outputs.flatMap((o) => o.teams);
  const deny = any((o) => o.deny);
  const denyMessages = [...new Set(outputs.flatMap((o) => (o.deny ? o.denyMessages : [])))];
  // deny_admin strips admin; it does not admit by itself. An admin-only grant that is stripped
  // leaves nothing to enter with, so such a person is refused (the contract is silent; we fail closed).
  const admin = any((o) => o.admin) && !any((o) => o.denyAdmin);
  const allow = any((o) => o.allow);
  const admitted = errors.length === 0 && !deny && (admin || allow);
  const reason = errors.length
    ? `login policy failed to evaluate: ${errors.map((e) => `${e.policyId}: ${e.error}`).join('; ')}`
    : deny
      ? `denied by a login policy${denyMessages.length ? `: ${denyMessages.join('; ')}` : ''}`
      : admitted
        ? null
        : 'no login policy allowed this sign-in';
  return {
    admitted,
    admin: admitted && admin,
    roles: admitted ? Object.fromEntries(Object.entries(roles).map(([s, r]) => [s, [...r].sort()])) : {},
    teams: teams.length ? [...new Set(teams)].sort() : null,
    reason,
    warnings,
    sample: any((o) => o.sample) || errors.length > 0,
  };
}
