/**
 * School library (schema `library`, seed 004 §11): the catalogue and its circulation. Written only
 * through the library service (service.ts), which keeps `available_copies` equal to the copies owned
 * minus those out on loan.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, serial, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { librarySchema } from '../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkRange,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
} from '../../platform/db/schema-kit.js';
import { student } from '../edfi/tables.js';

/** Books and other materials. */
// seed: 004_c704a79166da158a.txt §11 library
export const resources = librarySchema.table(
  'resources',
  {
    tenantId: tenantKey(),
    resourceId: serial('resource_id').notNull(),
    isbn: varchar('isbn', { length: 20 }),
    title: varchar('title', { length: 500 }).notNull(),
    author: varchar('author', { length: 500 }),
    publisher: varchar('publisher', { length: 200 }),
    publicationYear: integer('publication_year'),
    genre: varchar('genre', { length: 100 }),
    resourceType: varchar('resource_type', { length: 50 }),
    callNumber: varchar('call_number', { length: 50 }),
    location: varchar('location', { length: 100 }),
    totalCopies: integer('total_copies').default(1),
    availableCopies: integer('available_copies').default(1),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('resources', t.tenantId, t.resourceId),
    checkSql('resources_available_copies_check', sql`"available_copies" BETWEEN 0 AND "total_copies"`),
    checkRange('resources_total_copies_check', t.totalCopies, 0, 100_000),
    checkRange('resources_publication_year_check', t.publicationYear, 1000, 2100),
    index('resources_isbn_idx').on(t.tenantId, t.isbn),
  ],
);

/** A loan's state: on loan (Checked Out, or Overdue once past due), back (Returned), or Lost. */
export const CHECKOUT_STATUSES = ['Checked Out', 'Overdue', 'Returned', 'Lost'] as const;

/** Circulation records (a student borrowing a resource). */
// seed: 004_c704a79166da158a.txt §11 library
export const checkouts = librarySchema.table(
  'checkouts',
  {
    tenantId: tenantKey(),
    checkoutId: bigserial('checkout_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    resourceId: integer('resource_id').notNull(),
    checkoutDate: date('checkout_date').notNull(),
    dueDate: date('due_date').notNull(),
    returnDate: date('return_date'),
    renewalCount: integer('renewal_count').default(0),
    // The seed gives only the default; the circulation service uses this closed list.
    checkoutStatus: varchar('checkout_status', { length: 20 }).default('Checked Out'),
    librarianId: varchar('librarian_id', { length: 100 }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('checkouts', t.tenantId, t.checkoutId),
    tenantFk('checkouts_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    // Catalogue entries are withdrawn with is_active; circulation history stays, so RESTRICT.
    tenantFk('checkouts_resource_fkey', [t.tenantId, t.resourceId], [resources.tenantId, resources.resourceId]),
    checkIn('checkouts_status_check', t.checkoutStatus, CHECKOUT_STATUSES),
    checkRange('checkouts_renewal_count_check', t.renewalCount, 0, 100),
    checkSql('checkouts_due_date_check', sql`"due_date" >= "checkout_date"`),
    checkSql('checkouts_return_date_check', sql`"return_date" IS NULL OR "return_date" >= "checkout_date"`),
    // A returned item has its return date, and only a returned one.
    checkSql('checkouts_returned_check', sql`("checkout_status" = 'Returned') = ("return_date" IS NOT NULL)`),
    // One copy of a title per student at a time (the service checks it first, to say so clearly).
    uniqueIndex('checkouts_one_loan_per_title_key')
      .on(t.tenantId, t.studentUsi, t.resourceId)
      .where(sql`"checkout_status" IN ('Checked Out', 'Overdue')`),
    index('checkouts_student_idx').on(t.tenantId, t.studentUsi),
    index('checkouts_resource_idx').on(t.tenantId, t.resourceId),
  ],
);
