// Size limits of SCIM resources (issue 13.9), checked when a body is normalised and advertised in
// /Schemas (each attribute's description, each resource schema's description). Attributes held
// in indexed columns stay well below PostgreSQL's index-row limit (2,704 bytes: 256 characters
// are at most 1,024 bytes of UTF-8); the rest are bounded so that a page of 1,000 users stays a
// few megabytes, never the 240 MB four 60 MB titles made.
import { invalidValue } from './errors.ts';
import type { ResourceKind } from './schema-catalogue.ts';

/** Characters (Unicode code points) of any string value. */
export const STRING_MAX = 1024;
/** Characters of a `binary` value (base64): an X.509 certificate is 1.5–3 KB of it. */
export const BINARY_MAX = 16 * 1024;
/** Stricter limits for values that are indexed (unique names, lookups, email matching). */
export const INDEXED_MAX: Record<ResourceKind, Record<string, number>> = {
  User: { userName: 256, externalId: 256, displayName: 256, 'name.givenName': 256, 'name.familyName': 256, 'emails.value': 256 },
  Group: { displayName: 256, externalId: 256 },
};
/** Elements of one multi-valued attribute of a user (emails, phoneNumbers, addresses…). */
export const VALUES_MAX = 100;
/** Bytes of a resource's stored attributes as JSON (a group's members are not part of it). */
export const RESOURCE_MAX_BYTES = 64 * 1024;

/** `emails[3].value` → `emails.value`: the attribute a limit is set for. */
const attrOf = (path: string) => path.replace(/\[\d+\]/g, '');

/** Checks one string value against its attribute's length (lone surrogates are refused earlier: unicode.ts). */
export function checkString(kind: ResourceKind, path: string, v: string, binary = false): void {
  const max = binary ? BINARY_MAX : INDEXED_MAX[kind][attrOf(path)] ?? STRING_MAX;
  if (v.length > max && [...v].length > max) throw invalidValue(`${path}: at most ${max} characters (found ${[...v].length})`);
}

export function checkValues(path: string, n: number): void {
  if (n > VALUES_MAX) throw invalidValue(`${path}: at most ${VALUES_MAX} values (found ${n})`);
}

export function checkResourceSize(kind: ResourceKind, attributes: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(attributes));
  if (bytes > RESOURCE_MAX_BYTES) throw invalidValue(`the ${kind} is too large: its attributes take ${bytes} bytes of JSON, at most ${RESOURCE_MAX_BYTES}`);
}

/** The sentence /Schemas adds to an attribute's description. */
export function limitText(kind: ResourceKind, path: string, type: string, multiValued: boolean): string {
  const parts: string[] = [];
  if (type === 'string' || type === 'reference') parts.push(`At most ${INDEXED_MAX[kind][path] ?? STRING_MAX} characters.`);
  if (type === 'binary') parts.push(`At most ${BINARY_MAX} characters of base64.`);
  if (multiValued && path !== 'members' && path !== 'groups') parts.push(`At most ${VALUES_MAX} values.`);
  return parts.join(' ');
}

export const resourceLimitText = (kind: ResourceKind) =>
  `Gatehouse stores at most ${RESOURCE_MAX_BYTES / 1024} KiB of attributes (as JSON) per ${kind}${kind === 'Group' ? ', members apart' : ''}; longer values are refused with 400 invalidValue naming the attribute.`;
