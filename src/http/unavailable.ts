// A database connection that is lost (killed by an administrator, a failover, a restart, a pool that
// cannot get one) is the service's trouble, not the client's, and it passes: answered 503 with
// Retry-After (RFC 9110 §15.6.4, §10.2.3), never 500. The pool drops the broken connection, so the
// retry gets a fresh one.
export const RETRY_AFTER_SECONDS = 2;

// SQLSTATE class 08 (connection exception), 57P01-03 (admin/crash shutdown, cannot connect now),
// 53300 (too many connections).
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
// What node-postgres and knex throw when the socket is gone, without a code.
const MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed|not currently accepting connections|Timeout acquiring a connection/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (SQLSTATES.has(e.code) || e.code.startsWith('08') || SOCKET_CODES.has(e.code))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}
