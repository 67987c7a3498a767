// One error vocabulary for the admin API, thrown anywhere and rendered as RFC 9457 problem+json
// by the error middleware. Each error names the field at fault where there is one.

export interface FieldError {
  field: string;
  reason: string;
  /** Where in the field's text the fault is (e.g. a policy's syntax error). */
  line?: number;
  column?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 400: the request is malformed or a field is invalid. */
export const invalidField = (field: string, reason: string) =>
  new ApiError(400, 'Invalid request', `${field}: ${reason}`, [{ field, reason }]);

export const invalidFields = (errors: FieldError[]) =>
  new ApiError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);

export const unauthenticated = (reason = 'a valid bearer credential is required') =>
  new ApiError(401, 'Unauthenticated', reason);

export const forbidden = (reason: string) => new ApiError(403, 'Forbidden', reason);

export const notFound = (what: string) => new ApiError(404, 'Not found', `${what} not found`);

export const conflict = (reason: string, field?: string) =>
  new ApiError(409, 'Conflict', field ? `${field}: ${reason}` : reason, field ? [{ field, reason }] : []);

/** 422: well-formed but refused by a domain rule (e.g. the last owner). */
export const refused = (reason: string) => new ApiError(422, 'Refused by a rule', reason);
