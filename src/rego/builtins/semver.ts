// semver.is_valid / semver.compare (Semantic Versioning 2.0.0, no leading "v", as OPA).
import { def, fail, str, type Registry } from './util.ts';

const NUM = '0|[1-9]\\d*';
const ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const SEMVER = new RegExp(`^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${ID}(?:\\.${ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`);

interface Version { core: bigint[]; pre: string[] }

function parse(s: string): Version | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split('.') : [] };
}

function cmpId(a: string, b: string): number {
  const na = /^\d+$/.test(a), nb = /^\d+$/.test(b);
  if (na && nb) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! < b.core[i]! ? -1 : 1;
  // A pre-release sorts before its release; build metadata never counts.
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = cmpId(a.pre[i]!, b.pre[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

export function register(reg: Registry): void {
  def(reg, 'semver.is_valid', 1, ([v]) => typeof v === 'string' && parse(v) !== undefined);
  def(reg, 'semver.compare', 2, (a) => {
    const x = str('semver.compare', a, 0), y = str('semver.compare', a, 1);
    const vx = parse(x) ?? fail('semver.compare', `operand 1: string ${JSON.stringify(x)} is not a valid SemVer`);
    const vy = parse(y) ?? fail('semver.compare', `operand 2: string ${JSON.stringify(y)} is not a valid SemVer`);
    return compareVersions(vx, vy);
  });
}
