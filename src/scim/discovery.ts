// /ServiceProviderConfig, /ResourceTypes, /Schemas (RFC 7644 §4): advertise only what works.
import { notFound } from './errors.ts';
import { MAX_COUNT } from './list-params.ts';
import type { ScimResponse } from './protocol.ts';
import { limitText, resourceLimitText } from './limits.ts';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, SCHEMAS, USER_SCHEMA, type AttrDef, type ResourceKind } from './schema-catalogue.ts';

export const BULK_MAX_OPERATIONS = 1000;
export const BULK_MAX_PAYLOAD = 16 * 1024 * 1024;

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: true },
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'A SCIM token of the organization (POST /v1/orgs/{org}/scim-tokens)', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User', name: 'User', endpoint: '/Users', description: 'User Account', schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group', name: 'Group', endpoint: '/Groups', description: 'Group', schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

/** Each attribute's description ends with its limits (limits.ts), each schema's with the resource's. */
function withLimits(kind: ResourceKind, attrs: (AttrDef & { description?: string })[], prefix = ''): unknown[] {
  return attrs.map((a) => {
    const path = `${prefix}${a.name}`;
    const text = limitText(kind, path, a.type, a.multiValued);
    return {
      ...a,
      ...(text ? { description: [a.description, text].filter(Boolean).join(' ') } : {}),
      ...(a.subAttributes ? { subAttributes: withLimits(kind, a.subAttributes, `${path}.`) } : {}),
    };
  });
}

const SCHEMAS_WITH_LIMITS = Object.values(SCHEMAS).map((s) => {
  const kind: ResourceKind = s.id === GROUP_SCHEMA ? 'Group' : 'User';
  return { ...s, description: `${s.description} ${resourceLimitText(kind)}`, attributes: withLimits(kind, s.attributes) };
});

function schemas(baseUrl: string) {
  return SCHEMAS_WITH_LIMITS.map((s) => ({ ...s, meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${s.id}` } }));
}

const list = (items: unknown[]) => ({ schemas: [LIST], totalResults: items.length, startIndex: 1, itemsPerPage: items.length, Resources: items });

export function discovery(baseUrl: string, what: 'ServiceProviderConfig' | 'ResourceTypes' | 'Schemas', id?: string): ScimResponse {
  if (what === 'ServiceProviderConfig') return { status: 200, body: serviceProviderConfig(baseUrl) };
  const items: { id: string }[] = what === 'ResourceTypes' ? resourceTypes(baseUrl) : schemas(baseUrl);
  if (id === undefined) return { status: 200, body: list(items) };
  const one = items.find((i) => i.id.toLowerCase() === id.toLowerCase());
  if (!one) throw notFound(`${what === 'Schemas' ? 'Schema' : 'ResourceType'} ${id}`);
  return { status: 200, body: one };
}
