// Renders every error on the admin API as RFC 9457 problem+json. Unknown errors are logged with
// their stack and answered as a bare 500 that leaks nothing.
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors.ts';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

function fromBodyParser(err: BodyParserError): ApiError | null {
  if (err.type === 'entity.parse.failed') return new ApiError(400, 'Invalid request', 'body: is not valid JSON', [{ field: 'body', reason: 'is not valid JSON' }]);
  if (err.type === 'entity.too.large') return new ApiError(413, 'Payload too large', `body: larger than the limit of ${err.limit} bytes`, [{ field: 'body', reason: 'too large' }]);
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return new ApiError(415, 'Unsupported media type', err.message);
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
    case '22P02': // invalid_text_representation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new ApiError(400, 'Invalid request', 'a value in this request is not valid for its field');
    default:
      return null;
  }
}

export function problemBody(err: ApiError, requestId: string | null) {
  return {
    type: 'about:blank',
    title: err.title,
    status: err.status,
    detail: err.message,
    ...(err.errors.length ? { errors: err.errors } : {}),
    ...err.extra,
    ...(requestId ? { requestId } : {}),
  };
}

export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const api = err instanceof ApiError ? err : (fromBodyParser(err as BodyParserError) ?? fromDatabase(err as { code?: unknown }));
  const requestId = req.id ? String(req.id) : null;
  if (!api) req.log?.error({ err }, 'unhandled error');
  else if (!(err instanceof ApiError)) req.log?.warn({ err }, 'request refused by the database');
  const problem = api ?? new ApiError(500, 'Internal error', 'the server failed to handle this request; the request id is in the logs');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problemBody(problem, requestId)));
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new ApiError(404, 'Not found', `no route for ${req.method} ${req.path}`));
}
