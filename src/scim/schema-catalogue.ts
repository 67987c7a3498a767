// The attribute catalogue of RFC 7643 (User, Group, enterprise extension), taken from scimmy's
// schema definitions: it serves /Schemas and tells the filter compiler, the normaliser and PATCH
// each attribute's canonical spelling, type, plurality and case rule. Attribute names are
// case-insensitive (RFC 7643 §2.1), so lookups go through lowercased names.
import SCIMMY from 'scimmy';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface AttrDef {
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
  multiValued: boolean;
  caseExact?: boolean;
  mutability?: string;
  returned?: string;
  uniqueness?: string;
  subAttributes?: AttrDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttrDef[];
}

type Described = SchemaDef & { schemas: string[]; meta?: unknown };
// describe() returns scimmy Attribute instances that only look like RFC 7643 JSON once serialised.
const describe = (s: { definition: { describe(base: string): unknown } }) => JSON.parse(JSON.stringify(s.definition.describe('/Schemas'))) as Described;

function withUniqueGroupNames(group: Described): Described {
  // We enforce unique group displayNames per organization (Entra requires it: Microsoft Learn's SCIM provisioning tutorial).
  return { ...group, attributes: group.attributes.map((a) => (a.name === 'displayName' ? { ...a, uniqueness: 'server' } : a)) };
}

export const SCHEMAS: Record<string, Described> = {
  [USER_SCHEMA]: describe(SCIMMY.Schemas.User),
  [ENTERPRISE_SCHEMA]: describe(SCIMMY.Schemas.EnterpriseUser),
  [GROUP_SCHEMA]: withUniqueGroupNames(describe(SCIMMY.Schemas.Group)),
};

export type ResourceKind = 'User' | 'Group';

/** The schemas whose attributes a resource kind carries, core first. */
export const KIND_SCHEMAS: Record<ResourceKind, string[]> = {
  User: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  Group: [GROUP_SCHEMA],
};

const COMMON: AttrDef[] = [
  { name: 'id', type: 'string', multiValued: false, caseExact: true, mutability: 'readOnly' },
  { name: 'externalId', type: 'string', multiValued: false, caseExact: true },
  {
    name: 'meta', type: 'complex', multiValued: false, mutability: 'readOnly', subAttributes: [
      { name: 'resourceType', type: 'string', multiValued: false, caseExact: true },
      { name: 'created', type: 'dateTime', multiValued: false },
      { name: 'lastModified', type: 'dateTime', multiValued: false },
      { name: 'location', type: 'reference', multiValued: false, caseExact: true },
      { name: 'version', type: 'string', multiValued: false, caseExact: true },
    ],
  },
];

const index = (defs: AttrDef[]) => new Map(defs.map((d) => [d.name.toLowerCase(), d]));
const BY_SCHEMA = new Map(Object.entries(SCHEMAS).map(([id, s]) => [id, index(s.attributes.filter((a) => a.name !== 'id' && a.name !== 'externalId'))]));
const COMMON_INDEX = index(COMMON);

export interface ResolvedAttr {
  /** The schema URN the attribute belongs to (core attributes: the core schema). */
  schema: string;
  attr: AttrDef;
  /** The sub-attribute, when the path names one (name.familyName, emails.value). */
  sub?: AttrDef;
}

/**
 * Resolves an attribute path as a client wrote it: `userName`, `NAME.givenName`, `emails.value`,
 * `urn:…:enterprise:2.0:User:manager.value`, `urn:…:core:2.0:User:userName`. Enterprise attributes
 * are also found without their URN (Entra sends an un-prefixed `manager` path: Microsoft Learn's SCIM provisioning tutorial).
 * Returns null when the resource kind has no such attribute.
 */
export function resolveAttr(kind: ResourceKind, path: string): ResolvedAttr | null {
  let rest = path;
  let schemas = KIND_SCHEMAS[kind];
  const lower = path.toLowerCase();
  for (const urn of KIND_SCHEMAS[kind]) {
    if (lower.startsWith(urn.toLowerCase() + ':')) {
      rest = path.slice(urn.length + 1);
      schemas = [urn];
      break;
    }
  }
  const [head, subName, ...more] = rest.split('.');
  if (!head || more.length) return null;
  for (const schema of schemas) {
    const attr = (schema === KIND_SCHEMAS[kind][0] ? COMMON_INDEX.get(head.toLowerCase()) : undefined) ?? BY_SCHEMA.get(schema)?.get(head.toLowerCase());
    if (!attr) continue;
    if (subName === undefined) return { schema, attr };
    const sub = attr.subAttributes?.find((s) => s.name.toLowerCase() === subName.toLowerCase());
    return sub ? { schema, attr, sub } : null;
  }
  return null;
}

/** The extension URN a resolved attribute is stored under, or null for core attributes. */
export function extensionOf(r: ResolvedAttr): string | null {
  return r.schema === ENTERPRISE_SCHEMA ? ENTERPRISE_SCHEMA : null;
}

export function subAttr(attr: AttrDef, name: string): AttrDef | undefined {
  return attr.subAttributes?.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

export function schemaAttrs(schema: string): AttrDef[] {
  return SCHEMAS[schema]?.attributes ?? [];
}
