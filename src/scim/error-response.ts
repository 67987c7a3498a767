// Any failure as an RFC 7644 §3.12 error response; what is not ours to explain is rethrown (→ 500).
import { invalidValue, ScimError, uniqueness } from './errors.ts';
import type { ScimResponse } from './protocol.ts';

export function errorResponse(err: unknown): ScimResponse {
  if (err instanceof ScimError) return { status: err.status, body: err.toBody() };
  const pg = err as { code?: string; constraint?: string };
  // Class 22 (data exception): a value the database cannot take for its type, e.g. a filter date
  // such as 2020-02-30 that passed our syntax check. The client's input, so a 400, not a 500.
  if (typeof pg.code === 'string' && pg.code.startsWith('22')) return errorResponse(invalidValue('a value in the request is out of range for its attribute type'));
  // The unique indexes settle races between two creates of the same userName / displayName.
  if (pg.code === '23505') {
    const what = pg.constraint?.includes('groups') ? 'displayName: a group with this name already exists' : 'userName: already taken in this organization';
    return errorResponse(uniqueness(what));
  }
  throw err;
}
