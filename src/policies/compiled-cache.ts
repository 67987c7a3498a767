// Compiled policies, cached per (policy id, version): an update bumps the version, so every
// instance recompiles on its next evaluation without any cross-process invalidation.
import { compileLoginPolicy, type CompiledLoginPolicy } from './engine.ts';

const MAX_ENTRIES = 2000;
const cache = new Map<string, CompiledLoginPolicy>();

export function compiledPolicy(p: { id: string; version: number; body: string; rego_version: 0 | 1 }): CompiledLoginPolicy {
  const key = `${p.id}:${p.version}`;
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is the LRU order
    cache.set(key, hit);
    return hit;
  }
  hit = compileLoginPolicy(p.body, p.rego_version);
  cache.set(key, hit);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return hit;
}
