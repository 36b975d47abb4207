/**
 * What the library's operations accept and answer (zod): the route validation, the OpenAPI
 * document and the web app's forms all use these. No server-only imports here.
 */
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const id = (what: string) =>
  z.coerce
    .number({ message: `must be a ${what} id` })
    .int()
    .positive()
    .max(2147483647);

/** Lending rules a school may tune; these are the defaults the service applies. */
export const LENDING_RULES = {
  /** Days a loan lasts, and what a renewal adds (counted from the renewal day). */
  loanDays: 14,
  /** Items one student may have on loan at once. */
  maxActiveLoans: 5,
  /** Renewals per loan. */
  maxRenewals: 2,
} as const;

export const checkOutInput = z.strictObject({
  resourceId: id('library resource'),
  studentUsi: id('student'),
  /** Defaults to the loan period from today; never before today. */
  dueDate: isoDate.optional(),
});
export type CheckOutInput = z.input<typeof checkOutInput>;

export const checkoutParams = z.strictObject({ checkoutId: id('checkout') });

export const overdueQuery = z.strictObject({
  /** The day loans are judged against (default today). */
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const addResourceInput = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(500),
  author: z.string().trim().max(500).optional(),
  isbn: z
    .string()
    .trim()
    .regex(/^(97[89])?\d{9}[\dX]$/, 'must be an ISBN-10 or ISBN-13 without hyphens')
    .optional(),
  publisher: z.string().trim().max(200).optional(),
  publicationYear: z.number().int().min(1000).max(2100).optional(),
  genre: z.string().trim().max(100).optional(),
  resourceType: z.string().trim().max(50).optional(),
  callNumber: z.string().trim().max(50).optional(),
  location: z.string().trim().max(100).optional(),
  copies: z.number().int().min(1).max(100_000).default(1),
});
export type AddResourceInput = z.input<typeof addResourceInput>;

export const resourceParams = z.strictObject({ resourceId: id('library resource') });

export const updateResourceInput = z
  .strictObject({
    /** Copies owned; never fewer than those on loan. */
    totalCopies: z.number().int().min(0).max(100_000).optional(),
    /** false withdraws the item from circulation (loans in progress run to their end). */
    isActive: z.boolean().optional(),
    location: z.string().trim().max(100).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'name at least one field to change' });

export const checkoutView = z.object({
  checkoutId: z.number(),
  resourceId: z.number(),
  studentUsi: z.number(),
  checkoutDate: z.string(),
  dueDate: z.string(),
  returnDate: z.string().nullable(),
  renewalCount: z.number(),
  status: z.string(),
  librarianId: z.string().nullable(),
});
export type CheckoutView = z.infer<typeof checkoutView>;

export const resourceView = z.object({
  resourceId: z.number(),
  title: z.string(),
  author: z.string().nullable(),
  isbn: z.string().nullable(),
  totalCopies: z.number(),
  availableCopies: z.number(),
  isActive: z.boolean(),
});
export type ResourceView = z.infer<typeof resourceView>;

export const overdueView = z.object({
  asOf: z.string(),
  loans: z.array(checkoutView.extend({ title: z.string(), daysOverdue: z.number() })),
});
