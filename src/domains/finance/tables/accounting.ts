/**
 * Finance — accounting (Brazilian "Lucro Real"): chart of accounts, cost centers, double-entry
 * journal, fiscal documents (NF-e, NFS-e…) and tax withholdings for DIRF. Amounts are integer
 * cents (bigint); currency BRL by default.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  centsColumn,
  checkIn,
  checkNonNegative,
  checkRange,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';
import { invoices } from './billing.js';
import { staffPayroll } from './payroll.js';

/** Plano de contas: hierarchical accounts (code e.g. 1.1.01.001); only leaf accounts allow posting. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §chart_of_accounts
export const chartOfAccounts = financeSchema.table(
  'chart_of_accounts',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    code: text('code').notNull(),
    name: text('name'),
    description: text('description'),
    accountType: text('account_type'),
    nature: text('nature'),
    classification: text('classification'),
    parentId: text('parent_id'),
    level: integer('level').default(1),
    allowsPosting: boolean('allows_posting').default(true),
    isSystem: boolean('is_system').default(false),
    isActive: boolean('is_active').default(true),
    cofinsApplicable: boolean('cofins_applicable').default(false),
    pisApplicable: boolean('pis_applicable').default(false),
    csllApplicable: boolean('csll_applicable').default(false),
    irpjApplicable: boolean('irpj_applicable').default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('chart_of_accounts', t.tenantId, t.id),
    tenantUnique('chart_of_accounts_code_key', t.tenantId, t.organizationId, t.code),
    tenantFk(
      'chart_of_accounts_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('chart_of_accounts_parent_fkey', [t.tenantId, t.parentId], [t.tenantId, t.id]),
    checkIn('chart_of_accounts_account_type_check', t.accountType, [
      'asset',
      'liability',
      'equity',
      'revenue',
      'expense',
    ]),
    checkIn('chart_of_accounts_nature_check', t.nature, ['debit', 'credit']),
    checkIn('chart_of_accounts_classification_check', t.classification, [
      'circulante',
      'nao_circulante',
      'resultado',
      'patrimonio_liquido',
      'custos',
      'despesas_operacionais',
    ]),
    checkSql('chart_of_accounts_level_check', sql`${bare(t.level)} >= 1`),
    index('chart_of_accounts_parent_idx').on(t.tenantId, t.parentId),
  ],
);

/** Centros de custo: hierarchical department/project/unit/branch budgets. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §cost_centers
export const costCenters = financeSchema.table(
  'cost_centers',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    code: text('code').notNull(),
    name: text('name'),
    description: text('description'),
    parentId: text('parent_id'),
    level: integer('level').default(1),
    centerType: text('center_type'),
    managerId: text('manager_id'),
    annualBudgetCents: centsColumn('annual_budget_cents'),
    monthlyBudgetCents: centsColumn('monthly_budget_cents'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('cost_centers', t.tenantId, t.id),
    tenantUnique('cost_centers_code_key', t.tenantId, t.organizationId, t.code),
    tenantFk(
      'cost_centers_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('cost_centers_parent_fkey', [t.tenantId, t.parentId], [t.tenantId, t.id]),
    tenantFk('cost_centers_manager_fkey', [t.tenantId, t.managerId], [users.tenantId, users.id]),
    checkIn('cost_centers_center_type_check', t.centerType, ['department', 'project', 'unit', 'branch']),
    checkSql('cost_centers_level_check', sql`${bare(t.level)} >= 1`),
    checkNonNegative('cost_centers_annual_budget_check', t.annualBudgetCents),
    checkNonNegative('cost_centers_monthly_budget_check', t.monthlyBudgetCents),
    index('cost_centers_parent_idx').on(t.tenantId, t.parentId),
    index('cost_centers_manager_idx').on(t.tenantId, t.managerId),
  ],
);

/** Double-entry journal header; numbered per fiscal period; posted entries are reversed, never edited. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §journal_entries
export const journalEntries = financeSchema.table(
  'journal_entries',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    // Assigned when the entry is posted (drafts have none): gapless per organisation.
    entryNumber: integer('entry_number'),
    referenceDate: date('reference_date'),
    postingDate: date('posting_date'),
    fiscalYear: integer('fiscal_year').notNull(),
    fiscalMonth: integer('fiscal_month').notNull(),
    description: text('description'),
    memo: text('memo'),
    sourceType: text('source_type'),
    // Polymorphic (payroll, invoice, payable…) per source_type: no foreign key.
    sourceId: text('source_id'),
    // Automatic postings (ledger/postings.ts): the money event's kind and source table; with source_id
    // they identify the event, so posting it twice returns the first entry.
    eventKind: text('event_kind'),
    sourceTable: text('source_table'),
    status: text('status').default('draft'),
    isReversal: boolean('is_reversal').default(false),
    reversesEntryId: text('reverses_entry_id'),
    reversedByEntryId: text('reversed_by_entry_id'),
    createdBy: text('created_by'),
    postedBy: text('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('journal_entries', t.tenantId, t.id),
    tenantUnique(
      'journal_entries_number_key',
      t.tenantId,
      t.organizationId,
      t.fiscalYear,
      t.fiscalMonth,
      t.entryNumber,
    ),
    tenantFk(
      'journal_entries_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('journal_entries_reverses_fkey', [t.tenantId, t.reversesEntryId], [t.tenantId, t.id]),
    tenantFk('journal_entries_reversed_by_fkey', [t.tenantId, t.reversedByEntryId], [t.tenantId, t.id]),
    tenantFk('journal_entries_created_by_fkey', [t.tenantId, t.createdBy], [users.tenantId, users.id]),
    tenantFk('journal_entries_posted_by_fkey', [t.tenantId, t.postedBy], [users.tenantId, users.id]),
    checkRange('journal_entries_fiscal_month_check', t.fiscalMonth, 1, 12),
    checkSql('journal_entries_entry_number_check', sql`${bare(t.entryNumber)} >= 1`),
    checkSql(
      'journal_entries_numbered_check',
      sql`${bare(t.status)} IN ('draft', 'cancelled') OR ${bare(t.entryNumber)} IS NOT NULL`,
    ),
    uniqueIndex('journal_entries_org_number_key')
      .on(t.tenantId, t.organizationId, t.entryNumber)
      .where(sql`${bare(t.entryNumber)} IS NOT NULL`),
    uniqueIndex('journal_entries_event_key')
      .on(t.tenantId, t.organizationId, t.eventKind, t.sourceTable, t.sourceId)
      .where(sql`${bare(t.eventKind)} IS NOT NULL`),
    checkIn('journal_entries_source_type_check', t.sourceType, [
      'payroll',
      'invoice',
      'payable',
      'manual',
      'adjustment',
      'closing',
    ]),
    checkIn('journal_entries_status_check', t.status, ['draft', 'posted', 'reversed', 'cancelled']),
    index('journal_entries_source_idx').on(t.tenantId, t.sourceType, t.sourceId),
    index('journal_entries_reverses_idx').on(t.tenantId, t.reversesEntryId),
    index('journal_entries_reversed_by_idx').on(t.tenantId, t.reversedByEntryId),
    index('journal_entries_created_by_idx').on(t.tenantId, t.createdBy),
    index('journal_entries_posted_by_idx').on(t.tenantId, t.postedBy),
  ],
);

/** Debit/credit lines of a journal entry; per entry, debits equal credits (enforced by the app). */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §journal_entry_lines
export const journalEntryLines = financeSchema.table(
  'journal_entry_lines',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    entryId: text('entry_id').notNull(),
    accountId: text('account_id').notNull(),
    costCenterId: text('cost_center_id'),
    amountCents: centsColumn('amount_cents'),
    currency: varchar('currency', { length: 3 }).default('BRL'),
    entryType: text('entry_type'),
    description: text('description'),
    taxCode: text('tax_code'),
    taxAmountCents: centsColumn('tax_amount_cents'),
    documentNumber: text('document_number'),
    documentDate: date('document_date'),
    lineNumber: integer('line_number').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('journal_entry_lines', t.tenantId, t.id),
    tenantUnique('journal_entry_lines_line_key', t.tenantId, t.entryId, t.lineNumber),
    // cascade: a line is part of its entry (only draft entries are ever deleted).
    tenantFk(
      'journal_entry_lines_entry_fkey',
      [t.tenantId, t.entryId],
      [journalEntries.tenantId, journalEntries.id],
      'cascade',
    ),
    tenantFk(
      'journal_entry_lines_account_fkey',
      [t.tenantId, t.accountId],
      [chartOfAccounts.tenantId, chartOfAccounts.id],
    ),
    tenantFk(
      'journal_entry_lines_cost_center_fkey',
      [t.tenantId, t.costCenterId],
      [costCenters.tenantId, costCenters.id],
    ),
    checkIn('journal_entry_lines_entry_type_check', t.entryType, ['debit', 'credit']),
    // The side is carried by entry_type; the amount is a magnitude.
    checkNonNegative('journal_entry_lines_amount_check', t.amountCents),
    checkNonNegative('journal_entry_lines_tax_amount_check', t.taxAmountCents),
    checkSql('journal_entry_lines_line_number_check', sql`${bare(t.lineNumber)} >= 1`),
    index('journal_entry_lines_account_idx').on(t.tenantId, t.accountId),
    index('journal_entry_lines_cost_center_idx').on(t.tenantId, t.costCenterId),
  ],
);

