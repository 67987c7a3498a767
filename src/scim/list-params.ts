// Query parameters of a list or .search (RFC 7644 §3.4.2, §3.4.3): filter, sortBy/sortOrder,
// startIndex/count (1-based; below 1 means 1; a negative count means 0), attributes.
import { invalidValue } from './errors.ts';
import type { Filter } from './filter/ast.ts';
import { parseFilter } from './filter/parse.ts';
import { intParam } from './protocol.ts';
import { parseProjection, type Projection } from './projection.ts';
import type { ResourceKind } from './schema-catalogue.ts';

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 1000;
const MAX_START_INDEX = 2_000_000_000;

export interface ListParams {
  filter: Filter | null;
  sortBy: string | null;
  descending: boolean;
  startIndex: number;
  count: number;
  projection: Projection;
}

type Source = Record<string, unknown>;

function text(src: Source, name: string): string | undefined {
  const v = src[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.join(',');
  if (typeof v !== 'string') throw invalidValue(`${name}: must be a string`);
  return v;
}

export function readListParams(kind: ResourceKind | null, src: Source): ListParams {
  const filter = text(src, 'filter');
  const sortOrder = text(src, 'sortOrder')?.toLowerCase();
  if (sortOrder && sortOrder !== 'ascending' && sortOrder !== 'descending') throw invalidValue('sortOrder: must be ascending or descending');
  const startIndex = Math.max(1, intParam(src.startIndex, 'startIndex') ?? 1);
  if (startIndex > MAX_START_INDEX) throw invalidValue(`startIndex: must be at most ${MAX_START_INDEX}`);
  const count = Math.min(MAX_COUNT, Math.max(0, intParam(src.count, 'count') ?? DEFAULT_COUNT));
  return {
    filter: filter && filter.trim() ? parseFilter(filter) : null,
    sortBy: text(src, 'sortBy')?.trim() || null,
    descending: sortOrder === 'descending',
    startIndex,
    count,
    projection: kind ? parseProjection(kind, text(src, 'attributes'), text(src, 'excludedAttributes')) : parseProjection('User'),
  };
}
