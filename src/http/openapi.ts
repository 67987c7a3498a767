// The OpenAPI 3.1 document, generated from the same route declarations that validate requests.
import { z } from 'zod';
import { defaultOperationId } from './operation-id.ts';
import type { AnyRoute } from './route.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function buildOpenApi(routes: AnyRoute[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Map<string, string>();
  for (const r of routes) {
    const operationId = r.operationId ?? defaultOperationId(r.method, r.path);
    const other = operationIds.get(operationId);
    // Generated clients name functions after operationIds: two alike would make one unreachable.
    if (other) throw new Error(`operationId ${operationId} is used by ${other} and ${r.method.toUpperCase()} ${r.path}: set operationId on one of them`);
    operationIds.set(operationId, `${r.method.toUpperCase()} ${r.path}`);
    const status = String(r.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]: status === '204'
        ? { description: 'done' }
        : {
            description: 'success',
            content: {
              'application/json': { schema: r.response ? jsonSchema(r.response, 'output') : {} },
              ...Object.fromEntries((r.produces ?? []).map((t) => [t, { schema: { type: 'string' } }])),
            },
          },
    };
    for (const code of [...(r.body || r.query ? [400] : []), ...(r.auth === 'credential' ? [401] : []), ...(r.errors ?? [])]) {
      responses[String(code)] = { $ref: '#/components/responses/Problem' };
    }
    (paths[r.path] ??= {})[r.method] = {
      operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === 'credential' ? { security: [{ bearer: [] }] } : {}),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gatehouse admin API', version: info.version },
    servers: [{ url: info.serverUrl }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key or a session token' } },
      responses: {
        Problem: {
          description: 'RFC 9457 problem details; `errors` names each field at fault',
          content: {
            'application/problem+json': {
              schema: {
                type: 'object',
                properties: {
                  type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
                  errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
                  requestId: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}
