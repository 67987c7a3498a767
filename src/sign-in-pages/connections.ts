// The enabled connections a sign-in page offers (names and ids only; nothing secret).
import type { Knex } from 'knex';
import { findEnabledByDomain, listConnections } from '../sso/connection-store.ts';

export interface OfferedConnection { id: string; name: string }

export async function enabledConnections(db: Knex, orgId: string): Promise<OfferedConnection[]> {
  return (await listConnections(db, orgId)).filter((c) => c.enabled).map((c) => ({ id: c.id, name: c.name }));
}

/** The connection a sign-in with this address goes to: the one owning its domain, else the only one. */
export async function connectionFor(db: Knex, orgId: string, email: string): Promise<OfferedConnection | null> {
  const byDomain = await findEnabledByDomain(db, orgId, email.slice(email.lastIndexOf('@') + 1).toLowerCase());
  if (byDomain) return { id: byDomain.id, name: byDomain.name };
  const all = await enabledConnections(db, orgId);
  return all.length === 1 ? all[0]! : null;
}
