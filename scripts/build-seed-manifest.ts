/**
 * Builds spec/seed-manifest.json: every table and column of the three seed documents (and the
 * payroll/accounting supplement) with its type and nullability, read from the documents themselves.
 * The coverage test compares the migrated database against it, so the model cannot drift silently.
 *
 *   npx tsx scripts/build-seed-manifest.ts <folder holding seeds/ and seeds-supplement/>
 *
 * A maintainer's tool: the project itself reads only the committed manifest.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ManifestColumn {
  seed: string;
  schema: string;
  table: string;
  column: string;
  /** PostgreSQL type as the seed gives it (normalised spelling). */
  type: string;
  /** 'NO' = NOT NULL in the seed; 'YES' = nullable; null = the seed does not say. */
  nullable: 'YES' | 'NO' | null;
}

if (!process.argv[2]) {
  console.error('usage: tsx scripts/build-seed-manifest.ts <folder holding seeds/ and seeds-supplement/>');
  process.exit(2);
}
const shared = path.resolve(process.argv[2]);
const out: ManifestColumn[] = [];

// ---- seed 000: a markdown table of table | column | type | nullable ----------------------------
{
  const seed = '000_c57cf13880429c4c.txt';
  const text = fs.readFileSync(path.join(shared, 'seeds', seed), 'utf8');
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[a-z_]+\.[a-z_]+$/.test(cells[1] ?? '')) continue;
    const [schema, table] = cells[1]!.split('.') as [string, string];
    let type = cells[3]!;
    let nullable: ManifestColumn['nullable'] = cells[4] === 'NO' ? 'NO' : cells[4] === 'YES' ? 'YES' : null;
    // The export split "timestamp with time zone" across two cells and lost the nullability.
    if (type === 'timestamp' && cells[4] === 'with') {
      type = 'timestamp with time zone';
      nullable = null;
    }
    out.push({ seed, schema, table, column: cells[2]!, type, nullable });
  }
}

