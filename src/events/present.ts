// Resources as events show them, from the row images the outbox triggers take (to_jsonb of the row:
// snake_case columns, timestamps as text). Only the fields listed here ever leave: a column another
// module adds later stays inside until it is named here.

type Row = Record<string, unknown>;

const time = (v: unknown) => (typeof v === 'string' ? new Date(v).toISOString() : null);

export function presentUserRow(r: Row) {
  return {
    id: r.id as string,
    userName: r.user_name as string,
    externalId: (r.external_id as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    displayName: (r.display_name as string | null) ?? null,
    givenName: (r.given_name as string | null) ?? null,
    familyName: (r.family_name as string | null) ?? null,
    active: r.active as boolean,
    role: r.role as string,
    source: r.source as string,
    attributes: (r.attributes as Row | null) ?? {},
    createdAt: time(r.created_at),
    updatedAt: time(r.updated_at),
  };
}

export function presentGroupRow(r: Row) {
  return {
    id: r.id as string,
    displayName: r.display_name as string,
    externalId: (r.external_id as string | null) ?? null,
    attributes: (r.attributes as Row | null) ?? {},
    createdAt: time(r.created_at),
    updatedAt: time(r.updated_at),
  };
}

export function presentEndedSession(r: Row) {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    connectionId: (r.connection_id as string | null) ?? null,
    createdAt: time(r.created_at),
    expiresAt: time(r.expires_at),
    endedAt: time(r.ended_at),
    reason: (r.end_reason as string | null) ?? 'ended',
  };
}

/** Fields whose values differ (compared as JSON), in the order of `after`. */
export function changedFields(before: Row, after: Row, ignore: readonly string[] = []): string[] {
  return Object.keys(after).filter((k) => !ignore.includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export const pick = (r: Row, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]));
