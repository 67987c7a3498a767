// Every call the console makes goes through the typed client generated from /v1/openapi.json.
// The browser holds no credential: the console's HttpOnly cookie rides along (same origin), and
// mutating calls add the session's CSRF token, which lives in memory only.
import { createClient, type Problem } from '../../../client/index.ts';

let csrfToken: string | null = null;
let onSignedOut: () => void = () => {};

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** Called when any call answers 401: the session ended or expired. */
export const whenSignedOut = (fn: () => void) => {
  onSignedOut = fn;
};

export const api = createClient({ baseUrl: window.location.origin });
api.use({
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

/** An API refusal, with the RFC 9457 body: `fieldError` finds the reason for one field. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field?.startsWith(`${field}.`))?.reason;
  }

  /** Errors that name no field shown on the form, for a message above it. */
  otherErrors(shown: string[]): string[] {
    const errors = this.problem.errors ?? [];
    const rest = errors.filter((e) => !shown.some((f) => e.field === f || e.field?.startsWith(`${f}.`)));
    if (!errors.length) return [this.message];
    return rest.map((e) => `${e.field}: ${e.reason}`);
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Unwraps a typed call: its data, or an ApiFailure thrown (a 401 also signs the console out). */
export async function call<T>(request: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (response.ok) return data as T;
  if (response.status === 401) onSignedOut();
  const problem = (typeof error === 'object' && error !== null ? error : { title: `HTTP ${response.status}`, detail: String(error ?? response.statusText) }) as Problem;
  throw new ApiFailure(response.status, problem);
}

export const failure = (e: unknown): ApiFailure | null => (e instanceof ApiFailure ? e : null);