// ---- seed 002: one markdown table per "### table" under "## <Group> Tables" ---------------------
const GROUP_SCHEMA: Record<string, string> = {
  Core: 'core',
  Curriculum: 'curriculum',
  'Student Toolbox': 'toolbox',
  'School Operations': 'school_ops',
  Financial: 'finance',
  CRM: 'crm',
  'AI Memory': 'ai_memory',
  'Ethics/Supervision': 'supervision',
};
const SQLITE_TYPES: Record<string, string> = {
  TEXT: 'text',
  INTEGER: 'integer',
  REAL: 'double precision',
  BOOLEAN: 'boolean',
  TIMESTAMP: 'timestamp with time zone',
  DATE: 'date',
  TIME: 'time',
  JSON: 'jsonb',
  BLOB: 'bytea',
};
{
  const seed = '002_7bfbe2c40aa16e7b.txt';
  const text = fs.readFileSync(path.join(shared, 'seeds', seed), 'utf8');
  let schema: string | undefined;
  let table: string | undefined;
  for (const line of text.split('\n')) {
    const group = line.match(/^## (.+) Tables\s*$/);
    if (group) {
      schema = GROUP_SCHEMA[group[1]!.trim()];
      table = undefined;
      continue;
    }
    if (/^## /.test(line)) {
      schema = undefined;
      continue;
    }
    const heading = line.match(/^### ([a-z_]+)\s*$/);
    if (heading) {
      table = heading[1];
      continue;
    }
    if (!schema || !table) continue;
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || cells[1] === 'Column' || /^-+$/.test(cells[1] ?? '')) continue;
    const rawType = cells[2]!;
    const base = rawType.split(/\s+/)[0]!;
    const type = SQLITE_TYPES[base];
    if (!type) continue;
    const nullable = /\bPK\b/.test(rawType) ? 'NO' : null;
    for (const column of cells[1]!.split(',').map((c) => c.trim())) {
      out.push({ seed, schema, table, column, type, nullable });
    }
  }
}

// ---- supplement: payroll & accounting --------------------------------------------------------
// The supplement gives the columns in prose; they are transcribed here in its order (prose does not
// parse reliably), and typed by its stated conversions: *_cents bigint, timestamps timestamptz,
// 0/1 flags boolean, JSON jsonb, REAL double precision; every table also has created_at, updated_at.
{
  const seed = 'seeds-supplement/payroll-accounting.md';
  const SUPPLEMENT: Record<string, string> = {
    staff_payroll:
      'id organization_id contract_id user_id period_start period_end payment_due_date payroll_type hours_worked ' +
      'hourly_rate_cents gross_amount_cents deductions total_deductions_cents additions total_additions_cents ' +
      'net_amount_cents paid_amount_cents status approved_by approved_at calculated_by calculated_at paid_at notes',
    payroll_payments:
      'id payroll_id user_id amount_cents method_type payment_method_id reference_code scheduled_for processed_at ' +
      'failed_at failure_reason status notes paid_by',
    payment_methods:
      'id user_id organization_id method_type label is_default is_active is_verified bank_code bank_name ' +
      'agency_number account_number account_type account_holder_name account_holder_document pix_key_type pix_key ' +
      'card_last_four card_brand card_expiry wallet_provider wallet_id',
    chart_of_accounts:
      'id organization_id code name description account_type nature classification parent_id level allows_posting ' +
      'is_system is_active cofins_applicable pis_applicable csll_applicable irpj_applicable',
    cost_centers:
      'id organization_id code name description parent_id level center_type manager_id annual_budget_cents ' +
      'monthly_budget_cents is_active',
    journal_entries:
      'id organization_id entry_number reference_date posting_date fiscal_year fiscal_month description memo ' +
      'source_type source_id status is_reversal reverses_entry_id reversed_by_entry_id created_by posted_by posted_at',
    journal_entry_lines:
      'id entry_id account_id cost_center_id amount_cents currency entry_type description tax_code tax_amount_cents ' +
      'document_number document_date line_number',
    fiscal_documents:
      'id organization_id document_type document_number series access_key verification_code issue_date ' +
      'competence_date issuer_id issuer_document issuer_name recipient_id recipient_document recipient_name ' +
      'total_amount_cents net_amount_cents iss_amount_cents iss_rate pis_amount_cents cofins_amount_cents ' +
      'ir_amount_cents csll_amount_cents inss_amount_cents iss_withheld ir_withheld pis_withheld cofins_withheld ' +
      'csll_withheld inss_withheld service_code service_description city_service_code status cancelled_at ' +
      'cancellation_reason external_id xml_url pdf_url invoice_id payable_id payroll_id',
    tax_withholdings:
      'id organization_id fiscal_document_id tax_type base_amount_cents rate amount_cents due_date paid_at ' +
      'payment_reference status period_start period_end beneficiary_document beneficiary_name notes',
  };
  const BOOLEANS = new Set([
    'allows_posting',
    'cofins_applicable',
    'pis_applicable',
    'csll_applicable',
    'irpj_applicable',
  ]);
  const typeOf = (column: string): string => {
    if (column.endsWith('_cents')) return 'bigint';
    if (column === 'deductions' || column === 'additions') return 'jsonb';
    if (column.startsWith('is_') || column.endsWith('_withheld') || BOOLEANS.has(column)) return 'boolean';
    if (column.endsWith('_at') || column === 'scheduled_for') return 'timestamp with time zone';
    if (column.endsWith('_date') || column === 'period_start' || column === 'period_end') return 'date';
    if (['hours_worked', 'rate', 'iss_rate'].includes(column)) return 'double precision';
    if (['level', 'fiscal_year', 'fiscal_month', 'entry_number', 'line_number'].includes(column)) return 'integer';
    return 'text';
  };
  for (const [table, list] of Object.entries(SUPPLEMENT)) {
    for (const column of [...list.split(' '), 'created_at', 'updated_at']) {
      out.push({
        seed,
        schema: 'finance',
        table,
        column,
        type: typeOf(column),
        nullable: column === 'id' ? 'NO' : null,
      });
    }
  }
}

// ---- seed 004: CREATE TABLE statements (unquoted identifiers fold to lower case) --------------
{
  const seed = '004_c704a79166da158a.txt';
  const text = fs.readFileSync(path.join(shared, 'seeds', seed), 'utf8');
  for (const match of text.matchAll(
    /CREATE TABLE ([A-Za-z_]+)\.([A-Za-z_0-9]+) \(([\s\S]*?)\n\)( PARTITION BY [^;]*)?;/g,
  )) {
    const schema = match[1]!.toLowerCase();
    const table = match[2]!.toLowerCase();
    if (/_y\d{4}m\d{2}$/.test(table)) continue; // example partition, created by the platform
    const body = match[3]!;
    const pkColumns = new Set<string>();
    const pk = body.match(/PRIMARY KEY \(([^)]*)\)/);
    if (pk) for (const c of pk[1]!.split(',')) pkColumns.add(c.trim().toLowerCase());
    for (const rawLine of body.split('\n')) {
      const line = rawLine.replace(/--.*$/, '').trim().replace(/,$/, '');
      if (!line || /^(CONSTRAINT|FOREIGN KEY|PRIMARY KEY|UNIQUE|CHECK)\b/i.test(line)) continue;
      const col = line.match(/^([A-Za-z_0-9]+)\s+([A-Z]+(?:\s*\([\d,\s]+\))?(?:\[\])?)(.*)$/);
      if (!col) continue;
      const column = col[1]!.toLowerCase();
      const rest = col[3]!;
      let type = col[2]!.replace(/\s+/g, '').toUpperCase();
      type = type
        .replace(/^VARCHAR\((\d+)\)$/, 'character varying($1)')
        .replace(/^DECIMAL\((\d+),(\d+)\)$/, 'numeric($1,$2)')
        .replace(/^BIGSERIAL$/, 'bigint')
        .replace(/^SERIAL$/, 'integer')
        .replace(/^TEXT\[\]$/, 'text[]')
        .toLowerCase();
      const notNull = /NOT NULL|PRIMARY KEY/i.test(rest) || pkColumns.has(column);
      out.push({ seed, schema, table, column, type, nullable: notNull ? 'NO' : 'YES' });
    }
  }
}

const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../spec/seed-manifest.json');
fs.writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
const tables = new Set(out.map((c) => `${c.schema}.${c.table}`));
const bySeed = new Map<string, Set<string>>();
for (const c of out) (bySeed.get(c.seed) ?? bySeed.set(c.seed, new Set()).get(c.seed)!).add(`${c.schema}.${c.table}`);
console.log(`seed manifest: ${tables.size} tables, ${out.length} columns → ${path.relative(process.cwd(), file)}`);
for (const [seed, set] of bySeed) console.log(`  ${seed}: ${set.size} tables`);
