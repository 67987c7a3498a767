// `gatehouse rego fmt`: OPA's canonical layout, idempotent, and the formatted module is the same policy
// (same syntax tree, positions aside) for every seed policy and the shapes policies use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatModule, parseModule } from '../../src/rego/index.ts';
import { SEED_POLICIES } from './seed-policies.ts';

/** The syntax tree without positions and layout hints, wildcards numbered in order: what the policy means. */
function meaning(source: string, regoVersion: 0 | 1): unknown {
  const names = new Map<string, string>();
  return JSON.parse(JSON.stringify(parseModule(source, { regoVersion }), (k, v) => {
    if (['loc', 'pkgLoc', 'end', 'oneLine', 'noBody', 'text', 'line'].includes(k)) return undefined;
    if (k === 'name' && typeof v === 'string' && v.startsWith('$')) {
      if (!names.has(v)) names.set(v, `$_${names.size}`);
      return names.get(v);
    }
    return v;
  }));
}

test('every seed policy formats to the same policy, and formatting is idempotent', () => {
  for (const p of SEED_POLICIES) {
    const once = formatModule(p.source, { regoVersion: p.regoVersion });
    assert.equal(formatModule(once, { regoVersion: p.regoVersion }), once, `${p.name} is stable`);
    assert.deepEqual(meaning(once, p.regoVersion), meaning(p.source, p.regoVersion), `${p.name} keeps its meaning`);
  }
});

test("OPA's layout (adjacent one-line rules stay together): tabs, one expression per line, spaced operators, comments kept, literals as written", () => {
  const src = `package spacelift
import rego.v1
# who may enter
allow if {input.session.member; not deny
x:=1.0+2*(3-1)   # arithmetic
}
deny contains msg if {some t in input.session.teams; t=="Contractors";msg:=sprintf("no %s",[t])}
f(x)=y if {y:=x}else=2
default admin:=false
admin if "Admins" in input.session.teams
re := \`^[a-z]+$\`
q contains k if every k, v in {"a": 1} { v > 0 }
`;
  assert.equal(formatModule(src), `package spacelift

import rego.v1

# who may enter
allow if {
	input.session.member
	not deny
	x := 1.0 + 2 * (3 - 1) # arithmetic
}

deny contains msg if {
	some t in input.session.teams
	t == "Contractors"
	msg := sprintf("no %s", [t])
}

f(x) = y if {
	y := x
} else = 2

default admin := false
admin if "Admins" in input.session.teams
re := \`^[a-z]+$\`

q contains k if every k, v in {"a": 1} {
	v > 0
}
`);
});
