/**
 * School library (schema `library`, seed 004 §11): the catalogue and its circulation.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, serial, varchar } from 'drizzle-orm/pg-core';
import { librarySchema } from '../../platform/db/pg-schemas.js';
import { checkSql, createdAt, tenantFk, tenantKey, tenantKeys } from '../../platform/db/schema-kit.js';
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
    index('resources_isbn_idx').on(t.tenantId, t.isbn),
  ],
);

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
    // The seed lists no values besides its default: no CHECK.
    checkoutStatus: varchar('checkout_status', { length: 20 }).default('Checked Out'),
    librarianId: varchar('librarian_id', { length: 100 }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('checkouts', t.tenantId, t.checkoutId),
    tenantFk('checkouts_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    // Catalogue entries are withdrawn with is_active; circulation history stays, so RESTRICT.
    tenantFk('checkouts_resource_fkey', [t.tenantId, t.resourceId], [resources.tenantId, resources.resourceId]),
    index('checkouts_student_idx').on(t.tenantId, t.studentUsi),
    index('checkouts_resource_idx').on(t.tenantId, t.resourceId),
  ],
);
