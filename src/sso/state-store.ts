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

/**
 * The two single-use claims of a SAML response, in one statement: records the assertion id (`fresh`
 * is false when it was already seen: a replay) and consumes the sign-in the response answers, if it
 * names one (`state`, as consumeLoginState). Both happen whatever the other finds.
 */
export async function claimSamlResponse(q: Knex, orgId: string, connectionId: string, assertion: { id: string; until: Date }, requestId: string | null): Promise<{ fresh: boolean; state: LoginStateRow | undefined }> {
  const { rows } = await q.raw(
    `with seen as (
       insert into saml_assertion_replay (org_id, connection_id, assertion_id, expires_at) values (?, ?, ?, ?)
       on conflict (connection_id, assertion_id) do nothing
       returning assertion_id
     ), st as (
       delete from sso_login_states where org_id = ? and connection_id = ? and id = ? and expires_at > now()
       returning *
     )
     select exists(select 1 from seen) as fresh, st.* from (select 1) as one left join st on true`,
    [orgId, connectionId, assertion.id, assertion.until, orgId, connectionId, requestId],
  );
  const { fresh, ...state } = rows[0] as LoginStateRow & { fresh: boolean };
  return { fresh, state: state.id === null ? undefined : state };
}

/** Housekeeping: drops expired rows (called now and then by sign-in starts). */
export async function purgeExpired(q: Knex): Promise<void> {
  await q('sso_login_states').where('expires_at', '<', q.fn.now()).delete();
  await q('saml_assertion_replay').where('expires_at', '<', q.fn.now()).delete();
}
