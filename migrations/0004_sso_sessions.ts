// Sessions (domain §7) and single sign-on (domain §6): signing keys, session records, SSO connections,
// and the short-lived protocol state (SAML request ids, OIDC state/nonce/PKCE, assertion-id replay
// cache) kept in PostgreSQL so that any instance can finish a sign-in another one started.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Session-token signing keys are one set for the whole service (the JWKS is one document); the
  // private half is stored encrypted with the configured encryption key.
  await knex.schema.createTable('session_signing_keys', (t) => {
    t.text('kid').primary();
    t.text('alg').notNullable();
    t.jsonb('public_jwk').notNullable();
    t.text('private_jwk_sealed').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('retired_at', { useTz: true }); // no longer signs; still published until tokens it signed expire
    t.index(['created_at']);
  });

  await knex.schema.createTable('sso_connections', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('name').notNullable();
    t.text('protocol').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.boolean('allow_idp_initiated').notNullable().defaultTo(false);
    t.specificType('email_domains', 'text[]').notNullable().defaultTo('{}'); // lower-cased on input
    t.jsonb('settings').notNullable(); // protocol settings without secrets
    t.text('secrets_sealed'); // client secret / private keys, encrypted
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at']);
  });
  await knex.raw(`alter table sso_connections add constraint sso_connections_protocol_check check (protocol in ('saml', 'oidc'))`);
  await knex.raw('create index sso_connections_domains on sso_connections using gin (email_domains)');

  // A person's identity at an IdP (NameID / sub) linked to the user it signs in as.
  await knex.schema.createTable('sso_identities', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('connection_id').notNullable().references('sso_connections.id').onDelete('cascade');
    t.text('subject').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_login_at', { useTz: true });
    t.primary(['connection_id', 'subject']);
    t.index(['org_id', 'user_id']);
  });

  // One row per started sign-in: SAML AuthnRequest id or OIDC state; deleted on first use.
  await knex.schema.createTable('sso_login_states', (t) => {
    t.text('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('connection_id').notNullable().references('sso_connections.id').onDelete('cascade');
    t.text('nonce');
    t.text('code_verifier_sealed');
    t.text('return_to').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });

  // Assertion ids seen, kept until the assertion could no longer be accepted anyway (its NotOnOrAfter).
  await knex.schema.createTable('saml_assertion_replay', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('connection_id').notNullable().references('sso_connections.id').onDelete('cascade');
    t.text('assertion_id').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.primary(['connection_id', 'assertion_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade'); // removal ends sessions
    t.uuid('connection_id').references('sso_connections.id').onDelete('set null');
    t.specificType('idp_teams', 'text[]').notNullable().defaultTo('{}'); // from the assertion, already mapped to names
    t.specificType('policy_teams', 'text[]'); // login_policy `team` rewrite: replaces the teams when set
    t.jsonb('policy_roles'); // login_policy `roles`, frozen until the next sign-in
    t.boolean('admin').notNullable().defaultTo(false);
    t.text('teams_source').notNullable().defaultTo('assertion'); // assertion | scim_fallback_overage
    t.binary('refresh_hash').notNullable().unique();
    t.binary('previous_refresh_hash');
    t.integer('generation').notNullable().defaultTo(1);
    t.text('ip');
    t.text('user_agent');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('refreshed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.text('end_reason');
    t.index(['org_id', 'user_id']);
    t.index(['org_id', 'created_at']);
  });
  await knex.raw('create index sessions_previous_refresh on sessions (previous_refresh_hash) where previous_refresh_hash is not null');
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['sessions', 'saml_assertion_replay', 'sso_login_states', 'sso_identities', 'sso_connections', 'session_signing_keys']) {
    await knex.schema.dropTableIfExists(t);
  }
}
