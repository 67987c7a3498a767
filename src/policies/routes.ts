// /v1/orgs/{org}/login-policies: CRUD, the simulation workbench, samples.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { name, orgParam, uuid } from '../orgs/schemas.ts';
import { createPolicy, deletePolicy, getPolicy, listPolicies, listSamples, replacePolicy, simulate } from './service.ts';

const policyBody = z.strictObject({
  name,
  body: z.string().min(1, 'must not be empty').max(256 * 1024, 'must be at most 256 KiB'),
  regoVersion: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 (legacy syntax) or 1 (OPA 1.0); omit it to detect' }).optional(),
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
  sampleAll: z.boolean({ error: 'must be true or false' }).default(true).describe('store every evaluation, not only those whose `sample` rule holds'),
  tests: z.string().min(1, 'must not be empty').max(256 * 1024, 'must be at most 256 KiB').nullable().optional()
    .describe('a Rego module of test_ rules (`with input as …`) run against the body; a policy whose tests fail cannot be enabled'),
});

const policy = z.object({
  id: z.string(),
  name: z.string(),
  body: z.string(),
  regoVersion: z.number(),
  enabled: z.boolean(),
  sampleAll: z.boolean(),
  tests: z.string().nullable(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const testRun = z.object({
  passed: z.boolean(),
  results: z.array(z.object({ name: z.string(), line: z.number(), status: z.enum(['pass', 'fail', 'error']), durationUs: z.number(), notes: z.array(z.string()) })),
});

const saved = policy.extend({
  testResults: testRun.nullable().describe('the saved tests, run against the body (null: no tests)'),
  warnings: z.array(z.object({ rule: z.string(), line: z.number(), column: z.number(), reason: z.string() }))
    .describe('rules that define a contract output in a shape the contract does not know (saved all the same)'),
});

const output = z.object({
  allow: z.boolean(), deny: z.boolean(), denyMessages: z.array(z.string()), admin: z.boolean(), denyAdmin: z.boolean(), sample: z.boolean(),
  roles: z.record(z.string(), z.array(z.string())), teams: z.array(z.string()),
});

const simulation = z.object({
  decision: z.object({
    admitted: z.boolean(), admin: z.boolean(), roles: z.record(z.string(), z.array(z.string())),
    teams: z.array(z.string()).nullable(), reason: z.string().nullable(), warnings: z.array(z.string()), sample: z.boolean(),
  }),
  policies: z.array(z.object({
    policyId: z.string(), durationUs: z.number(), output: output.nullable(), error: z.string().nullable(),
    fired: z.array(z.object({ rule: z.string(), line: z.number(), keys: z.array(z.unknown()).optional(), value: z.unknown() })).optional()
      .describe('with explain: each rule definition that fired, its line and value'),
    tests: testRun.nullable().optional().describe('with runTests: the policy\'s tests (null: it has none)'),
  })),
  durationUs: z.number(),
});

const simulateBody = z.strictObject({
  input: z.record(z.string(), z.unknown(), { error: 'must be the input document (an object)' }),
  body: z.string().min(1).max(256 * 1024).optional().describe('a draft body to try instead of the stored one'),
  regoVersion: z.union([z.literal(0), z.literal(1)]).optional(),
  tests: z.string().min(1).max(256 * 1024).optional().describe('draft tests to run instead of the saved ones (with runTests)'),
  explain: z.boolean().default(false).describe('list the rules that fired and their values'),
  runTests: z.boolean().default(false).describe("run the policy's saved (or draft) tests"),
});

const idParams = orgParam.extend({ id: uuid('login policy') });

export const policyRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/login-policies', summary: 'Create a login policy (validated: errors carry line and column)',
    tag: 'login-policies', auth: 'credential', params: orgParam, body: policyBody, response: saved, status: 201, errors: [403, 404, 409],
    handle: ({ ctx, body }) => createPolicy(deps.db, ctx, deps.config, body),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/login-policies', summary: 'List login policies',
    tag: 'login-policies', auth: 'credential', params: orgParam, response: z.object({ items: z.array(policy) }), errors: [403, 404],
    handle: ({ ctx }) => listPolicies(deps.db, ctx),
  }),
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/login-policies/simulate', summary: 'Evaluate an input against every enabled policy together (nothing stored)',
    tag: 'login-policies', auth: 'credential', params: orgParam, body: simulateBody.omit({ body: true, regoVersion: true, tests: true }), response: simulation, errors: [403, 404],
    handle: ({ ctx, body }) => simulate(deps.db, ctx, deps.config, body),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/login-policies/{id}', summary: 'One login policy',
    tag: 'login-policies', auth: 'credential', params: idParams, response: policy, errors: [403, 404],
    handle: ({ ctx, params }) => getPolicy(deps.db, ctx, params.id),
  }),
  defineRoute({
    method: 'put', path: '/v1/orgs/{org}/login-policies/{id}', summary: 'Replace a login policy (ends other sessions)',
    tag: 'login-policies', auth: 'credential', params: idParams, body: policyBody, response: saved, errors: [403, 404, 409],
    handle: ({ ctx, params, body }) => replacePolicy(deps.db, ctx, deps.config, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/v1/orgs/{org}/login-policies/{id}', summary: 'Delete a login policy (ends other sessions)',
    tag: 'login-policies', auth: 'credential', params: idParams, status: 204, errors: [403, 404],
    handle: ({ ctx, params }) => deletePolicy(deps.db, ctx, params.id),
  }),
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/login-policies/{id}/simulate', summary: 'Evaluate an input against this policy, or a draft body of it (nothing stored)',
    tag: 'login-policies', auth: 'credential', params: idParams, body: simulateBody, response: simulation, errors: [403, 404],
    handle: ({ ctx, params, body }) => simulate(deps.db, ctx, deps.config, { policyId: params.id, ...body }),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/login-policies/{id}/samples', summary: 'Recent evaluations (input, output, duration): the newest 100 of the last 7 days',
    tag: 'login-policies', auth: 'credential', params: idParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(100) }),
    response: z.object({ items: z.array(z.object({ id: z.string(), policyVersion: z.number(), at: z.string(), input: z.unknown(), output: z.unknown(), error: z.string().nullable(), durationUs: z.number() })) }),
    errors: [403, 404],
    handle: ({ ctx, params, query }) => listSamples(deps.db, ctx, params.id, query.limit),
  }),
];
