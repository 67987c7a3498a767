// fast-check arbitraries for the OpenAPI fuzz test: values shaped by a JSON Schema (what a route
// declares), and the inputs an attacker tries instead (NUL, lone surrogates, invalid encodings,
// deep nesting, huge strings, wrong types).
import fc from 'fast-check';

type Schema = Record<string, any>;

/** A marker replaced, after JSON.stringify, by JSON nested deeper than anything could stringify. */
export const DEEP_MARKER = '@@deep-nesting@@';
export const deepJson = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

export const nastyString = fc.constantFrom(
  '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '%C0%AE', '%00', '../../etc/passwd', '<script>alert(1)</script>', "'; drop table users; --",
  'x'.repeat(100_000), '😀'.repeat(1000), '\u202e', ' ', '', '0', '-1', 'null', 'true', '[]', '{}', 'NaN', '1e999', '__proto__', DEEP_MARKER,
);

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}, [null], { __proto__: 1 }, { constructor: { prototype: 1 } }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A path or query segment sent as-is (already encoded, or deliberately not). */
export const nastySegment = fc.constantFrom('%C0%AE', '%00', '%FF', '%E0%80%80', '%ED%A0%80', '%', '%2', '%zz', '..', '%2e%2e', '%2F', 'x'.repeat(5000), '%F0%9F%98%80', '00000000-0000-4000-8000-000000000000', 'root', '-', '%20');

function stringFor(s: Schema): fc.Arbitrary<string> {
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uuid') return fc.uuid();
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200));
    } catch {
      /* a pattern fast-check cannot generate from: fall through */
    }
  }
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40), unit: 'grapheme' });
}

/** Values that conform to `schema` (as zod's JSON Schema output spells it). */
export function fromSchema(schema: Schema | boolean | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) return fc.constant(null);
  const s = schema;
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[key])) return fc.oneof(...s[key].map((x: Schema) => fromSchema(x, depth + 1)));
  if (Array.isArray(s.allOf)) return fromSchema(s.allOf[0], depth + 1);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t: string) => fromSchema({ ...s, type: t }, depth + 1)));
  switch (s.type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1000, -(2 ** 31)), max: Math.min(s.maximum ?? 100_000, 2 ** 31) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, Math.max(s.minItems ?? 0, 4)) });
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) props[k] = fromSchema(v, depth + 1);
      if (!Object.keys(props).length) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Replaces the leaf (or container) numbered `pick` in a depth-first walk of `value` with `nasty`. */
export function replaceOne(value: unknown, pick: number, nasty: unknown): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (nodes.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nodes.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  const copy = structuredClone(value);
  walk(copy);
  if (!nodes.length) return nasty;
  const { parent, key } = nodes[pick % nodes.length]!;
  (parent as Record<string | number, unknown>)[key] = nasty;
  return copy;
}

/** A request body: mostly schema-shaped, often with one value swapped for a nasty one, sometimes junk. */
export function bodyFor(schema: Schema | undefined): fc.Arbitrary<string> {
  const valid = fromSchema(schema);
  const mutated = fc.tuple(valid, nastyValue, fc.nat()).map(([v, nasty, i]) => replaceOne(v, i, nasty));
  const extraKey = fc.tuple(valid, nastyString, nastyValue).map(([v, k, x]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [k]: x } : v));
  return fc
    .oneof({ arbitrary: valid, weight: 4 }, { arbitrary: mutated, weight: 4 }, { arbitrary: extraKey, weight: 1 }, { arbitrary: nastyValue, weight: 1 })
    .map((v) => JSON.stringify(v ?? null).replaceAll(JSON.stringify(DEEP_MARKER), deepJson(10_000)));
}

/** Percent-encodes as UTF-8; a lone surrogate (which has no UTF-8 form) becomes its invalid CESU-8 bytes. */
const encode = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.split('').map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
};

/** A path or query value: from its schema (encoded), or a raw nasty segment. */
export function segmentFor(schema: Schema | undefined): fc.Arbitrary<string> {
  const valid = fromSchema(schema ?? { type: 'string' }).map((v) => encode(typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: nastySegment, weight: 2 }, { arbitrary: nastyString.map((v) => encode(v.slice(0, 3000))), weight: 1 });
}
