// Any failure as an RFC 7644 §3.12 error response; what is not ours to explain is rethrown (→ 500).
import { DirectoryError } from '../directory/service.ts';
import { forbidden, invalidValue, mutability, ScimError, uniqueness } from './errors.ts';
import type { ScimResponse } from './protocol.ts';

const FROM_DIRECTORY: Record<DirectoryError['kind'], (detail: string) => ScimError> = {
  forbidden,
  lastOwner: mutability,
  invalidMember: invalidValue,
  cycle: invalidValue,
  taken: uniqueness,
  conflict: (detail) => new ScimError(409, null, detail),
};

export function errorResponse(err: unknown): ScimResponse {
  if (err instanceof ScimError) return { status: err.status, body: err.toBody() };
  if (err instanceof DirectoryError) return errorResponse(FROM_DIRECTORY[err.kind](err.message));
  const pg = err as { code?: string; constraint?: string };
  // Class 22 (data exception): a value the database cannot take for its type, e.g. a filter date
  // such as 2020-02-30 that passed our syntax check. The client's input, so a 400, not a 500.
  if (typeof pg.code === 'string' && pg.code.startsWith('22')) return errorResponse(invalidValue('a value in the request is out of range for its attribute type'));
  // The unique indexes settle races between two creates of the same userName / displayName.
  if (pg.code === '23505') {
    const what = pg.constraint?.includes('groups') ? 'displayName: a group with this name already exists' : 'userName: already taken in this organization';
    return errorResponse(uniqueness(what));
  }
  // A member named in the request was deleted by a concurrent request after it was checked.
  if (pg.code === '23503') return errorResponse(new ScimError(409, null, 'members: a user or group named in the request was deleted meanwhile; retry the request'));
  // A value past an index's row limit that the attribute limits (limits.ts) did not stop.
  if (pg.code === '54000') return errorResponse(invalidValue('a value in the request is too large to store; the limits are in /Schemas'));
  throw err;
}
