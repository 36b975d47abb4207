/**
 * The query parameters every OneRoster list takes — limit, offset, sort, orderBy, filter, fields —
 * checked strictly (a non-numeric, negative, zero, exponent-written, overflowing or repeated value is
 * a 400, never "everything" and never a 500), and the paging headers: X-Total-Count and an RFC 8288
 * Link header with first/prev/next/last.
 *
 * limit: default 100; above the service's maximum (default 5000, `maxLimit` option of the plugin)
 * it is clamped to the maximum, as the specification allows — the page is then shorter than asked
 * and the Link header pages on with the clamped size.
 */
import { invalidData, invalidFilter, invalidSelection } from './imsx-errors.js';
import { parseFilter, type FilterNode } from './filter.js';

export const DEFAULT_LIMIT = 100;
export const DEFAULT_MAX_LIMIT = 5000;
/** Larger numbers are refused, not clamped: they are not what any client meant. */
const LARGEST_NUMBER = 2_147_483_647;

export interface ListParams {
  limit: number;
  offset: number;
  sort?: string;
  orderBy: 'asc' | 'desc';
  filter?: FilterNode;
  fields?: string[];
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value))
    throw (name === 'filter' ? invalidFilter : name === 'fields' ? invalidSelection : invalidData)(
      `The parameter "${name}" is given more than once.`,
    );
  return String(value);
}

function wholeNumber(name: string, raw: string, min: number): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > LARGEST_NUMBER)
    throw invalidData(`"${name}" must be a whole number from ${min} to ${LARGEST_NUMBER} (got "${raw.slice(0, 40)}").`);
  const value = Number(raw);
  if (value < min) throw invalidData(`"${name}" must be at least ${min}.`);
  return value;
}

export function parseListParams(query: Record<string, unknown>, maxLimit = DEFAULT_MAX_LIMIT): ListParams {
  const limitRaw = single(query, 'limit');
  const offsetRaw = single(query, 'offset');
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Math.min(wholeNumber('limit', limitRaw, 1), maxLimit);
  const offset = offsetRaw === undefined ? 0 : wholeNumber('offset', offsetRaw, 0);
  const sort = single(query, 'sort');
  if (sort !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(sort))
    throw invalidData(`"sort" must name one field (got "${sort.slice(0, 40)}").`);
  const orderByRaw = single(query, 'orderBy');
  if (orderByRaw !== undefined && orderByRaw !== 'asc' && orderByRaw !== 'desc')
    throw invalidData('"orderBy" must be asc or desc.');
  const filterRaw = single(query, 'filter');
  const fieldsRaw = single(query, 'fields');
  let fields: string[] | undefined;
  if (fieldsRaw !== undefined) {
    fields = fieldsRaw.split(',').map((f) => f.trim());
    if (fields.some((f) => f === '')) throw invalidSelection('"fields" must be a comma-separated list of field names.');
  }
  return {
    limit,
    offset,
    sort,
    orderBy: orderByRaw === 'desc' ? 'desc' : 'asc',
    filter: filterRaw === undefined ? undefined : parseFilter(filterRaw),
    fields,
  };
}

/** The Link header of a page: first, prev, next, last (those that exist). */
export function linkHeader(baseUrl: string, query: Record<string, unknown>, params: ListParams, total: number): string {
  const at = (offset: number) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name === 'offset' || name === 'limit' || value === undefined) continue;
      search.set(name, String(value));
    }
    search.set('limit', String(params.limit));
    search.set('offset', String(offset));
    return `<${baseUrl}?${search.toString()}>`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / params.limit) * params.limit;
  const links = [`${at(0)}; rel="first"`];
  if (params.offset > 0)
    links.push(`${at(Math.max(0, Math.min(params.offset - params.limit, lastOffset)))}; rel="prev"`);
  if (params.offset + params.limit < total) links.push(`${at(params.offset + params.limit)}; rel="next"`);
  links.push(`${at(lastOffset)}; rel="last"`);
  return links.join(', ');
}