/** Brazilian fiscal documents (NF-e, NFS-e, CT-e, NFC-e, SPED) with their taxes and withholdings. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §fiscal_documents
export const fiscalDocuments = financeSchema.table(
  'fiscal_documents',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    documentType: text('document_type'),
    documentNumber: text('document_number'),
    series: text('series'),
    accessKey: varchar('access_key', { length: 44 }),
    verificationCode: text('verification_code'),
    issueDate: date('issue_date'),
    competenceDate: date('competence_date'),
    // issuer/recipient may be the school, a user or an outside party: identified by document, no FK.
    issuerId: text('issuer_id'),
    issuerDocument: text('issuer_document'),
    issuerName: text('issuer_name'),
    recipientId: text('recipient_id'),
    recipientDocument: text('recipient_document'),
    recipientName: text('recipient_name'),
    totalAmountCents: centsColumn('total_amount_cents'),
    netAmountCents: centsColumn('net_amount_cents'),
    issAmountCents: centsColumn('iss_amount_cents'),
    issRate: doublePrecision('iss_rate'),
    pisAmountCents: centsColumn('pis_amount_cents'),
    cofinsAmountCents: centsColumn('cofins_amount_cents'),
    irAmountCents: centsColumn('ir_amount_cents'),
    csllAmountCents: centsColumn('csll_amount_cents'),
    inssAmountCents: centsColumn('inss_amount_cents'),
    issWithheld: boolean('iss_withheld').default(false),
    irWithheld: boolean('ir_withheld').default(false),
    pisWithheld: boolean('pis_withheld').default(false),
    cofinsWithheld: boolean('cofins_withheld').default(false),
    csllWithheld: boolean('csll_withheld').default(false),
    inssWithheld: boolean('inss_withheld').default(false),
    serviceCode: text('service_code'),
    serviceDescription: text('service_description'),
    cityServiceCode: text('city_service_code'),
    status: text('status').default('draft'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    externalId: text('external_id'),
    xmlUrl: text('xml_url'),
    pdfUrl: text('pdf_url'),
    invoiceId: text('invoice_id'),
    // No payables table exists in the seeds: kept as a plain id.
    payableId: text('payable_id'),
    payrollId: text('payroll_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('fiscal_documents', t.tenantId, t.id),
    tenantFk(
      'fiscal_documents_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('fiscal_documents_invoice_fkey', [t.tenantId, t.invoiceId], [invoices.tenantId, invoices.id]),
    tenantFk('fiscal_documents_payroll_fkey', [t.tenantId, t.payrollId], [staffPayroll.tenantId, staffPayroll.id]),
    checkIn('fiscal_documents_document_type_check', t.documentType, ['nfe', 'nfse', 'cte', 'nfce', 'sped']),
    checkIn('fiscal_documents_status_check', t.status, ['draft', 'pending', 'authorized', 'rejected', 'cancelled']),
    checkSql('fiscal_documents_access_key_check', sql`${bare(t.accessKey)} ~ '^[0-9]{44}$'`),
    checkNonNegative('fiscal_documents_total_amount_check', t.totalAmountCents),
    checkNonNegative('fiscal_documents_net_amount_check', t.netAmountCents),
    checkNonNegative('fiscal_documents_iss_amount_check', t.issAmountCents),
    checkNonNegative('fiscal_documents_iss_rate_check', t.issRate),
    checkNonNegative('fiscal_documents_pis_amount_check', t.pisAmountCents),
    checkNonNegative('fiscal_documents_cofins_amount_check', t.cofinsAmountCents),
    checkNonNegative('fiscal_documents_ir_amount_check', t.irAmountCents),
    checkNonNegative('fiscal_documents_csll_amount_check', t.csllAmountCents),
    checkNonNegative('fiscal_documents_inss_amount_check', t.inssAmountCents),
    // A number is used once per issuer, model and series (a cancelled document keeps it); a key is unique.
    uniqueIndex('fiscal_documents_number_key')
      .on(t.tenantId, t.organizationId, t.documentType, t.series, t.documentNumber)
      .where(sql`${bare(t.documentNumber)} IS NOT NULL`),
    uniqueIndex('fiscal_documents_access_key_key')
      .on(t.tenantId, t.accessKey)
      .where(sql`${bare(t.accessKey)} IS NOT NULL`),
    // An invoice has one live document of a type: issuing it again returns that one.
    uniqueIndex('fiscal_documents_invoice_key')
      .on(t.tenantId, t.invoiceId, t.documentType)
      .where(sql`${bare(t.invoiceId)} IS NOT NULL AND ${bare(t.status)} <> 'cancelled'`),
    index('fiscal_documents_organization_idx').on(t.tenantId, t.organizationId),
    index('fiscal_documents_invoice_idx').on(t.tenantId, t.invoiceId),
    index('fiscal_documents_payroll_idx').on(t.tenantId, t.payrollId),
  ],
);

/** Taxes withheld (IRRF, PIS, COFINS, CSLL, INSS, ISS) and their DARF/GPS payment, for DIRF reporting. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §tax_withholdings
export const taxWithholdings = financeSchema.table(
  'tax_withholdings',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    // Nullable: payroll withholdings (INSS, IRRF on salaries) have no fiscal document.
    fiscalDocumentId: text('fiscal_document_id'),
    taxType: text('tax_type'),
    baseAmountCents: centsColumn('base_amount_cents'),
    rate: doublePrecision('rate'),
    amountCents: centsColumn('amount_cents'),
    dueDate: date('due_date'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    status: text('status').default('pending'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    beneficiaryDocument: text('beneficiary_document'),
    beneficiaryName: text('beneficiary_name'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('tax_withholdings', t.tenantId, t.id),
    tenantFk(
      'tax_withholdings_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk(
      'tax_withholdings_fiscal_document_fkey',
      [t.tenantId, t.fiscalDocumentId],
      [fiscalDocuments.tenantId, fiscalDocuments.id],
    ),
    checkIn('tax_withholdings_tax_type_check', t.taxType, ['irrf', 'pis', 'cofins', 'csll', 'inss', 'iss']),
    checkIn('tax_withholdings_status_check', t.status, ['pending', 'paid', 'cancelled']),
    checkNonNegative('tax_withholdings_base_amount_check', t.baseAmountCents),
    checkNonNegative('tax_withholdings_rate_check', t.rate),
    checkNonNegative('tax_withholdings_amount_check', t.amountCents),
    checkSql('tax_withholdings_period_check', sql`${bare(t.periodEnd)} >= ${bare(t.periodStart)}`),
    index('tax_withholdings_organization_idx').on(t.tenantId, t.organizationId),
    index('tax_withholdings_fiscal_document_idx').on(t.tenantId, t.fiscalDocumentId),
  ],
);
