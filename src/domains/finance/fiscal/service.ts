/**
 * Fiscal documents written through the service carry a valid access key: an NF-e/NFC-e gets its
 * 44-digit key built from its parts (nfe-key.ts), or the key given is checked digit by digit.
 * A document for an invoice needs the invoice paid, for its net; an invoice has one live document of
 * a type, so issuing it again returns that one (under the invoice's row lock). A number is used once per
 * issuer, model and series: checked under a lock on the series, backed by unique indexes.
 */
import { randomInt } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { resolveOrganization } from '../ledger/service.js';
import { fiscalDocuments, invoices } from '../tables.js';
import { fiscalErrors } from './errors.js';
import { buildNfeKey, isValidCnpj, nfeKeyProblem, UF_CODES } from './nfe-key.js';

export const issueFiscalDocumentInput = z.strictObject({
  organizationId: z.string().min(1).max(64).optional(),
  documentType: z.enum(['nfe', 'nfce']).default('nfe'),
  /** IBGE code of the issuer's state (35 = São Paulo). */
  cUF: z
    .number()
    .int()
    .refine((n) => (UF_CODES as readonly number[]).includes(n), 'must be an IBGE state code'),
  series: z.number().int().min(0).max(999),
  number: z.number().int().min(1).max(999_999_999),
  issueDate: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }),
  issuerCnpj: z
    .string()
    .transform((s) => s.replace(/\D/g, ''))
    .refine(isValidCnpj, 'must be a valid CNPJ'),
  issuerName: z.string().trim().min(1).max(200),
  recipientDocument: z.string().trim().max(20).optional(),
  recipientName: z.string().trim().max(200).optional(),
  totalAmountCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  serviceDescription: z.string().trim().max(1000).optional(),
  invoiceId: z.string().min(1).max(64).optional(),
  /** A key issued elsewhere: checked (length, state, month, CNPJ, model, check digit), not rebuilt. */
  accessKey: z
    .string()
    .superRefine((k, ctx) => {
      const problem = nfeKeyProblem(k);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
});
export type IssueFiscalDocumentInput = z.input<typeof issueFiscalDocumentInput>;

export const fiscalDocumentView = z.object({
  id: z.string(),
  documentType: z.string(),
  series: z.string(),
  documentNumber: z.string(),
  accessKey: z.string(),
  issueDate: z.string(),
  totalAmountCents: z.number().int(),
  status: z.string(),
});

type FiscalRow = typeof fiscalDocuments.$inferSelect;
type FiscalDocumentView = z.infer<typeof fiscalDocumentView>;

const viewOf = (row: FiscalRow): FiscalDocumentView => ({
  id: row.id,
  documentType: row.documentType!,
  series: row.series!,
  documentNumber: row.documentNumber!,
  accessKey: row.accessKey!,
  issueDate: row.issueDate!,
  totalAmountCents: row.totalAmountCents ?? 0,
  status: row.status ?? 'pending',
});

/** The paid invoice a document is for, locked; or the document already issued for it. */
async function invoiceFacts(work: Work, invoiceId: string, organizationId: string, documentType: string) {
  const [invoice] = await work.tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, invoiceId)))
    .for('update');
  if (!invoice || invoice.organizationId !== organizationId)
    throw new AppError('not_found', `No invoice ${invoiceId}.`);
  const [existing] = await work.tx
    .select()
    .from(fiscalDocuments)
    .where(
      and(
        eq(fiscalDocuments.tenantId, work.tenantId),
        eq(fiscalDocuments.invoiceId, invoiceId),
        eq(fiscalDocuments.documentType, documentType),
        ne(fiscalDocuments.status, 'cancelled'),
      ),
    );
  if (existing) return { invoice, existing };
  if (invoice.status !== 'paid' || invoice.netCents === null)
    throw fiscalErrors.invoice_not_paid(
      `Invoice ${invoiceId} is ${invoice.status}: only a paid invoice gets a fiscal document.`,
    );
  return { invoice, existing: undefined };
}

export async function issueFiscalDocument(work: Work, input: IssueFiscalDocumentInput): Promise<FiscalDocumentView> {
  const data = parseInput(issueFiscalDocumentInput, input);
  await work.authorize(fiscalDocuments, 'write');
  const organizationId = await resolveOrganization(work, data.organizationId);
  if (data.invoiceId) {
    const facts = await invoiceFacts(work, data.invoiceId, organizationId, data.documentType);
    // A repeat must describe the same invoice total; only then is it the document already issued.
    if (facts.invoice.netCents !== data.totalAmountCents)
      throw AppError.validation({ totalAmountCents: [`must be the invoice's total, ${facts.invoice.netCents}`] });
    if (facts.existing) return viewOf(facts.existing);
  }
  const model = data.documentType === 'nfce' ? 65 : 55;
  const accessKey =
    data.accessKey ??
    buildNfeKey({
      cUF: data.cUF,
      issuedOn: data.issueDate,
      cnpj: data.issuerCnpj,
      model,
      series: data.series,
      number: data.number,
      numericCode: randomInt(0, 100_000_000),
    });
  if (data.accessKey) {
    // A given key must describe this document.
    const yymm = `${data.issueDate.slice(2, 4)}${data.issueDate.slice(5, 7)}`;
    const expected = `${String(data.cUF).padStart(2, '0')}${yymm}${data.issuerCnpj}${model}`;
    const tail = `${String(data.series).padStart(3, '0')}${String(data.number).padStart(9, '0')}`;
    if (!accessKey.startsWith(expected) || accessKey.slice(22, 34) !== tail)
      throw AppError.validation({ accessKey: ['does not match the state, date, CNPJ, model, series and number'] });
  }
  // One number per issuer, model and series: serialise the series, then check.
  const seriesLock = `fiscal:${work.tenantId}:${organizationId}:${model}:${data.series}`;
  await work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${seriesLock}, 0))`);
  const [taken] = await work.tx
    .select({ id: fiscalDocuments.id })
    .from(fiscalDocuments)
    .where(
      and(
        eq(fiscalDocuments.tenantId, work.tenantId),
        eq(fiscalDocuments.organizationId, organizationId),
        eq(fiscalDocuments.documentType, data.documentType),
        eq(fiscalDocuments.series, String(data.series)),
        eq(fiscalDocuments.documentNumber, String(data.number)),
      ),
    );
  if (taken)
    throw fiscalErrors.fiscal_number_taken(`${data.documentType} ${data.series}/${data.number} is already issued.`);
  const [row] = await work.tx
    .insert(fiscalDocuments)
    .values({
      tenantId: work.tenantId,
      id: ulid(),
      organizationId,
      documentType: data.documentType,
      documentNumber: String(data.number),
      series: String(data.series),
      accessKey,
      issueDate: data.issueDate,
      competenceDate: data.issueDate,
      issuerDocument: data.issuerCnpj,
      issuerName: data.issuerName,
      recipientDocument: data.recipientDocument ?? null,
      recipientName: data.recipientName ?? null,
      totalAmountCents: data.totalAmountCents,
      netAmountCents: data.totalAmountCents,
      serviceDescription: data.serviceDescription ?? null,
      invoiceId: data.invoiceId ?? null,
      status: 'pending',
    })
    .returning();
  const view = viewOf(row!);
  await work.audit({ table: fiscalDocuments, recordId: view.id, operation: 'INSERT', newValues: view });
  return view;
}
