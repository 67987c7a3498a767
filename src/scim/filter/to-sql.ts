// Compiles a parsed filter to a parameterized SQL condition over `users u` or `groups g`.
// Case rules come from the schema (RFC 7643 §2.2 caseExact): userName and group displayName are
// case-insensitive (citext columns), externalId and id are case-exact. Every value is a binding.
import { invalidFilter } from '../errors.ts';
import { resolveAttr, type AttrDef, type ResolvedAttr, type ResourceKind } from '../schema-catalogue.ts';
import type { CompareOp, Filter, Literal } from './ast.ts';
import { userGroupsSql } from '../../directory/service.ts';

export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

/** How one attribute is read in SQL: a text/boolean/timestamp expression, or a JSON array of elements. */
type Target =
  | { shape: 'scalar'; expr: string; type: AttrDef['type']; caseExact: boolean; jsonText?: boolean; citext?: boolean }
  | { shape: 'multi'; array: string; attr: AttrDef; members?: 'group' | 'user_groups' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// citext columns compare case-insensitively as they are, so `eq` keeps their unique index.
const COLUMNS: Record<ResourceKind, Record<string, { expr: string; type: AttrDef['type']; caseExact: boolean; citext?: boolean }>> = {
  User: {
    id: { expr: 'u.id::text', type: 'string', caseExact: true },
    externalId: { expr: 'u.external_id', type: 'string', caseExact: true },
    userName: { expr: 'u.user_name', type: 'string', caseExact: false, citext: true },
    displayName: { expr: 'u.display_name', type: 'string', caseExact: false },
    active: { expr: 'u.active', type: 'boolean', caseExact: true },
    'name.givenName': { expr: 'u.given_name', type: 'string', caseExact: false },
    'name.familyName': { expr: 'u.family_name', type: 'string', caseExact: false },
    'meta.created': { expr: 'u.created_at', type: 'dateTime', caseExact: true },
    'meta.lastModified': { expr: 'u.updated_at', type: 'dateTime', caseExact: true },
    'meta.resourceType': { expr: "'User'", type: 'string', caseExact: true },
  },
  Group: {
    id: { expr: 'g.id::text', type: 'string', caseExact: true },
    externalId: { expr: 'g.external_id', type: 'string', caseExact: true },
    displayName: { expr: 'g.display_name', type: 'string', caseExact: false, citext: true },
    'meta.created': { expr: 'g.created_at', type: 'dateTime', caseExact: true },
    'meta.lastModified': { expr: 'g.updated_at', type: 'dateTime', caseExact: true },
    'meta.resourceType': { expr: "'Group'", type: 'string', caseExact: true },
  },
};

// Lowered, LIKE-escaped pattern pieces; the prefix/trigram indexes of migration 0002 are on lower(x).
const likeEscape = (s: string) => s.replace(/[\\%_]/g, '\\$&');

export class FilterCompiler {
  readonly bindings: unknown[] = [];
  constructor(private readonly kind: ResourceKind) {}

  compile(f: Filter): string {
    switch (f.kind) {
      case 'and':
      case 'or':
        return `(${this.compile(f.left)} ${f.kind} ${this.compile(f.right)})`;
      case 'not':
        return `(not coalesce(${this.compile(f.expr)}, false))`;
      case 'present':
        return this.present(this.target(f.path));
      case 'compare':
        return this.compare(this.target(f.path), f.op, f.value, f.path);
      case 'valuePath':
        return this.valuePath(f.path, f.filter);
    }
  }

  private bind(v: unknown): string {
    this.bindings.push(v);
    return '?';
  }

  private target(path: string, element?: { alias: string; attr: AttrDef }): Target {
    if (element) {
      const sub = element.attr.subAttributes?.find((s) => s.name.toLowerCase() === path.toLowerCase());
      if (!sub) throw invalidFilter(`"${element.attr.name}" has no sub-attribute "${path}"`);
      return { shape: 'scalar', expr: `(${element.alias}->>${lit(sub.name)})`, type: sub.type, caseExact: sub.caseExact ?? false, jsonText: true };
    }
    const r = resolveAttr(this.kind, path);
    if (!r) throw invalidFilter(`"${path}" is not an attribute of ${this.kind}`);
    const key = r.sub ? `${r.attr.name}.${r.sub.name}` : r.attr.name;
    const column = r.schema.endsWith(':User') && r.schema.includes(':extension:') ? undefined : COLUMNS[this.kind][key];
    if (column) return { shape: 'scalar', ...column };
    return this.jsonTarget(r, path);
  }

  private jsonTarget(r: ResolvedAttr, path: string): Target {
    const alias = this.kind === 'User' ? 'u' : 'g';
    if (this.kind === 'Group' && r.attr.name === 'members') return { shape: 'multi', array: '', attr: r.attr, members: 'group' };
    if (this.kind === 'User' && r.attr.name === 'groups') return { shape: 'multi', array: '', attr: r.attr, members: 'user_groups' };
    if (r.attr.name === 'meta' || r.attr.name === 'id') throw invalidFilter(`"${path}" cannot be filtered on`);
    const base = r.schema.includes(':extension:') ? [r.schema, r.attr.name] : [r.attr.name];
    if (r.attr.multiValued) {
      const array = `(case when jsonb_typeof(${alias}.attributes #> ${pathLit(base)}) = 'array' then ${alias}.attributes #> ${pathLit(base)} else '[]'::jsonb end)`;
      if (!r.sub) return { shape: 'multi', array, attr: r.attr };
      // `emails.value eq x` = some element's value is x (RFC 7644 §3.4.2.2, multi-valued attributes).
      return { shape: 'multi', array, attr: { ...r.attr, subAttributes: [r.sub] } };
    }
    const def = r.sub ?? r.attr;
    if (def.type === 'complex') throw invalidFilter(`"${path}" is complex: filter on one of its sub-attributes`);
    const segs = r.sub ? [...base, r.sub.name] : base;
    return { shape: 'scalar', expr: `(${alias}.attributes #>> ${pathLit(segs)})`, type: def.type, caseExact: def.caseExact ?? false, jsonText: true };
  }

  private present(t: Target): string {
    if (t.shape === 'multi') {
      if (t.members === 'group') {
        return '(exists (select 1 from group_members pm where pm.group_id = g.id and pm.org_id = g.org_id) or exists (select 1 from group_nestings pn where pn.parent_id = g.id and pn.org_id = g.org_id))';
      }
      // Every group containing the user is reached through a direct membership.
      if (t.members === 'user_groups') return 'exists (select 1 from group_members pm where pm.user_id = u.id and pm.org_id = u.org_id)';
      const only = t.attr.subAttributes?.length === 1 && t.attr.subAttributes[0];
      if (only) return `exists (select 1 from jsonb_array_elements(${t.array}) e where coalesce(e->>${lit(only.name)}, '') <> '')`;
      return `(jsonb_array_length(${t.array}) > 0)`;
    }
    return t.type === 'string' || t.type === 'reference' ? `(coalesce(${t.expr}::text, '') <> '')` : `(${t.expr} is not null)`;
  }

  private compare(t: Target, op: CompareOp, value: Literal, path: string): string {
    if (t.shape === 'multi') {
      // `emails.value co "@x"` / `emails co "@x"` (RFC: a filter on a multi-valued complex attribute
      // without sub-attribute applies to its `value`).
      const sub = t.attr.subAttributes?.length === 1 ? t.attr.subAttributes[0]!.name : 'value';
      return this.valuePathTarget(t, { kind: 'compare', path: sub, op, value });
    }
    if (value === null) {
      if (op === 'eq') return `(not ${this.present(t)})`;
      if (op === 'ne') return this.present(t);
      throw invalidFilter(`"${path} ${op} null": null can only be compared with eq or ne`);
    }
    switch (t.type) {
      case 'boolean': {
        const b = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
        if (typeof b !== 'boolean') throw invalidFilter(`"${path}" is boolean; ${JSON.stringify(value)} is not true or false`);
        if (op !== 'eq' && op !== 'ne') throw invalidFilter(`"${path}" is boolean: only eq and ne apply`);
        // CASE, not `x in (…) and x::boolean`: SQL does not promise to evaluate the guard first.
        const expr = t.jsonText ? `(case when ${t.expr} in ('true', 'false') then (${t.expr})::boolean end)` : t.expr;
        return op === 'eq' ? `(${expr} = ${this.bind(b)})` : `(not coalesce(${expr} = ${this.bind(b)}, false))`;
      }
      case 'dateTime': {
        const s = String(value);
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) || Number.isNaN(Date.parse(s.replace(/(\.\d{3})\d+/, '$1'))) || !realDay(s)) {
          throw invalidFilter(`"${path}" is a dateTime; ${JSON.stringify(value)} is not an ISO 8601 date-time`);
        }
        if (op === 'co' || op === 'sw' || op === 'ew') throw invalidFilter(`"${path}" is a dateTime: ${op} does not apply`);
        const expr = t.jsonText ? `(${t.expr})::timestamptz` : t.expr;
        return this.ordered(expr, op, `${this.bind(s)}::timestamptz`);
      }
      case 'decimal':
      case 'integer': {
        if (typeof value !== 'number') throw invalidFilter(`"${path}" is a number; ${JSON.stringify(value)} is not`);
        if (op === 'co' || op === 'sw' || op === 'ew') throw invalidFilter(`"${path}" is a number: ${op} does not apply`);
        return this.ordered(`(${t.expr})::numeric`, op, `${this.bind(value)}::numeric`);
      }
      default: {
        if (typeof value === 'boolean') throw invalidFilter(`"${path}" is a string; compare it with a quoted value`);
        const v = String(value);
        if (t.caseExact) {
          if (op === 'co' || op === 'sw' || op === 'ew') return `(${t.expr} like ${this.bind(pattern(op, v))})`;
          return this.ordered(t.expr, op, `${this.bind(v)}::text`);
        }
        // Equality on citext columns keeps the plain column so the unique (org_id, user_name) index serves it.
        if ((op === 'eq' || op === 'ne') && t.citext) return this.ordered(t.expr, op, `${this.bind(v)}`);
        const lowered = `lower(${t.expr}::text)`;
        if (op === 'co' || op === 'sw' || op === 'ew') return `(${lowered} like ${this.bind(pattern(op, v.toLowerCase()))})`;
        return this.ordered(lowered, op, `lower(${this.bind(v)})`);
      }
    }
  }

  private ordered(expr: string, op: CompareOp, rhs: string): string {
    const sqlOp = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[op as 'eq'];
    if (!sqlOp) throw invalidFilter(`${op} does not apply here`);
    return op === 'ne' ? `(${expr} is distinct from ${rhs})` : `(${expr} ${sqlOp} ${rhs})`;
  }

  private valuePath(path: string, inner: Filter): string {
    const t = this.target(path);
    if (t.shape !== 'multi') throw invalidFilter(`"${path}[…]": a value filter needs a multi-valued attribute`);
    return this.valuePathTarget(t, inner);
  }

  private valuePathTarget(t: Extract<Target, { shape: 'multi' }>, inner: Filter): string {
    if (t.members === 'group') return this.membersFilter(inner, 'g');
    if (t.members === 'user_groups') return this.membersFilter(inner, 'u');
    // Entra's matching attribute `emails[type eq "work"].value eq x` (and `emails.value eq x`): the
    // GIN index on scim_email_values (migration 0002) narrows the rows before the element test.
    const email = t.attr.name === 'emails' ? emailEquality(inner) : null;
    const prefilter = email !== null ? `scim_email_values(u.attributes) @> array[lower(${this.bind(email)})] and ` : '';
    const cond = this.compileElement(inner, { alias: 'e', attr: t.attr });
    return `(${prefilter}exists (select 1 from jsonb_array_elements(${t.array}) e where ${cond}))`;
  }

  compileElement(f: Filter, element: { alias: string; attr: AttrDef }): string {
    switch (f.kind) {
      case 'and':
      case 'or':
        return `(${this.compileElement(f.left, element)} ${f.kind} ${this.compileElement(f.right, element)})`;
      case 'not':
        return `(not coalesce(${this.compileElement(f.expr, element)}, false))`;
      case 'present':
        return this.present(this.target(f.path, element));
      case 'compare':
        return this.compare(this.target(f.path, element), f.op, f.value, `${element.attr.name}.${f.path}`);
      case 'valuePath':
        throw invalidFilter('value filters cannot be nested');
    }
  }

  /**
   * `members[…]` of a group (its users and nested groups) and `groups[…]` of a user (direct and
   * through nesting, as the resources show them), as rows (id, type, display) tested by the filter.
   */
  private membersFilter(inner: Filter, side: 'g' | 'u'): string {
    const rows = side === 'g'
      ? `select pm.user_id as id, 'User' as type, (select coalesce(mu.display_name, mu.user_name::text) from users mu where mu.id = pm.user_id) as display
           from group_members pm where pm.group_id = g.id and pm.org_id = g.org_id
         union all
         select pn.member_group_id, 'Group', (select mg.display_name::text from groups mg where mg.id = pn.member_group_id)
           from group_nestings pn where pn.parent_id = g.id and pn.org_id = g.org_id`
      : `select ug.group_id as id, case when ug.direct then 'direct' else 'indirect' end as type,
                (select mg.display_name::text from groups mg where mg.id = ug.group_id) as display
           from (${userGroupsSql('u.org_id', 'u.id')}) ug`;
    return `exists (select 1 from (${rows}) m where ${this.membersCond(inner)})`;
  }

  private membersCond(f: Filter): string {
    if ('left' in f) return `(${this.membersCond(f.left)} ${f.kind} ${this.membersCond(f.right)})`;
    if (f.kind === 'not') return `(not coalesce(${this.membersCond(f.expr)}, false))`;
    if (f.kind === 'valuePath') throw invalidFilter('value filters cannot be nested');
    const name = f.path.toLowerCase();
    if (name === 'value') {
      if (f.kind === 'present') return 'true';
      if (f.op !== 'eq' && f.op !== 'ne') throw invalidFilter('member values are ids: only eq and ne apply');
      const id = String(f.value);
      if (!UUID.test(id)) return f.op === 'eq' ? 'false' : 'true'; // an id that cannot exist matches nothing
      return `(m.id ${f.op === 'eq' ? '=' : '<>'} ${this.bind(id)}::uuid)`;
    }
    if (name === 'display' || name === 'type') {
      // `type` is caseExact in RFC 7643's Group and User schemas; display is not.
      const t: Target = { shape: 'scalar', expr: `m.${name}`, type: 'string', caseExact: name === 'type', jsonText: true };
      return f.kind === 'present' ? this.present(t) : this.compare(t, f.op, f.value, `members.${name}`);
    }
    throw invalidFilter(`members have no filterable sub-attribute "${f.path}"`);
  }
}

