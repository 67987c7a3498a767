// count sum product max min sort all any (OPA topdown/aggregates.go).
import { add, isNum, mul, type Num } from '../num.ts';
import { compare, RegoObject, RegoSet, type Value } from '../value.ts';
import { collection, def, fail, typeErr, type Registry } from './util.ts';

function numbers(name: string, args: Value[]): Num[] {
  const items = collection(name, args, 0);
  for (const it of items) if (!isNum(it)) fail(name, `operand 1 must be one of {array[number], set[number]} but got non-number element`);
  return items as Num[];
}

export function register(reg: Registry): void {
  def(reg, 'count', 1, ([v]) => {
    if (typeof v === 'string') return Array.from(v).length;
    if (Array.isArray(v)) return v.length;
    if (v instanceof RegoSet || v instanceof RegoObject) return v.size;
    return typeErr('count', 1, 'one of {array, object, set, string}', v!);
  });
  def(reg, 'sum', 1, (args) => numbers('sum', args).reduce<Num>((a, b) => add(a, b), 0));
  def(reg, 'product', 1, (args) => numbers('product', args).reduce<Num>((a, b) => mul(a, b), 1));
  // max/min of an empty collection are undefined in OPA.
  def(reg, 'max', 1, (args) => {
    const items = collection('max', args, 0);
    return items.length ? items.reduce((a, b) => (compare(a, b) >= 0 ? a : b)) : undefined;
  });
  def(reg, 'min', 1, (args) => {
    const items = collection('min', args, 0);
    return items.length ? items.reduce((a, b) => (compare(a, b) <= 0 ? a : b)) : undefined;
  });
  def(reg, 'sort', 1, (args) => [...collection('sort', args, 0)].sort(compare));
  // Deprecated in OPA but still built in: true iff every / some member is exactly `true`.
  def(reg, 'all', 1, (args) => collection('all', args, 0).every((x) => x === true));
  def(reg, 'any', 1, (args) => collection('any', args, 0).some((x) => x === true));
}
