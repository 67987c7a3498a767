// json / base64 / base64url / urlquery / hex built-ins (OPA topdown/encoding.go).
import { fromJson, RegoObject, RegoSet, toJson, typeName, type Value } from '../value.ts';
import { def, fail, obj, str, type Registry } from './util.ts';

/** Go's json.Marshal escapes HTML-significant characters and the JS line separators. */
const goEscape = (s: string) =>
  s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

export function marshal(v: Value, indent?: string, prefix = ''): string {
  const text = indent === undefined ? JSON.stringify(toJson(v)) : JSON.stringify(toJson(v), null, indent);
  const out = goEscape(text);
  return prefix ? out.split('\n').map((l, i) => (i === 0 ? l : prefix + l)).join('\n') : out;
}

function unmarshal(name: string, s: string): Value {
  try {
    return fromJson(JSON.parse(s));
  } catch {
    return fail(name, `could not unmarshal json: ${JSON.stringify(s.slice(0, 40))}`);
  }
}

const STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_PAD = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/;
const URL_RAW = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;

function b64decode(name: string, s: string, url: boolean): string {
  const t = s.replace(/[\r\n]/g, '');
  // OPA's base64url.decode accepts unpadded input too (it pads before decoding).
  const ok = url ? URL_PAD.test(t) || URL_RAW.test(t) : STD.test(t);
  if (!ok) fail(name, `illegal base64 data at input byte ${t.length}`);
  return Buffer.from(t, url ? 'base64url' : 'base64').toString('utf8');
}

/** Go url.QueryEscape: space as '+', only A-Za-z0-9 -_.~ unescaped. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function queryUnescape(name: string, s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) fail(name, `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export function register(reg: Registry): void {
  def(reg, 'json.marshal', 1, ([v]) => marshal(v!));
  def(reg, 'json.marshal_with_options', 2, (a) => {
    const opts = obj('json.marshal_with_options', a, 1);
    const pretty = opts.get('pretty'), indent = opts.get('indent'), prefix = opts.get('prefix');
    for (const [k] of opts.entries()) {
      if (k !== 'pretty' && k !== 'indent' && k !== 'prefix') fail('json.marshal_with_options', `object contained unknown key ${JSON.stringify(k)}`);
    }
    const wantPretty = pretty === true || (pretty === undefined && (indent !== undefined || prefix !== undefined));
    if (!wantPretty) return marshal(a[0]!);
    return marshal(a[0]!, typeof indent === 'string' ? indent : '\t', typeof prefix === 'string' ? prefix : '');
  });
  def(reg, 'json.unmarshal', 1, (a) => unmarshal('json.unmarshal', str('json.unmarshal', a, 0)));
  def(reg, 'json.is_valid', 1, ([s]) => {
    if (typeof s !== 'string') return false;
    try { JSON.parse(s); return true; } catch { return false; }
  });
  def(reg, 'base64.encode', 1, (a) => Buffer.from(str('base64.encode', a, 0), 'utf8').toString('base64'));
  def(reg, 'base64.decode', 1, (a) => b64decode('base64.decode', str('base64.decode', a, 0), false));
  def(reg, 'base64.is_valid', 1, ([s]) => typeof s === 'string' && STD.test(s.replace(/[\r\n]/g, '')));
  def(reg, 'base64url.encode', 1, (a) =>
    Buffer.from(str('base64url.encode', a, 0), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_'));
  def(reg, 'base64url.encode_no_pad', 1, (a) => Buffer.from(str('base64url.encode_no_pad', a, 0), 'utf8').toString('base64url'));
  def(reg, 'base64url.decode', 1, (a) => b64decode('base64url.decode', str('base64url.decode', a, 0), true));
  def(reg, 'urlquery.encode', 1, (a) => queryEscape(str('urlquery.encode', a, 0)));
  def(reg, 'urlquery.decode', 1, (a) => queryUnescape('urlquery.decode', str('urlquery.decode', a, 0)));
  // Go's url.Values.Encode: keys sorted, each value of an array/set in order.
  def(reg, 'urlquery.encode_object', 1, (a) => {
    const o = obj('urlquery.encode_object', a, 0);
    const parts: string[] = [];
    const entries = o.sortedEntries();
    for (const [k, v] of entries) {
      if (typeof k !== 'string') fail('urlquery.encode_object', `operand 1 keys must be strings but got ${typeName(k)}`);
      const vals = typeof v === 'string' ? [v] : Array.isArray(v) ? v : v instanceof RegoSet ? v.sorted() : null;
      if (!vals || vals.some((x) => typeof x !== 'string')) {
        fail('urlquery.encode_object', 'operand 1 values must be string, array[string], or set[string]');
      }
      for (const x of vals!) parts.push(queryEscape(k as string) + '=' + queryEscape(x as string));
    }
    return parts.join('&');
  });
  def(reg, 'urlquery.decode_object', 1, (a) => {
    const s = str('urlquery.decode_object', a, 0);
    const acc = new Map<string, string[]>();
    for (const part of s.split('&')) {
      if (part === '') continue;
      if (part.includes(';')) fail('urlquery.decode_object', 'invalid semicolon separator in query');
      const eq = part.indexOf('=');
      const k = queryUnescape('urlquery.decode_object', eq < 0 ? part : part.slice(0, eq));
      const v = eq < 0 ? '' : queryUnescape('urlquery.decode_object', part.slice(eq + 1));
      acc.set(k, [...(acc.get(k) ?? []), v]);
    }
    return new RegoObject([...acc].map(([k, v]) => [k, v] as [Value, Value]));
  });
  def(reg, 'hex.encode', 1, (a) => Buffer.from(str('hex.encode', a, 0), 'utf8').toString('hex'));
  def(reg, 'hex.decode', 1, (a) => {
    const s = str('hex.decode', a, 0);
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(s)) fail('hex.decode', `invalid byte in hex string: ${JSON.stringify(s)}`);
    return Buffer.from(s, 'hex').toString('utf8');
  });
}
