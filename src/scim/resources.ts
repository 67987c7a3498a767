// Maps canonical documents to directory rows and rows back to SCIM resources (RFC 7643 §4).
// Queried attributes have columns (userName, externalId, displayName, names, the primary email,
// active); everything else of the resource is kept as sent, in `attributes`.
import type { GroupFields, GroupRef, GroupRow, MemberRow, UserFields, UserRow } from '../directory/service.ts';
import { invalidValue } from './errors.ts';
import { checkResourceSize } from './limits.ts';
import type { Doc } from './normalize.ts';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './schema-catalogue.ts';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The email a person is known by: the primary one, else the work one, else the first. */
function primaryEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const list = emails as { value?: string; primary?: boolean; type?: string }[];
  return (list.find((e) => e.primary) ?? list.find((e) => e.type === 'work') ?? list[0])?.value ?? null;
}

export function userFields(doc: Doc, current?: UserRow): UserFields {
  const userName = str(doc.userName)?.trim();
  if (!userName) throw invalidValue('userName: is required and must not be empty');
  const { userName: _u, externalId, displayName, active, name, ...rest } = doc;
  const { givenName, familyName, ...otherName } = (name ?? {}) as Doc;
  checkResourceSize('User', doc);
  return {
    user_name: userName,
    external_id: str(externalId),
    display_name: str(displayName),
    given_name: str(givenName),
    family_name: str(familyName),
    email: primaryEmail(rest.emails),
    // A body without `active` leaves the state as it was (new users are active: RFC 7643 §4.1.1).
    active: typeof active === 'boolean' ? active : (current?.active ?? true),
    attributes: Object.keys(otherName).length ? { ...rest, name: otherName } : rest,
  };
}

/** The document a stored user stands for (the input of PATCH). */
export function userDoc(row: UserRow): Doc {
  const attrs = row.attributes ?? {};
  const name = { ...((attrs.name as Doc | undefined) ?? {}) };
  if (row.given_name !== null) name.givenName = row.given_name;
  if (row.family_name !== null) name.familyName = row.family_name;
  const doc: Doc = { userName: row.user_name, ...attrs, active: row.active };
  if (row.external_id !== null) doc.externalId = row.external_id;
  if (row.display_name !== null) doc.displayName = row.display_name;
  if (Object.keys(name).length) doc.name = name;
  else delete doc.name;
  return doc;
}

export const etag = (version: number) => `W/"${version}"`;

export function userResource(row: UserRow, baseUrl: string, groups?: GroupRef[]): Doc {
  const doc = userDoc(row);
  const { [ENTERPRISE_SCHEMA]: ext, ...core } = doc;
  return {
    schemas: ext ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.id,
    ...core,
    // RFC 7643 §4.1.2: direct memberships and those through nested groups ("indirect").
    ...(groups ? { groups: groups.map((g) => ({ value: g.group_id, display: g.display_name, $ref: `${baseUrl}/Groups/${g.group_id}`, type: g.direct ? 'direct' : 'indirect' })) } : {}),
    ...(ext ? { [ENTERPRISE_SCHEMA]: ext } : {}),
    meta: {
      resourceType: 'User',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location: `${baseUrl}/Users/${row.id}`,
      version: etag(row.version),
    },
  };
}

export function groupFields(doc: Doc): GroupFields {
  const displayName = str(doc.displayName)?.trim();
  if (!displayName) throw invalidValue('displayName: is required and must not be empty');
  const { displayName: _d, externalId, members: _m, ...rest } = doc;
  checkResourceSize('Group', doc);
  return { display_name: displayName, external_id: str(externalId), attributes: rest };
}

export function groupResource(row: GroupRow, baseUrl: string, members?: MemberRow[]): Doc {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    displayName: row.display_name,
    ...(row.external_id !== null ? { externalId: row.external_id } : {}),
    ...row.attributes,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.display, $ref: `${baseUrl}/${m.type === 'User' ? 'Users' : 'Groups'}/${m.id}`, type: m.type })) } : {}),
    meta: {
      resourceType: 'Group',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location: `${baseUrl}/Groups/${row.id}`,
      version: etag(row.version),
    },
  };
}
