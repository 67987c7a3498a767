// SQL of the certificate expiry watch: the SAML connections of every organization (the watch serves
// them all, each row carrying its organization), and the notices already given.
import type { Knex } from 'knex';

export interface SamlConnectionCerts {
  id: string;
  org_id: string;
  name: string;
  certificates: string[];
}

export async function samlConnections(q: Knex, after: string | null, limit: number): Promise<SamlConnectionCerts[]> {
  const { rows } = await q.raw(
    `select id, org_id, name, coalesce(settings->'saml'->'certificates', '[]'::jsonb) as certificates
       from sso_connections where protocol = 'saml'${after ? ' and id > ?' : ''} order by sso_connections.id limit ?`,
    [...(after ? [after] : []), limit],
  );
  return rows as SamlConnectionCerts[];
}

/** True when this notice is new (given now, in the caller's transaction); false when it was given before. */
export async function takeNotice(tx: Knex.Transaction, orgId: string, connectionId: string, fingerprint: string, thresholdDays: number): Promise<boolean> {
  const { rows } = await tx.raw(
    `insert into sso_certificate_notices (org_id, connection_id, fingerprint, threshold_days) values (?, ?, ?, ?)
     on conflict do nothing returning 1`,
    [orgId, connectionId, fingerprint, thresholdDays],
  );
  return rows.length > 0;
}