// Attribute names come from the schema catalogue, never from the request: safe to inline.
function lit(name: string): string {
  if (!/^[\w.:$-]+$/.test(name)) throw invalidFilter(`"${name}" is not an attribute name`);
  return `'${name}'`;
}
const pathLit = (segs: string[]) => `'{${segs.map((x) => lit(x).slice(1, -1)).join(',')}}'::text[]`;

/** V8 accepts 2020-02-30; PostgreSQL does not. */
function realDay(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pattern(op: 'co' | 'sw' | 'ew', v: string): string {
  const e = likeEscape(v);
  return op === 'co' ? `%${e}%` : op === 'sw' ? `${e}%` : `%${e}`;
}

/** The value x when the element filter requires `value eq x` (directly or in an and). */
function emailEquality(f: Filter): string | null {
  if (f.kind === 'compare' && f.op === 'eq' && f.path.toLowerCase() === 'value' && typeof f.value === 'string') return f.value.toLowerCase();
  if (f.kind === 'and') return emailEquality(f.left) ?? emailEquality(f.right);
  return null;
}

export function compileFilter(kind: ResourceKind, f: Filter): SqlFragment {
  const c = new FilterCompiler(kind);
  const sql = c.compile(f);
  return { sql, bindings: c.bindings };
}

/** The SQL expression a sortBy attribute orders by (RFC 7644 §3.4.2.3), or an invalidValue-style error. */
export function sortExpression(kind: ResourceKind, path: string): string {
  const r = resolveAttr(kind, path);
  if (!r) throw invalidFilter(`sortBy: "${path}" is not an attribute of ${kind}`);
  const key = r.sub ? `${r.attr.name}.${r.sub.name}` : r.attr.name;
  const column = COLUMNS[kind][key];
  if (column) return column.caseExact || column.type !== 'string' ? column.expr : `lower(${column.expr}::text)`;
  if (kind === 'User' && r.attr.name === 'emails') return 'lower(u.email::text)'; // the primary email
  throw invalidFilter(`sortBy: "${path}" cannot be sorted on; use userName, displayName, externalId, name.givenName, name.familyName, emails, meta.created or meta.lastModified`);
}
