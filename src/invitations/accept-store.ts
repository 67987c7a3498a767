// SQL for acceptance: the member an accepted invitation creates or updates.
import type { Knex } from 'knex';
import type { OrgRole } from '../orgs/roles.ts';
import type { PersonRow } from './store.ts';

const PERSON = ['id', 'user_name', 'email', 'display_name', 'role'];

/** The person with this id, or else with this address as email or userName; locked. */
export async function lockPerson(tx: Knex.Transaction, orgId: string, by: { userId?: string; email: string }): Promise<PersonRow | undefined> {
  if (by.userId) return tx('users').select(PERSON).where({ org_id: orgId, id: by.userId }).forUpdate().first() as Promise<PersonRow | undefined>;
  return tx('users')
    .select(PERSON)
    .where('org_id', orgId)
    .where((w) => w.whereRaw('email = ?::citext', [by.email]).orWhereRaw('user_name = ?::citext', [by.email]))
    .orderBy('created_at')
    .forUpdate()
    .first() as Promise<PersonRow | undefined>;
}

export async function insertInvitedPerson(tx: Knex.Transaction, orgId: string, p: { email: string; name: string | null; role: OrgRole }): Promise<PersonRow> {
  const [row] = await tx('users')
    .insert({ org_id: orgId, user_name: p.email, email: p.email, display_name: p.name, role: p.role, source: 'invitation' })
    .returning(PERSON);
  return row as PersonRow;
}

export async function setPersonRole(tx: Knex.Transaction, orgId: string, userId: string, role: OrgRole): Promise<void> {
  await tx('users').where({ org_id: orgId, id: userId }).update({ role, version: tx.raw('version + 1'), updated_at: tx.fn.now() });
}

export async function markAccepted(tx: Knex.Transaction, orgId: string, id: string, userId: string): Promise<void> {
  await tx('invitations').where({ org_id: orgId, id }).update({ state: 'accepted', accepted_at: tx.fn.now(), accepted_user_id: userId, updated_at: tx.fn.now() });
}
