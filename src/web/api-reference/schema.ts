// JSON Schema (as z.toJSONSchema writes it into the OpenAPI document) → a readable description:
// a one-line type with its constraints, and nested fields as definition lists.
import { html, type Markup } from '../html.ts';

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

const MAX_DEPTH = 8;

const range = (min: number | undefined, max: number | undefined, unit = '') =>
  min !== undefined && max !== undefined ? `${min}–${max}${unit}` : min !== undefined ? `≥ ${min}${unit}` : max !== undefined ? `≤ ${max}${unit}` : null;

function variants(s: Schema): Schema[] | null {
  return s.anyOf ?? s.oneOf ?? null;
}

/** The type in a few words: `string or null`, `array of object`, `one of "a", "b"`. */
export function typeText(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const alternatives = variants(s);
  if (alternatives) return [...new Set(alternatives.map(typeText))].join(' or ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (!types.length) return s.properties ? 'object' : 'any JSON value';
  const map = typeof s.additionalProperties === 'object' && !s.properties ? s.additionalProperties : null;
  return types
    .map((t) => (t === 'array' && s.items ? `array of ${typeText(s.items)}` : t === 'object' && map ? `object whose every field is ${typeText(map)}` : t))
    .join(' or ');
}

function constraints(s: Schema): string[] {
  return [
    range(s.minLength, s.maxLength, ' characters'),
    range(s.minimum, s.maximum),
    range(s.minItems, s.maxItems, ' items'),
    s.format ? `format ${s.format}` : null,
    s.pattern ? `pattern ${s.pattern}` : null,
    s.default !== undefined ? `default ${JSON.stringify(s.default)}` : null,
  ].filter((c): c is string => c !== null);
}

/** The schemas that carry named fields below this one (an object, an array's items, each variant). */
function nested(s: Schema): Schema[] {
  if (s.properties) return [s];
  if (s.items) return nested(s.items);
  if (typeof s.additionalProperties === 'object') return nested(s.additionalProperties);
  return (variants(s) ?? []).flatMap(nested);
}

export function describeType(s: Schema): Markup {
  const rules = constraints(s);
  return html`<span class="type">${typeText(s)}</span>${rules.length ? html` <span class="rules">(${rules.join('; ')})</span>` : ''}`;
}

function field(name: string, schema: Schema, required: boolean, depth: number): Markup {
  return html`<div><dt><code>${name}</code>${required ? html` <span class="required">required</span>` : ''}</dt> <dd>${describeType(schema)}${schema.description ? html` — ${schema.description}` : ''}${fields(schema, depth + 1)}</dd></div>`;
}

/** Nested field lists; several when the value is one of several object shapes. */
export function fields(s: Schema, depth = 0): Markup {
  const shapes = nested(s);
  if (!shapes.length || depth > MAX_DEPTH) return html``;
  return html`${shapes.map((shape, i) => html`${shapes.length > 1 ? html`<p class="variant">Shape ${i + 1} of ${shapes.length}:</p>` : ''}<dl class="fields">${Object.entries(shape.properties!).map(([name, f]) => field(name, f, shape.required?.includes(name) ?? false, depth))}</dl>`)}`;
}
