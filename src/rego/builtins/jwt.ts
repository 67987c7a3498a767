// io.jwt.decode, io.jwt.verify_*, io.jwt.decode_verify (OPA topdown/tokens.go) on node:crypto.
import { isNum, toNumber } from '../num.ts';
import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { fromJson, RegoObject, type Value } from '../value.ts';
import type { BuiltinContext } from './types.ts';
import { def, fail, obj, str, type Registry } from './util.ts';

interface Token { header: Record<string, unknown>; payload: unknown; signature: Buffer; signed: string; headerV: Value; payloadV: Value }

function b64(name: string, s: string): Buffer {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s)) fail(name, 'failed to decode JWT: illegal base64 data');
  return Buffer.from(s, 'base64url');
}

function decode(name: string, token: string): Token {
  const parts = token.split('.');
  if (parts.length === 5) fail(name, 'JWT is a JWE object, which is not supported');
  if (parts.length !== 3) fail(name, 'encoded JWT had no period separators');
  const json = (s: string, what: string): unknown => {
    try { return JSON.parse(b64(name, s).toString('utf8')); } catch { return fail(name, `JWT ${what} had invalid encoding`); }
  };
  const header = json(parts[0]!, 'header');
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail(name, 'JWT header must be a JSON object');
  let payload: unknown;
  let payloadV: Value;
  // A nested token (cty: JWT) carries another JWT as its payload; OPA decodes that one.
  if ((header as Record<string, unknown>).cty === 'JWT') {
    payloadV = decode(name, b64(name, parts[1]!).toString('utf8')).payloadV;
    payload = undefined;
  } else {
    payload = json(parts[1]!, 'payload');
    payloadV = fromJson(payload);
  }
  return {
    header: header as Record<string, unknown>, payload, signature: b64(name, parts[2]!),
    signed: `${parts[0]}.${parts[1]}`, headerV: fromJson(header), payloadV,
  };
}

function publicKeys(name: string, cert: string): KeyObject[] {
  const t = cert.trim();
  try {
    if (t.startsWith('{')) {
      const j = JSON.parse(t);
      const keys = Array.isArray(j.keys) ? j.keys : [j];
      return keys.map((k: object) => createPublicKey({ key: k as never, format: 'jwk' }));
    }
    const pems = t.match(/-----BEGIN [^-]+-----[\s\S]+?-----END [^-]+-----/g) ?? [];
    if (pems.length === 0) throw new Error('no PEM block');
    return pems.map((p) => createPublicKey(p));
  } catch (e) {
    return fail(name, `failed to parse a JWK key (set) or PEM: ${(e as Error).message}`);
  }
}

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

/** Verifies the signature for `alg` with a public key (RS/PS/ES/EdDSA) or an HMAC secret (HS). */
function verifySig(name: string, t: Token, alg: string, key: { cert?: string; secret?: string }): boolean {
  const data = Buffer.from(t.signed);
  const kind = alg.slice(0, 2), hash = HASH[alg.slice(2)];
  if (kind === 'HS' && hash) {
    if (key.secret === undefined) return false;
    const mac = createHmac(hash, Buffer.from(key.secret, 'utf8')).update(data).digest();
    return mac.length === t.signature.length && timingSafeEqual(mac, t.signature);
  }
  if (key.cert === undefined) return false;
  const keys = publicKeys(name, key.cert);
  return keys.some((k) => {
    try {
      if (alg === 'EdDSA') return verify(null, data, k, t.signature);
      if (!hash) return false;
      if (kind === 'RS') return verify(hash, data, k, t.signature);
      if (kind === 'PS') return verify(hash, data, { key: k, padding: 6, saltLength: Number(alg.slice(2)) / 8 }, t.signature);
      if (kind === 'ES') return verify(hash, data, { key: k, dsaEncoding: 'ieee-p1363' }, t.signature);
    } catch { return false; }
    return false;
  });
}

function decodeVerify(token: string, c: RegoObject, ctx: BuiltinContext): Value {
  const name = 'io.jwt.decode_verify';
  const known = new Set(['cert', 'secret', 'alg', 'iss', 'aud', 'time']);
  for (const k of c.keys()) if (typeof k !== 'string' || !known.has(k)) fail(name, `unknown token validation constraint: ${String(k)}`);
  const cert = c.get('cert'), secret = c.get('secret');
  if ((cert === undefined) === (secret === undefined)) fail(name, 'exactly one of cert or secret must be given');
  const invalid: Value = [false, new RegoObject(), new RegoObject()];
  const t = decode(name, token);
  const alg = String(t.header.alg ?? '');
  const want = c.get('alg');
  if (want !== undefined && want !== alg) return invalid;
  if (!verifySig(name, t, alg, { cert: typeof cert === 'string' ? cert : undefined, secret: typeof secret === 'string' ? secret : undefined })) return invalid;
  const p = (t.payload ?? {}) as Record<string, unknown>;
  const nowNs = c.get('time');
  const now = (isNum(nowNs) ? toNumber(nowNs) : ctx.nowNs) / 1e9;
  if (typeof p.exp === 'number' && now >= p.exp) return invalid;
  if (typeof p.nbf === 'number' && now < p.nbf) return invalid;
  const iss = c.get('iss');
  if (iss !== undefined && p.iss !== iss) return invalid;
  const aud = c.get('aud');
  if (p.aud !== undefined) {
    const auds = Array.isArray(p.aud) ? p.aud : [p.aud];
    if (aud === undefined || !auds.includes(aud)) return invalid;
  } else if (aud !== undefined) return invalid;
  return [true, t.headerV, t.payloadV];
}

export function register(reg: Registry): void {
  def(reg, 'io.jwt.decode', 1, (a) => {
    const t = decode('io.jwt.decode', str('io.jwt.decode', a, 0));
    return [t.headerV, t.payloadV, t.signature.toString('hex')];
  });
  for (const alg of ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']) {
    const name = `io.jwt.verify_${alg.toLowerCase()}`;
    def(reg, name, 2, (a) => {
      const t = decode(name, str(name, a, 0));
      const k = str(name, a, 1);
      return verifySig(name, t, alg, alg.startsWith('HS') ? { secret: k } : { cert: k });
    });
  }
  def(reg, 'io.jwt.decode_verify', 2, (a, ctx) => decodeVerify(str('io.jwt.decode_verify', a, 0), obj('io.jwt.decode_verify', a, 1), ctx));
}
