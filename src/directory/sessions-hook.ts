// Where suspension and deletion end a person's sessions (domain §7, §9: "sessions and the person's
// API keys stop working at once"). Personal API keys stop by themselves: the API-key resolver refuses
// the keys of inactive users, and deleting a user cascades to its keys.
import type { Knex } from 'knex';
import { endUserSessions } from '../sessions/service.ts';

export type SessionEndReason = 'suspended' | 'deleted';

export async function endSessionsOfUser(tx: Knex.Transaction, orgId: string, userId: string, reason: SessionEndReason): Promise<void> {
  await endUserSessions(tx, orgId, userId, `scim_${reason}`);
}
