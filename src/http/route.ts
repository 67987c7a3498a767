// A route is declared once — method, path, schemas for params/query/body/response, statuses — and
// that one declaration validates the request, strips undeclared fields from the response, and
// feeds the OpenAPI document. The handler only sees validated input.
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Actor, RequestContext } from './actor.ts';
import { ApiError, invalidFields, notFound, unauthenticated, type FieldError } from './errors.ts';

type AnySchema = z.ZodType;
type Empty = z.ZodObject<{}>;

export interface HandlerInput<P extends AnySchema, Q extends AnySchema, B extends AnySchema> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** Present on authenticated routes. */
  ctx: RequestContext;
  req: Request;
  res: Response;
}

export interface RouteSpec<P extends AnySchema = Empty, Q extends AnySchema = Empty, B extends AnySchema = Empty, R extends AnySchema = AnySchema> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path: /v1/orgs/{org}/members/{userId}. A path with {org} is scoped to the caller's organization. */
  path: string;
  summary: string;
  tag: string;
  /**
   * The OpenAPI operationId, which generated clients name their functions after. Leave it out: the
   * default is derived from method and path (defaultOperationId in openapi.ts). Set it only where
   * that default reads wrong; test/http/openapi.test.ts lists every name, so a rename shows there.
   */
  operationId?: string;
  /** 'credential': a bearer API key or session; 'none': public. */
  auth: 'credential' | 'none';
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /** Success status: 200 by default; 204 sends no body. */
  status?: 200 | 201 | 202 | 204;
  /** Error statuses this route may answer, for the OpenAPI document. */
  errors?: number[];
  /** Content types other than JSON this route may answer with (e.g. NDJSON export). */
  produces?: string[];
  /** Returns the response body, or nothing when it has written the response itself (streams). */
  handle(input: HandlerInput<P, Q, B>): Promise<z.input<R> | void>;
}

// Type-erased form, for arrays of heterogeneous routes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

export function defineRoute<P extends AnySchema = Empty, Q extends AnySchema = Empty, B extends AnySchema = Empty, R extends AnySchema = AnySchema>(
  spec: RouteSpec<P, Q, B, R>,
): AnyRoute {
  return spec as AnyRoute;
}

export type Authenticator = (req: Request) => Promise<Actor | null>;

/** Converts zod issues to field errors that name the field as the client spelled it. */
export function fieldErrors(where: 'body' | 'query' | 'path', error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return { field: [...path, ...issue.keys].join('.') || where, reason: 'is not a known field' };
    }
    const field = path.length ? path.join('.') : where;
    return { field, reason: issue.message };
  });
}

function parse<S extends AnySchema>(schema: S | undefined, value: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  if (!schema) return {} as z.output<S>;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw invalidFields(fieldErrors(where, result.error));
  return result.data;
}

export function mountRoute(router: Router, spec: AnyRoute, authenticate: Authenticator): void {
  const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
  const scopedToOrg = spec.path.includes('{org}');
  router[spec.method](expressPath, async (req: Request, res: Response, next: NextFunction) => {
    try {
      let ctx: RequestContext | undefined;
      if (spec.auth === 'credential') {
        const actor = await authenticate(req);
        if (!actor) throw unauthenticated();
        ctx = { actor, ip: req.ip ?? null, requestId: String(req.id ?? '') || null };
        // Another organization's paths do not exist for this credential: 404, never 403.
        const org = String(req.params.org ?? '');
        if (scopedToOrg && org.toLowerCase() !== actor.orgSlug.toLowerCase() && org !== actor.orgId) {
          throw notFound('organization');
        }
      }
      const params = parse(spec.params, req.params, 'path');
      const query = parse(spec.query, req.query, 'query');
      if (spec.body && req.body === undefined) throw invalidFields([{ field: 'body', reason: 'a JSON body is required' }]);
      const body = parse(spec.body, req.body, 'body');
      const out = await spec.handle({ params, query, body, ctx: ctx as RequestContext, req, res });
      if (res.headersSent) return;
      const status = spec.status ?? 200;
      if (status === 204) {
        res.status(204).end();
        return;
      }
      res.status(status).json(spec.response ? spec.response.parse(out) : out);
    } catch (err) {
      next(err);
    }
  });
}

export { ApiError };
