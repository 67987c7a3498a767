// The directory's records: users and groups as the identity providers push them.

export interface UserRow {
  id: string;
  org_id: string;
  user_name: string;
  external_id: string | null;
  email: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  role: string;
  active: boolean;
  source: string;
  /** The rest of the SCIM resource (name.formatted, emails, addresses, enterprise extension…). */
  attributes: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** What a provisioning write sets on a user. */
export type UserFields = Pick<UserRow, 'user_name' | 'external_id' | 'email' | 'display_name' | 'given_name' | 'family_name' | 'active' | 'attributes'>;

export interface GroupRow {
  id: string;
  org_id: string;
  display_name: string;
  external_id: string | null;
  attributes: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface GroupFields {
  display_name: string;
  external_id: string | null;
  attributes: Record<string, unknown>;
}

/** A direct member of a group: a user or a nested group. */
export interface MemberRow {
  group_id: string;
  id: string;
  type: 'User' | 'Group';
  display: string | null;
}

/** A group containing a user: `direct`, or through nested groups (RFC 7643 §4.1.2 `groups.type`). */
export interface GroupRef {
  user_id: string;
  group_id: string;
  display_name: string;
  direct: boolean;
}

/** A member named in a request: its id, and the type the client gave, if any. */
export interface MemberRef {
  id: string;
  type?: 'User' | 'Group';
}

/** A parameterized SQL condition (from the SCIM filter compiler) and its order. */
export interface ListQuery {
  where: { sql: string; bindings: unknown[] } | null;
  orderBy: string | null;
  descending: boolean;
  offset: number;
  limit: number;
}
