// Registry of all built-in functions, keyed by OPA's dotted names.
import type { Builtin } from './types.ts';
import { register as aggregates } from './aggregates.ts';
import { register as arrays } from './arrays.ts';
import { register as bitwise } from './bitwise.ts';
import { register as crypto } from './crypto.ts';
import { register as encoding } from './encoding.ts';
import { register as glob } from './glob.ts';
import { register as graph } from './graph.ts';
import { register as jsonpath } from './jsonpath.ts';
import { register as jwt } from './jwt.ts';
import { register as net } from './net.ts';
import { register as numbers } from './numbers.ts';
import { register as objects } from './objects.ts';
import { register as regex } from './regex.ts';
import { register as semver } from './semver.ts';
import { register as sets } from './sets.ts';
import { register as sprintf } from './sprintf.ts';
import { register as strings } from './strings.ts';
import { register as time } from './time.ts';
import { register as typecheck } from './typecheck.ts';
import { register as units } from './units.ts';
import { register as uuid } from './uuid.ts';

export const builtins = new Map<string, Builtin>();

const families = [aggregates, arrays, bitwise, crypto, encoding, glob, graph, jsonpath, jwt, net, numbers, objects, regex, semver, sets,
  sprintf, strings, time, typecheck, units, uuid];
for (const register of families) {
  register(builtins);
}

/**
 * Deprecated built-ins: OPA removes them under rego.v1 / Rego v1 ("undefined function"): the compiler
 * resolves these names only in v0 modules.
 */
export const deprecatedBuiltins: ReadonlySet<string> = new Set(['all', 'any', 're_match', 'net.cidr_overlap', 'set_diff',
  'cast_array', 'cast_set', 'cast_string', 'cast_boolean', 'cast_null', 'cast_object']);
