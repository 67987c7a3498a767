// Who a permission question is about: the caller itself, or a named subject (a user, an API key,
// an IdP group mapping), turned into the resolver's Principal.
import type { Knex } from 'knex';
import type { Actor } from '../http/actor.ts';
import { invalidField } from '../http/errors.ts';
import type { Principal } from './grants.ts';
import type { OrgModel } from './model.ts';
import { findKeyPrincipal, findUserPrincipal } from './principal-store.ts';

export type SubjectRef =
  | { type: 'user'; id: string }
  | { type: 'api_key'; id: string }
  | { type: 'idp_group'; id?: string; name?: string };

export interface DescribedPrincipal {
  principal: Principal;
  subject: { type: SubjectRef['type']; id: string; name: string | null };
}

/** No bindings, no teams, no baseline: what a suspended person or a dead key holds. */
const NOBODY = (kind: Principal['kind']): Principal => ({ kind, id: '', orgRole: null, teams: [] });

/**
 * The caller as a principal, with the roles a login policy froze into its session (domain §6;
 * the sessions module puts them on the actor from the verified token).
 */
export function actorPrincipal(actor: Actor, sessionRoles: Principal['sessionRoles'] = actor.sessionRoles): DescribedPrincipal {
  if (actor.type === 'user' && actor.userId) {
    return {
      principal: { kind: 'user', id: actor.userId, orgRole: actor.role, teams: actor.teams, ...(sessionRoles ? { sessionRoles } : {}) },
      subject: { type: 'user', id: actor.userId, name: actor.label },
    };
  }
  return {
    principal: { kind: 'api_key', id: actor.apiKeyId ?? '', orgRole: actor.role, teams: actor.teams, ...(sessionRoles ? { sessionRoles } : {}) },
    subject: { type: 'api_key', id: actor.apiKeyId ?? '', name: actor.label },
  };
}

/** Loads a subject fresh from the database (its role, state and teams are never cached). */
export async function subjectPrincipal(db: Knex, orgId: string, model: OrgModel, ref: SubjectRef, field = 'subject'): Promise<DescribedPrincipal> {
  if (ref.type === 'user') {
    const u = await findUserPrincipal(db, orgId, ref.id);
    if (!u) throw invalidField(`${field}.id`, 'no such user in this organization');
    // A suspended person keeps their bindings but may do nothing until reactivated (domain §9).
    const principal = u.active ? { kind: 'user' as const, id: u.id, orgRole: u.role, teams: u.teams } : NOBODY('user');
    return { principal, subject: { type: 'user', id: u.id, name: u.user_name } };
  }
  if (ref.type === 'api_key') {
    const k = await findKeyPrincipal(db, orgId, ref.id);
    if (!k) throw invalidField(`${field}.id`, 'no such API key in this organization');
    if (!k.live) return { principal: NOBODY('api_key'), subject: { type: 'api_key', id: k.id, name: k.name } };
    if (k.kind === 'personal') {
      const person = await subjectPrincipal(db, orgId, model, { type: 'user', id: k.user_id! }, field);
      return { principal: person.principal, subject: { type: 'api_key', id: k.id, name: k.name } };
    }
    return { principal: { kind: 'api_key', id: k.id, orgRole: k.role, teams: k.teams }, subject: { type: 'api_key', id: k.id, name: k.name } };
  }
  const mapping = ref.id ? model.mappings.get(ref.id) : [...model.mappings.values()].find((m) => m.name === ref.name);
  if (!mapping) throw invalidField(ref.id ? `${field}.id` : `${field}.name`, 'no such IdP group mapping');
  return { principal: { kind: 'idp_group', id: mapping.id, orgRole: null, teams: [] }, subject: { type: 'idp_group', id: mapping.id, name: mapping.name } };
}

/** `user:<uuid>`, `api_key:<uuid>`, `idp_group:<uuid or name>` (the `subject` query parameter). */
export function parseSubject(text: string): SubjectRef | null {
  const at = text.indexOf(':');
  const type = text.slice(0, at), value = text.slice(at + 1);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  if (type === 'user' && uuid) return { type, id: value };
  if (type === 'api_key' && uuid) return { type, id: value };
  if (type === 'idp_group' && value) return uuid ? { type, id: value } : { type, name: value };
  return null;
}
