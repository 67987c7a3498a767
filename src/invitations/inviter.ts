// Who the mail says invited you: the person's name or address, or, for a service key, the organization.
import type { Knex } from 'knex';
import type { RequestContext } from '../http/actor.ts';
import { findPerson } from './store.ts';

export async function inviterName(tx: Knex.Transaction, ctx: RequestContext, orgName: string): Promise<string> {
  const { actor } = ctx;
  const person = actor.type === 'user' && actor.userId ? await findPerson(tx, actor.orgId, actor.userId) : undefined;
  if (person) return person.display_name || person.email || person.user_name;
  return `The administrators of ${orgName}`;
}
