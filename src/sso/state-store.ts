// SQL for the short-lived protocol state shared by all instances: sign-ins in flight (SAML request
// ids, OIDC state/nonce/PKCE) and the SAML assertion-id replay cache. Scoped by organization.
import type { Knex } from 'knex';

export interface LoginStateRow {
  id: string;
  org_id: string;
  connection_id: string;
  nonce: string | null;
  code_verifier_sealed: string | null;
  return_to: string;
  /** the invitation link's secret, sealed, when the sign-in started from one */
  invitation_sealed: string | null;
  expires_at: Date;
}

export const LOGIN_STATE_TTL_MS = 10 * 60_000;

export async function insertLoginState(q: Knex, row: Omit<LoginStateRow, 'expires_at'>): Promise<void> {
  await q('sso_login_states').insert({ ...row, expires_at: new Date(Date.now() + LOGIN_STATE_TTL_MS) });
}

/** Deletes and returns a live state: whoever deletes it first owns it, so a second use finds nothing. */
export async function consumeLoginState(q: Knex | Knex.Transaction, orgId: string, connectionId: string, id: string): Promise<LoginStateRow | undefined> {
  const rows = await q('sso_login_states')
    .where({ org_id: orgId, connection_id: connectionId, id })
    .where('expires_at', '>', q.fn.now())
    .delete()
    .returning('*');
  return rows[0] as LoginStateRow | undefined;
}

/** Records an assertion id; false when it was already seen (a replay). */
export async function rememberAssertion(q: Knex | Knex.Transaction, orgId: string, connectionId: string, assertionId: string, until: Date): Promise<boolean> {
  const rows = await q('saml_assertion_replay')
    .insert({ org_id: orgId, connection_id: connectionId, assertion_id: assertionId, expires_at: until })
    .onConflict(['connection_id', 'assertion_id'])
    .ignore()
    .returning('assertion_id');
  return rows.length === 1;
}

/** Housekeeping: drops expired rows (called now and then by sign-in starts). */
export async function purgeExpired(q: Knex): Promise<void> {
  await q('sso_login_states').where('expires_at', '<', q.fn.now()).delete();
  await q('saml_assertion_replay').where('expires_at', '<', q.fn.now()).delete();
}
