// Operand checks shared by every family. Messages follow OPA's topdown/builtins wording
// ("operand 1 must be string but got number").
import { isNum, type Num } from '../num.ts';
import { RegoObject, RegoSet, typeName, type Value } from '../value.ts';
import { BuiltinError, type Builtin, type BuiltinImpl } from './types.ts';

export type Registry = Map<string, Builtin>;

export function def(reg: Registry, name: string, arity: number, fn: BuiltinImpl): void {
  reg.set(name, { arity, fn });
}

export const fail = (name: string, msg: string): never => {
  throw new BuiltinError(name, msg);
};

export function typeErr(name: string, pos: number, want: string, got: Value): never {
  return fail(name, `operand ${pos} must be ${want} but got ${typeName(got)}`);
}

export function str(name: string, args: Value[], i: number): string {
  const v = args[i]!;
  return typeof v === 'string' ? v : typeErr(name, i + 1, 'string', v);
}

/** A number operand as a double (exact integers beyond 2^53 are rounded: use `exactNum` where it matters). */
export function num(name: string, args: Value[], i: number): number {
  const v = args[i]!;
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeErr(name, i + 1, 'number', v);
}

/** A number operand as it is: a double, or an exact bigint beyond 2^53. */
export function exactNum(name: string, args: Value[], i: number): Num {
  const v = args[i]!;
  return isNum(v) ? v : typeErr(name, i + 1, 'number', v);
}

/** An integral number operand; OPA reports non-integers as "operand N must be integer number but got floating-point number". */
export function int(name: string, args: Value[], i: number): number {
  const n = num(name, args, i);
  if (!Number.isInteger(n)) fail(name, `operand ${i + 1} must be integer number but got floating-point number`);
  return n;
}

export function arr(name: string, args: Value[], i: number): Value[] {
  const v = args[i]!;
  return Array.isArray(v) ? v : typeErr(name, i + 1, 'array', v);
}

export function obj(name: string, args: Value[], i: number): RegoObject {
  const v = args[i]!;
  return v instanceof RegoObject ? v : typeErr(name, i + 1, 'object', v);
}

export function set(name: string, args: Value[], i: number): RegoSet {
  const v = args[i]!;
  return v instanceof RegoSet ? v : typeErr(name, i + 1, 'set', v);
}

/** Members of an array or set operand (sets in sorted order, as OPA iterates them). */
export function collection(name: string, args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.sorted();
  return typeErr(name, i + 1, 'one of {array, set}', v);
}

/** Array/set of strings. */
export function strings(name: string, args: Value[], i: number): string[] {
  const items = collection(name, args, i);
  for (const it of items) {
    if (typeof it !== 'string') fail(name, `operand ${i + 1} must be one of {array[string], set[string]} but got ${typeName(it)} element`);
  }
  return items as string[];
}

export const isObj = (v: Value | undefined): v is RegoObject => v instanceof RegoObject;
export const isSet = (v: Value | undefined): v is RegoSet => v instanceof RegoSet;

/** Splits a JS string into Unicode code points (Go indexes strings by rune in OPA's string built-ins). */
export const runes = (s: string): string[] => Array.from(s);
