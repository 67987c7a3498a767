// The PatchOp request body (RFC 7644 §3.5.2), read leniently: `op` in any case (Entra sends
// `Add`/`Replace`/`Remove`: Microsoft Learn's "Known issues … SCIM 2.0 protocol compliance"), extra keys such as Microsoft's `"name": "addMember"` ignored.
import { invalidSyntax, invalidValue, noTarget } from './errors.ts';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const MAX_OPERATIONS = 10_000;

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
  /** Whether the request carried a `value` key at all (an explicit null means "empty"). */
  hasValue: boolean;
}

export function readPatchBody(body: unknown): PatchOperation[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('the body must be a PatchOp JSON object');
  const b = body as Record<string, unknown>;
  const schemas = b.schemas;
  if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(PATCH_SCHEMA))) throw invalidSyntax(`schemas: must contain "${PATCH_SCHEMA}"`);
  const ops = b.Operations ?? b.operations;
  if (!Array.isArray(ops)) throw invalidSyntax('Operations: must be a list of operations');
  if (ops.length > MAX_OPERATIONS) throw invalidValue(`Operations: at most ${MAX_OPERATIONS} per request`);
  return ops.map((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalidSyntax(`Operations[${i}]: must be an object`);
    const o = raw as Record<string, unknown>;
    const op = typeof o.op === 'string' ? o.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Operations[${i}].op: must be add, replace or remove (found ${JSON.stringify(o.op)})`);
    if (o.path !== undefined && o.path !== null && typeof o.path !== 'string') throw invalidSyntax(`Operations[${i}].path: must be a string`);
    const path = typeof o.path === 'string' && o.path.trim() ? o.path.trim() : undefined;
    if (op === 'remove' && !path) throw noTarget(`Operations[${i}]: remove needs a path (RFC 7644 §3.5.2.2)`);
    if (op !== 'remove' && !('value' in o)) throw invalidValue(`Operations[${i}]: ${op} needs a value`);
    return { op, path, value: o.value, hasValue: 'value' in o };
  });
}
