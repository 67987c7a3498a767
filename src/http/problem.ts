// Renders every error on the admin API as RFC 9457 problem+json. Unknown errors are logged with
// their stack and answered as a bare 500 that leaks nothing.
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors.ts';
import { boundText } from './input-hygiene.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './unavailable.ts';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

const unavailable = () => new ApiError(503, 'Service unavailable', 'the database could not be reached for a moment; retry the request');

function fromBodyParser(err: BodyParserError): ApiError | null {
  if (err.type === 'entity.parse.failed') return new ApiError(400, 'Invalid request', 'body: is not valid JSON', [{ field: 'body', reason: 'is not valid JSON' }]);
  if (err.type === 'entity.too.large') return new ApiError(413, 'Payload too large', `body: larger than the limit of ${err.limit} bytes`, [{ field: 'body', reason: 'too large' }]);
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return new ApiError(415, 'Unsupported media type', err.message);
  // Any other client error express or its body parser raised (http-errors marks them `expose`).
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500 && (err as { expose?: boolean }).expose) return new ApiError(err.status, 'Invalid request', err.message);
  return null;
}

/**
 * A safety net for database errors the services did not anticipate: a concurrency conflict or a
 * value PostgreSQL refused is the client's to retry or fix, not a 500.
 */
function fromDatabase(err: { code?: unknown; constraint?: string }): ApiError | null {
  switch (err.code) {
    case '40P01': // deadlock_detected
    case '40001': // serialization_failure
      return new ApiError(409, 'Conflict', 'a concurrent change conflicted with this one; retry the request');
    case '23505': // unique_violation
      return new ApiError(409, 'Conflict', `this would duplicate an existing record (${err.constraint ?? 'unique constraint'})`);
    case '54000': // program_limit_exceeded (e.g. an index row too large)
    case '54001': // statement_too_complex (stack depth)
      return new ApiError(400, 'Invalid request', 'a value in this request is too large or too deeply nested to store');
    default:
      // Class 22, data exception: a value PostgreSQL cannot take for its column's type.
      if (typeof err.code === 'string' && err.code.startsWith('22')) return new ApiError(400, 'Invalid request', 'a value in this request is not valid for its field');
      return null;
  }
}

const MAX_ERRORS = 100;

/** The problem document; texts are bounded, so a huge input is never echoed back whole. */
export function problemBody(err: ApiError, requestId: string | null) {
  const errors = err.errors.slice(0, MAX_ERRORS).map((e) => ({ ...e, field: boundText(e.field, 300), reason: boundText(e.reason, 500) }));
  return {
    type: 'about:blank',
    title: err.title,
    status: err.status,
    detail: boundText(err.message, 1000),
    ...(errors.length ? { errors } : {}),
    ...(err.errors.length > MAX_ERRORS ? { errorsOmitted: err.errors.length - MAX_ERRORS } : {}),
    ...err.extra,
    ...(requestId ? { requestId } : {}),
  };
}

export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const api = err instanceof ApiError ? err : isDatabaseUnavailable(err) ? unavailable() : (fromBodyParser(err as BodyParserError) ?? fromDatabase(err as { code?: unknown }));
  const requestId = req.id ? String(req.id) : null;
  if (!api) req.log?.error({ err }, 'unhandled error');
  else if (!(err instanceof ApiError)) req.log?.warn({ err }, 'request refused by the database');
  const problem = api ?? new ApiError(500, 'Internal error', 'the server failed to handle this request; the request id is in the logs');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  if (problem.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problemBody(problem, requestId)));
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new ApiError(404, 'Not found', `no route for ${req.method} ${req.path}`));
}
