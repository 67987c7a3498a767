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
  const api = err instanceof ApiError ? err : fromBodyParser(err as BodyParserError);
  const requestId = req.id ? String(req.id) : null;
  if (!api) req.log?.error({ err }, 'unhandled error');
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
