// /v1/orgs/{org}/audit-sinks: where the organization's audit records stream to.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { name, orgParam, uuid } from '../orgs/schemas.ts';
import { createSink, deleteSink, getSink, listSinksOf, updateSink } from './service.ts';

const kind = z.enum(['https', 'splunk_hec', 'datadog', 's3'], { error: 'must be https, splunk_hec, datadog or s3' });

const sink = z.object({
  id: z.string(),
  kind,
  name: z.string(),
  settings: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  cursor: z.string().describe('the number of the last audit record the sink received'),
  backlog: z.number().optional().describe('records waiting to be sent'),
  lastDeliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const one = orgParam.extend({ id: uuid('audit sink') });
const settings = z.record(z.string(), z.unknown()).describe('per kind: https {url}; splunk_hec {url, index?, source?, sourcetype?}; datadog {url?, service?, tags?}; s3 {endpoint, bucket, region?, prefix?}');
const secrets = z.record(z.string(), z.unknown()).describe('per kind, never shown again: https {headers?}; splunk_hec {token}; datadog {apiKey}; s3 {accessKeyId, secretAccessKey}');

export const sinkRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/audit-sinks', tag: 'audit-streaming', auth: 'credential', status: 201,
    summary: 'Stream every audit record from now on to a SIEM or a bucket (batched, retried, none lost)',
    params: orgParam, body: z.strictObject({ kind, name, settings: settings.optional(), secrets: secrets.optional() }),
    response: sink, errors: [400, 403, 404, 422],
    handle: ({ ctx, body }) => createSink(deps, ctx, body),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/audit-sinks', tag: 'audit-streaming', auth: 'credential',
    summary: 'List audit sinks', params: orgParam, response: z.object({ items: z.array(sink) }), errors: [403, 404],
    handle: ({ ctx }) => listSinksOf(deps, ctx),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/audit-sinks/{id}', tag: 'audit-streaming', auth: 'credential',
    summary: 'Read an audit sink, with its backlog and last error', params: one, response: sink, errors: [403, 404],
    handle: ({ ctx, params }) => getSink(deps, ctx, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/v1/orgs/{org}/audit-sinks/{id}', tag: 'audit-streaming', auth: 'credential',
    summary: 'Change, disable or enable an audit sink (a disabled sink keeps its place: nothing is skipped)',
    params: one, body: z.strictObject({ name: name.optional(), settings: settings.optional(), secrets: secrets.optional(), enabled: z.boolean().optional() }),
    response: sink, errors: [400, 403, 404],
    handle: ({ ctx, params, body }) => updateSink(deps, ctx, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/v1/orgs/{org}/audit-sinks/{id}', tag: 'audit-streaming', auth: 'credential', status: 204,
    summary: 'Delete an audit sink', params: one, errors: [403, 404],
    handle: ({ ctx, params }) => deleteSink(deps, ctx, params.id),
  }),
];
