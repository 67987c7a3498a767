// is_* and type_name (OPA topdown/type.go, typename.go). is_* are false, not errors, for other types.
import { RegoObject, RegoSet, typeName } from '../value.ts';
import { def, type Registry } from './util.ts';

export function register(reg: Registry): void {
  def(reg, 'is_number', 1, ([v]) => typeof v === 'number');
  def(reg, 'is_string', 1, ([v]) => typeof v === 'string');
  def(reg, 'is_boolean', 1, ([v]) => typeof v === 'boolean');
  def(reg, 'is_array', 1, ([v]) => Array.isArray(v));
  def(reg, 'is_set', 1, ([v]) => v instanceof RegoSet);
  def(reg, 'is_object', 1, ([v]) => v instanceof RegoObject);
  def(reg, 'is_null', 1, ([v]) => v === null);
  def(reg, 'type_name', 1, ([v]) => typeName(v!));
}

