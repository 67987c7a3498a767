// Response and body types of the API, by operationId (from the generated client/schema.d.ts).
import type { operations } from '../../../client/schema.d.ts';

type Content<R> = R extends { content: { 'application/json': infer J } } ? J : never;
export type Response200<K extends keyof operations> = operations[K] extends { responses: infer R }
  ? R extends { 200: infer X } ? Content<X> : R extends { 201: infer X } ? Content<X> : never
  : never;
export type Body<K extends keyof operations> = operations[K] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type Member = Response200<'listMembers'>['items'][number];
export type MemberDetail = Response200<'getMember'>;
export type Invitation = Response200<'getInvitation'>;
export type InviteResponse = Response200<'createInvitation'>;
export type ApiKey = Response200<'listApiKeys'>['items'][number];
export type NewApiKey = Response200<'createApiKey'>;
export type ScimToken = Response200<'listScimTokens'>['items'][number];
export type NewScimToken = Response200<'createScimToken'>;
export type SsoConnection = Response200<'getSsoConnection'>;
/** The JSON page (the operation also answers NDJSON and CSV). */
export type AuditPage = Exclude<Response200<'listAuditEvents'>, string>;
export type AuditEvent = AuditPage['items'][number];
export type Organization = Response200<'getOrg'>;
export type Session = Response200<'listSessions'>['items'][number];
export type OrgRole = Member['role'];
