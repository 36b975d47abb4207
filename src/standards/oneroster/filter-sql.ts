/**
 * A parsed OneRoster filter (filter.ts) compiled to SQL over an entity's visible fields: each clause's
 * value typed for its column (a 400 naming the clause otherwise), lists and sub-objects (users' roles[])
 * compared as OneRoster means them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { raw, type Entity, type FieldSpec } from './entity-kit.js';
import type { FilterClause, FilterNode } from './filter.js';
import { invalidFilter } from './imsx-errors.js';

/** Sub-objects that can be filtered on (users' roles[]): EXISTS over a correlated table. */
const NESTED_FILTERS: Record<string, { from: string; columns: Record<string, string> }> = {
  roles: {
    from:
      `oneroster.roles r WHERE r.tenant_id = t.tenant_id AND r.user_sourced_id = t.sourced_id AND r.status = ` +
      `'active'`,
    columns: {
      role: 'r.role',
      roleType: 'r.role_type',
      'org.sourcedId': 'r.org_sourced_id',
      beginDate: 'r.begin_date',
      endDate: 'r.end_date',
    },
  },
};

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function comparison(expr: SQL, op: FilterClause['op'], value: SQL): SQL {
  switch (op) {
    case '=':
      return sql`${expr} = ${value}`;
    case '!=':
      return sql`${expr} IS DISTINCT FROM ${value}`;
    case '>':
      return sql`${expr} > ${value}`;
    case '>=':
      return sql`${expr} >= ${value}`;
    case '<':
      return sql`${expr} < ${value}`;
    case '<=':
      return sql`${expr} <= ${value}`;
    case '~':
      return sql`(${expr})::text ILIKE ${value}`;
  }
}

/** A clause's value typed for the column it compares with, or a 400 naming the clause. */
function typedCondition(clause: FilterClause, expr: SQL, type: FieldSpec['type']): SQL {
  const { op, value, field } = clause;
  const bad = (what: string) => invalidFilter(`Filter on "${field}": ${what}.`);
  if (op === '~') {
    if (type === 'strings' || type === 'refs') return sql`array_to_string(${expr}, ',') ILIKE ${escapeLike(value)}`;
    return comparison(expr, op, sql`${escapeLike(value)}`);
  }
  switch (type) {
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value.slice(0, 10))))
        throw bad(`'${value.slice(0, 40)}' is not a date (YYYY-MM-DD)`);
      return comparison(expr, op, sql`${value.slice(0, 10)}::date`);
    }
    case 'datetime': {
      if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value)))
        throw bad(`'${value.slice(0, 40)}' is not a date-time (ISO 8601)`);
      return comparison(expr, op, sql`${new Date(value).toISOString()}::timestamptz`);
    }
    case 'number': {
      if (!/^-?\d{1,15}(\.\d{1,10})?$/.test(value)) throw bad(`'${value.slice(0, 40)}' is not a number`);
      return comparison(expr, op, sql`${value}::numeric`);
    }
    case 'truefalse': {
      const lower = value.toLowerCase();
      if ((op !== '=' && op !== '!=') || (lower !== 'true' && lower !== 'false'))
        throw bad("use = or != with 'true' or 'false'");
      return comparison(expr, op, sql`${lower === 'true'}`);
    }
    case 'strings':
    case 'refs': {
      if (op === '=') return sql`${value} = ANY(${expr})`;
      if (op === '!=') return sql`NOT (${value} = ANY(coalesce(${expr}, '{}')))`;
      throw bad('lists take =, != or ~');
    }
    default:
      return comparison(expr, op, sql`${value}`);
  }
}

function clauseCondition(entity: Entity, visible: Set<string>, clause: FilterClause): SQL {
  const [head, ...rest] = clause.field.split('.');
  const path = rest.join('.');
  const spec = visible.has(head!) ? entity.fields[head!] : undefined;
  const unknown = () => invalidFilter(`"${clause.field}" is not a field of ${entity.singular} that can be filtered.`);
  if (!spec || spec.filterable === false) throw unknown();
  if (!path) {
    if (['ref', 'refs', 'json', 'custom'].includes(spec.type))
      throw invalidFilter(`Filter on "${clause.field}": name a part of it (e.g. ${head}.sourcedId).`);
    return typedCondition(clause, raw(spec.sql), spec.type);
  }
  if ((spec.type === 'ref' || spec.type === 'refs') && path === 'sourcedId')
    return typedCondition(clause, raw(spec.sql), spec.type === 'ref' ? 'string' : 'refs');
  if (spec.type === 'json') return typedCondition(clause, raw(`(${spec.sql}) #>> '{${rest.join(',')}}'`), 'string');
  const nested = NESTED_FILTERS[head!];
  const column = nested?.columns[path];
  if (spec.type === 'custom' && nested && column) {
    const type = column.endsWith('_date') ? 'date' : 'string';
    return sql`EXISTS (SELECT 1 FROM ${raw(nested.from)} AND ${typedCondition(clause, raw(column), type)})`;
  }
  throw unknown();
}

export function compileFilter(entity: Entity, visible: Set<string>, node: FilterNode): SQL {
  if (node.kind === 'clause') return clauseCondition(entity, visible, node);
  const parts = node.parts.map((p) => compileFilter(entity, visible, p));
  return sql`(${sql.join(parts, node.kind === 'and' ? sql` AND ` : sql` OR `)})`;
}
