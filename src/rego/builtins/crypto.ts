// crypto.* hashes and HMACs (OPA topdown/crypto.go) via node:crypto; results are lower-case hex.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { def, str, type Registry } from './util.ts';

export function register(reg: Registry): void {
  for (const alg of ['md5', 'sha1', 'sha256']) {
    const name = `crypto.${alg}`;
    def(reg, name, 1, (a) => createHash(alg).update(str(name, a, 0), 'utf8').digest('hex'));
  }
  for (const alg of ['md5', 'sha1', 'sha256', 'sha512']) {
    const name = `crypto.hmac.${alg}`;
    def(reg, name, 2, (a) => createHmac(alg, Buffer.from(str(name, a, 1), 'utf8')).update(str(name, a, 0), 'utf8').digest('hex'));
  }
  // Constant-time comparison, as OPA's hmac.Equal.
  def(reg, 'crypto.hmac.equal', 2, (a) => {
    const x = Buffer.from(str('crypto.hmac.equal', a, 0)), y = Buffer.from(str('crypto.hmac.equal', a, 1));
    return x.length === y.length && timingSafeEqual(x, y);
  });
}
