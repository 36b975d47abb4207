/**
 * Finance — accounting: Brazilian fiscal documents (NF-e, NFS-e…) and the tax withholdings reported in
 * DIRF. Amounts are integer cents (bigint).
 */
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  centsColumn,
  checkIn,
  checkNonNegative,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { organizations } from '../../core/tables.js';
import { invoices } from './billing.js';
import { staffPayroll } from './payroll.js';

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
