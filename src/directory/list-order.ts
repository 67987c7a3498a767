// The ORDER BY of a user or group list (SCIM sortBy/sortOrder).
import type { ListQuery } from './types.ts';

/**
 * The order of a list: RFC 7644 §3.4.2.3 puts resources without a value for sortBy last when
 * ascending and first when descending, which is PostgreSQL's default for each direction. Ties
 * (and unsorted lists) follow creation, so pages stay stable.
 */
export function listOrder(l: Pick<ListQuery, 'orderBy' | 'descending'>, alias: 'u' | 'g'): string {
  const stable = `${alias}.created_at, ${alias}.id`;
  return l.orderBy ? `${l.orderBy} ${l.descending ? 'desc nulls first' : 'asc nulls last'}, ${stable}` : stable;
}
