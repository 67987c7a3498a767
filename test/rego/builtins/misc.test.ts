import { RegoBudgetError } from '../../../src/rego/errors.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { call, eq, O, S, throws } from './helpers.ts';

test('aggregates', () => {
  eq('count', ['μx'], 2);
  eq('count', [O({ a: 1 })], 1);
  throws('count', 5);
  eq('sum', [S(1, 2, 3)], 6);
  eq('product', [[]], 1);
  throws('sum', ['a']);
  eq('max', [[-1, 3, 2]], 3);
  eq('min', [S(1, 2, -1)], -1);
  eq('max', [[]], undefined);
  eq('sort', [[3, 'a', null, 1]], [null, 1, 3, 'a']);
  throws('sort', O({}));
  eq('all', [[true, true]], true);
  eq('any', [S(false)], false);
});

test('numbers and bits', () => {
  eq('abs', [-9.1], 9.1);
  eq('round', [-9.5], -10);
  eq('round', [9.5], 10);
  eq('round', [-9.4], -9);
  eq('ceil', [1.2], 2);
  eq('floor', [-9.1], -10);
  eq('numbers.range', [5, 1], [5, 4, 3, 2, 1]);
  throws('numbers.range', 1.01, 5);
  eq('numbers.range_step', [0, 10, 3], [0, 3, 6, 9]);
  eq('numbers.range_step', [10, 0, 3], [10, 7, 4, 1]);
  throws('numbers.range_step', 0, 10, 0);
  eq('to_number', ['3.5e2'], 350);
  eq('to_number', [null], 0);
  eq('to_number', [true], 1);
  throws('to_number', 'inf');
  throws('to_number', 'abc');
  throws('to_number', '1e400');
  assert.throws(() => call('numbers.range', 0, 1e9), RegoBudgetError, 'a billion numbers exhaust the budget before any is made');
  const x = call('rand.intn', 'x', 50000);
  assert.equal(call('rand.intn', 'x', 50000), x);
  assert.ok((x as number) >= 0 && (x as number) < 50000);
  eq('rand.intn', ['b', 0], 0);
  eq('bits.and', [2 ** 40 + 3, 2 ** 40 + 1], 2 ** 40 + 1);
  eq('bits.or', [4, 1], 5);
  eq('bits.xor', [1, 1], 0);
  eq('bits.negate', [-50], 49);
  eq('bits.lsh', [9, 2], 36);
  eq('bits.rsh', [9, 2], 2);
  throws('bits.and', 1, 'str');
  throws('bits.lsh', 1, -1);
});

test('arrays, sets, types', () => {
  eq('array.concat', [[1, 2], [3]], [1, 2, 3]);
  throws('array.concat', 1, [2]);
  eq('array.slice', [[1, 2, 3], -5, 1], [1]);
  eq('array.slice', [[1, 2, 3], 5, 5], []);
  eq('array.slice', [[1, 2, 3], 0, 5], [1, 2, 3]);
  eq('array.slice', [[1, 2, 3], 2, 1], []);
  throws('array.slice', [1], '1', 2);
  eq('array.reverse', [[1, 2, 3]], [3, 2, 1]);
  eq('intersection', [S(S(1, 2, 3), S(2))], [2]);
  eq('union', [S(S(1), S(2))], [1, 2]);
  eq('union', [S()], []);
  throws('union', [1]);
  eq('type_name', [S()], 'set');
  eq('is_number', ['x'], false);
  eq('is_object', [O({})], true);
});

test('semver', () => {
  eq('semver.compare', ['1.0.0-alpha', '1.0.0'], -1);
  eq('semver.compare', ['1.0.0-alpha.1', '1.0.0-alpha.beta'], -1);
  eq('semver.compare', ['1.10.0', '1.9.0'], 1);
  eq('semver.compare', ['1.2.3+build', '1.2.3'], 0);
  throws('semver.compare', 'v1.0.0', '1.0.0');
  throws('semver.compare', 1, '');
  eq('semver.is_valid', ['1.0.0-rc.1+b.2'], true);
  eq('semver.is_valid', ['v1.0.0'], false);
  eq('semver.is_valid', ['1.0'], false);
  eq('semver.is_valid', [1], false);
});

const b64 = (x: object | Buffer) => (Buffer.isBuffer(x) ? x : Buffer.from(JSON.stringify(x))).toString('base64url');

test('io.jwt.decode and verification', () => {
  eq('io.jwt.decode', ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0.XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_tdRXY'],
    [{ alg: 'HS256', typ: 'JWT' }, { iss: 'opa', sub: '0' }, '5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576']);
  throws('io.jwt.decode', 'not-a-token');
  const hs = (payload: object, secret: string) => {
    const signed = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    return `${signed}.${b64(createHmac('sha256', secret).update(signed).digest())}`;
  };
  const tok = hs({ iss: 'gh', aud: 'gatehouse', exp: 1_800_000_000 }, 'sekrit');
  eq('io.jwt.verify_hs256', [tok, 'sekrit'], true);
  eq('io.jwt.verify_hs256', [tok, 'wrong'], false);
  eq('io.jwt.decode_verify', [tok, O({ secret: 'sekrit', iss: 'gh', aud: 'gatehouse' })],
    [true, { alg: 'HS256', typ: 'JWT' }, { iss: 'gh', aud: 'gatehouse', exp: 1_800_000_000 }]);
  eq('io.jwt.decode_verify', [tok, O({ secret: 'sekrit', aud: 'other' })], [false, {}, {}]);
  eq('io.jwt.decode_verify', [tok, O({ secret: 'sekrit', aud: 'gatehouse', time: 1_900_000_000e9 })], [false, {}, {}]);
  throws('io.jwt.decode_verify', tok, O({ aud: 'gatehouse' }));

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signed = `${b64({ alg: 'ES256' })}.${b64({ sub: 'x' })}`;
  const sig = sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  eq('io.jwt.verify_es256', [`${signed}.${b64(sig)}`, pem], true);
  eq('io.jwt.verify_es256', [`${signed}.${b64(Buffer.alloc(64))}`, pem], false);
  const jwk = JSON.stringify(publicKey.export({ format: 'jwk' }));
  eq('io.jwt.verify_es256', [`${signed}.${b64(sig)}`, jwk], true);
  throws('io.jwt.verify_rs256', `${signed}.${b64(sig)}`, 'garbage');
});

test('graph.reachable and uuid.rfc4122', () => {
  const g = O({ admin: ['editor'], editor: ['viewer'], viewer: [], other: ['admin'] });
  eq('graph.reachable', [g, ['admin']], ['admin', 'editor', 'viewer']);
  eq('graph.reachable', [g, S('missing')], []);
  eq('graph.reachable_paths', [O({ a: ['b', 'c'], b: ['c'], c: [] }), ['a']], [['a', 'b', 'c'], ['a', 'c']]);
  const u = call('uuid.rfc4122', 'x') as string;
  assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(call('uuid.rfc4122', 'x'), u);
  assert.notEqual(call('uuid.rfc4122', 'y'), u);
});

test('bad input surfaces as BuiltinError, never a raw JS exception', () => {
  throws('glob.match', '[z-a]', [], 'b');
  throws('regex.match', '[z-a]', 'b');
  throws('regex.template_match', 'a{[z-a]}', 'ab', '{', '}');
  throws('time.date', [1, 2]);
  throws('json.patch', O({}), ['x']);
  throws('net.cidr_merge', ['nope']);
  eq('sprintf', ['%c|%c', [65, 99999999]], 'A|\ufffd');
});
