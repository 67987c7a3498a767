// Built-ins a Gatehouse policy may not call (they reach outside the process) or that this engine does not
// implement: refused at compile time by name, unless a `with` replaces them (tests mock them).
import { RegoEvalError } from '../errors.ts';
import type { Body, Term } from '../syntax/ast.ts';
import type { FnTarget } from './ir.ts';
import { dottedName } from './resolve.ts';

/**
 * Built-ins that reach outside the process (name → arity): refused at compile time, unless a `with` in the
 * policy replaces them (tests mock them); an unreplaced call then fails the evaluation, never doing I/O.
 */
export const REFUSED_BUILTINS: ReadonlyMap<string, number> = new Map([
  ['http.send', 1], ['net.lookup_ip_addr', 1], ['opa.runtime', 0], ['rego.parse_module', 2],
]);

/** OPA built-ins this engine does not implement (name → arity): refused by name, mockable like the above. */
export const UNSUPPORTED_BUILTINS: ReadonlyMap<string, number> = new Map([
  ['yaml.marshal', 1], ['yaml.unmarshal', 1], ['yaml.is_valid', 1], ['strings.render_template', 2], ['regex.globs_match', 2],
  ['io.jwt.encode_sign_raw', 3], ['io.jwt.encode_sign', 3], ['crypto.x509.parse_certificates', 1],
  ['crypto.x509.parse_and_verify_certificates', 1], ['crypto.x509.parse_and_verify_certificates_with_options', 2],
  ['crypto.x509.parse_certificate_request', 1], ['crypto.x509.parse_rsa_private_key', 1], ['crypto.x509.parse_keypair', 2],
  ['crypto.parse_private_keys', 1], ['graphql.parse', 2], ['graphql.parse_and_verify', 2], ['graphql.parse_query', 1],
  ['graphql.parse_schema', 1], ['graphql.is_valid', 2], ['graphql.schema_is_valid', 1], ['json.verify_schema', 1],
  ['json.match_schema', 2], ['providers.aws.sign_req', 3], ['rego.metadata.chain', 0], ['rego.metadata.rule', 0],
  ['internal.test_case', 1], ['uri.parse', 1], ['uri.is_valid', 1],
]);

/** A refused or unsupported built-in a `with` replaces: callable, failing the evaluation when not replaced. */
export function refusedTarget(name: string, mocked: ReadonlySet<string>): FnTarget | undefined {
  const arity = REFUSED_BUILTINS.get(name) ?? UNSUPPORTED_BUILTINS.get(name);
  if (arity === undefined || !mocked.has(name)) return undefined;
  const why = REFUSED_BUILTINS.has(name) ? 'is not allowed in Gatehouse policies' : "is not supported by Gatehouse's Rego engine";
  return { kind: 'builtin', name, impl: { arity, fn: () => { throw new RegoEvalError(`${name} ${why} (only a \`with\` replacement of it can be called)`); } } };
}

/** Every name a `with` replaces in these bodies (targets as written, e.g. `http.send`, `data.x.f`). */
export function withTargets(bodies: Body[], out = new Set<string>()): Set<string> {
  const term = (t: Term): void => {
    switch (t.type) {
      case 'array': case 'set': t.items.forEach(term); return;
      case 'object': for (const [k, v] of t.entries) { term(k); term(v); } return;
      case 'ref': term(t.head); t.path.forEach(term); return;
      case 'call': t.args.forEach(term); return;
      case 'arraycompr': case 'setcompr': term(t.term); body(t.body); return;
      case 'objectcompr': term(t.key); term(t.value); body(t.body); return;
      default: return;
    }
  };
  const body = (b: Body): void => {
    for (const e of b) {
      for (const w of e.with) { const n = dottedName(w.target); if (n) out.add(n); term(w.value); }
      if (e.kind === 'term') term(e.term);
      else if (e.kind === 'every') { term(e.coll); body(e.body); }
      else if (e.kind === 'somein') term(e.coll);
    }
  };
  bodies.forEach(body);
  return out;
}
