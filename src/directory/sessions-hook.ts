// Where suspension and deletion end a person's sessions (domain §7, §9: "sessions and the person's
// API keys stop working at once"). Personal API keys already stop: the API-key resolver refuses the
// keys of inactive users, and deleting a user cascades to its keys. Sessions do not exist yet; when
// they do, this is the one function to fill in (revoke the person's sessions in the caller's transaction).
import type { Knex } from 'knex';

export type SessionEndReason = 'suspended' | 'deleted';

export async function endSessionsOfUser(_tx: Knex.Transaction, _orgId: string, _userId: string, _reason: SessionEndReason): Promise<void> {
  // Intentionally empty until src/sessions/ lands.
}
