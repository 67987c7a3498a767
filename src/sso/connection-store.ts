// SQL for SSO connections, identities and the short-lived sign-in state. Scoped by organization.
import type { Knex } from 'knex';
import type { ConnectionSettings } from './connection-types.ts';

export interface ConnectionRow {
  id: string;
  org_id: string;
  name: string;
  protocol: 'saml' | 'oidc';
  enabled: boolean;
  allow_idp_initiated: boolean;
  email_domains: string[];
  settings: ConnectionSettings;
  secrets_sealed: string | null;
  /** its identity settings were last saved by an owner: only then may owners sign in through it */
  owner_approved: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

type Q = Knex | Knex.Transaction;
const asDb = (r: Partial<ConnectionRow>) => ({ ...r, ...(r.settings ? { settings: JSON.stringify(r.settings) } : {}) });

export async function insertConnection(tx: Knex.Transaction, row: Omit<ConnectionRow, 'id' | 'created_at' | 'updated_at'>): Promise<ConnectionRow> {
  const [created] = await tx('sso_connections').insert(asDb(row)).returning('*');
  return created as ConnectionRow;
}

export async function findConnection(q: Q, orgId: string, id: string, lock = false): Promise<ConnectionRow | undefined> {
  const query = q<ConnectionRow>('sso_connections').where({ org_id: orgId, id });
  if (lock) query.forUpdate();
  return query.first();
}

export async function listConnections(q: Q, orgId: string): Promise<ConnectionRow[]> {
  return q<ConnectionRow>('sso_connections').where({ org_id: orgId }).orderBy('created_at').limit(500);
}

export async function updateConnection(tx: Knex.Transaction, orgId: string, id: string, patch: Partial<ConnectionRow>): Promise<ConnectionRow> {
  const [row] = await tx('sso_connections').where({ org_id: orgId, id }).update({ ...asDb(patch), updated_at: tx.fn.now() }).returning('*');
  return row as ConnectionRow;
}

export async function deleteConnection(tx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await tx('sso_connections').where({ org_id: orgId, id }).delete();
}

/** Other connections of the organization that claim any of these domains (one domain, one IdP). */
export async function domainsTaken(q: Q, orgId: string, domains: string[], exceptId: string | null): Promise<string[]> {
  if (!domains.length) return [];
  const query = q('sso_connections').where({ org_id: orgId }).whereRaw('email_domains && ?::text[]', [domains]).select('email_domains');
  if (exceptId) query.whereNot('id', exceptId);
  const rows: { email_domains: string[] }[] = await query;
  const taken = new Set(rows.flatMap((r) => r.email_domains.map((d) => d.toLowerCase())));
  return domains.filter((d) => taken.has(d));
}

export async function findEnabledByDomain(q: Q, orgId: string, domain: string): Promise<ConnectionRow | undefined> {
  return q<ConnectionRow>('sso_connections').where({ org_id: orgId, enabled: true }).whereRaw('email_domains @> array[lower(?)]::text[]', [domain]).first();
}
