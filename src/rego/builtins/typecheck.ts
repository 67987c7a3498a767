// is_* and type_name (OPA topdown/type.go, typename.go). is_* are false, not errors, for other types.
// The deprecated cast_* (v0 only, OPA topdown/casts.go) check the type; cast_array/cast_set also convert.
import { RegoObject, RegoSet, typeName, type Value } from '../value.ts';
import { def, fail, type Registry } from './util.ts';

const cast = (name: string, want: string, ok: boolean, v: Value): Value => (ok ? v : fail(name, `operand 1 must be ${want} but got ${typeName(v)}`));

export function register(reg: Registry): void {
  def(reg, 'is_number', 1, ([v]) => typeof v === 'number' || typeof v === 'bigint');
  def(reg, 'is_string', 1, ([v]) => typeof v === 'string');
  def(reg, 'is_boolean', 1, ([v]) => typeof v === 'boolean');
  def(reg, 'is_array', 1, ([v]) => Array.isArray(v));
  def(reg, 'is_set', 1, ([v]) => v instanceof RegoSet);
  def(reg, 'is_object', 1, ([v]) => v instanceof RegoObject);
  def(reg, 'is_null', 1, ([v]) => v === null);
  def(reg, 'type_name', 1, ([v]) => typeName(v!));
  def(reg, 'cast_array', 1, ([v]) => (v instanceof RegoSet ? v.sorted() : cast('cast_array', 'one of {array, set}', Array.isArray(v), v!)));
  def(reg, 'cast_set', 1, ([v]) => (Array.isArray(v) ? new RegoSet(v) : cast('cast_set', 'one of {array, set}', v instanceof RegoSet, v!)));
  def(reg, 'cast_string', 1, ([v]) => cast('cast_string', 'string', typeof v === 'string', v!));
  def(reg, 'cast_boolean', 1, ([v]) => cast('cast_boolean', 'boolean', typeof v === 'boolean', v!));
  def(reg, 'cast_null', 1, ([v]) => cast('cast_null', 'null', v === null, v!));
  def(reg, 'cast_object', 1, ([v]) => cast('cast_object', 'object', v instanceof RegoObject, v!));
}

