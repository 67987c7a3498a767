// Input no route should ever see, refused before any route runs (and so before any write) with a 400
// naming the field: one mechanism for /v1, /scim/v2, /invite and sign-in, not a check per route.
// - the NUL character (U+0000): PostgreSQL's text and jsonb cannot hold it;
// - invalid percent-encoding in the path or the query (`%C0%AE`: an overlong UTF-8 dot);
// - lone surrogates (an unpaired \uD800–\uDFFF): not Unicode, silently turned into U+FFFD on the
//   way to the database (optional per mount: SCIM decides for itself, src/scim);
// - JSON nested deeper than MAX_JSON_DEPTH: JSON.parse copes, but JSON.stringify, zod and
//   PostgreSQL's jsonb recurse, and no document of ours is a tenth as deep.
// Error texts never echo more than a short excerpt of what was sent (boundText).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { invalidFields, type FieldError } from './errors.ts';

export const MAX_JSON_DEPTH = 64;
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A short, printable excerpt of a client's text, for error messages. */
export function boundText(s: string, max = 200): string {
  const printable = s.replaceAll(NUL, '\\u0000');
  return printable.length <= max ? printable : `${printable.slice(0, max)}… (${s.length} characters)`;
}

function stringFault(s: string, wellFormed: boolean): string | null {
  if (s.includes(NUL)) return 'must not contain the NUL character (U+0000)';
  if (wellFormed && LONE_SURROGATE.test(s)) return 'must be valid Unicode: it contains a lone surrogate (an unpaired \\uD800-\\uDFFF)';
  return null;
}

// A quick test every string passes through; only a hit is looked at closely.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * The first fault in a parsed JSON value. `field` is the path as the client spelled it
 * (`bindings.0.spaceId`), or `body` for the document itself. The recursion is bounded by
 * MAX_JSON_DEPTH, and the path is one array pushed and popped, so a 4 MB body costs a few
 * JSON.parse's worth of time.
 */
export function jsonFault(value: unknown, opts: { wellFormed: boolean }): FieldError | null {
  const path: (string | number)[] = [];
  const at = (reason: string): FieldError => ({ field: boundText(path.join('.') || 'body', 300), reason });
  const walk = (v: unknown): FieldError | null => {
    if (typeof v === 'string') {
      const reason = SUSPECT.test(v) ? stringFault(v, opts.wellFormed) : null;
      return reason ? at(reason) : null;
    }
    if (v === null || typeof v !== 'object') return null;
    if (path.length >= MAX_JSON_DEPTH) return at(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const fault = walk(v[i]);
        path.pop();
        if (fault) return fault;
      }
      return null;
    }
    for (const k in v) {
      path.push(k);
      const keyReason = SUSPECT.test(k) ? stringFault(k, opts.wellFormed) : null;
      const fault = keyReason ? at(`(a field name) ${keyReason}`) : walk((v as Record<string, unknown>)[k]);
      path.pop();
      if (fault) return fault;
    }
    return null;
  };
  return walk(value);
}

function decodeFault(raw: string, plus: boolean): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(plus ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    return 'has invalid percent-encoding (each %XX must form valid UTF-8)';
  }
  return stringFault(decoded, true);
}

/** The first fault in a request's path segments or query string, both as sent (still encoded). */
export function urlFault(url: string): FieldError | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  for (const segment of path.split('/')) {
    const reason = decodeFault(segment, false);
    if (reason) return { field: 'path', reason: `${reason}: ${boundText(segment, 100)}` };
  }
  if (q < 0) return null;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      name = key;
    }
    const reason = decodeFault(key, true) ?? (eq < 0 ? null : decodeFault(pair.slice(eq + 1), true));
    if (reason) return { field: boundText(name || 'query', 100), reason };
  }
  return null;
}

/** Refuses a request whose path or query string is malformed, before any router sees it. */
export const rejectMalformedUrl: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  const fault = urlFault(req.originalUrl);
  next(fault ? invalidFields([fault]) : undefined);
};

/** Refuses a parsed body holding something no route may store (mount after the body parser). */
export function rejectMalformedBody(opts: { wellFormed: boolean }): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const fault = req.body && typeof req.body === 'object' ? jsonFault(req.body, opts) : null;
    next(fault ? invalidFields([fault]) : undefined);
  };
}
