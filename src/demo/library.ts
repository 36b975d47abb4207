/**
 * The demo district's school library: a catalogue of children's classics and loans — some current,
 * some overdue, some returned — so the librarian's desk and the overdue list have something to show.
 * Written directly (the seed runs as the owner), keeping the circulation service's invariant:
 * available copies = copies owned − copies on loan.
 */
import { and, eq } from 'drizzle-orm';
import { checkouts, resources } from '../domains/library/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import type { K12Result } from './k12.js';
import { addDays, isoDate, type Random } from './random.js';

const CATALOGUE: [title: string, author: string, genre: string, copies: number][] = [
  ["Charlotte's Web", 'E. B. White', 'Fiction', 4],
  ['Matilda', 'Roald Dahl', 'Fiction', 3],
  ['The Phantom Tollbooth', 'Norton Juster', 'Fiction', 2],
  ['Wonder', 'R. J. Palacio', 'Fiction', 5],
  ['Hatchet', 'Gary Paulsen', 'Fiction', 3],
  ['A Wrinkle in Time', "Madeleine L'Engle", 'Science fiction', 2],
  ['The Way Things Work Now', 'David Macaulay', 'Non-fiction', 2],
  ['National Geographic Kids Almanac', 'National Geographic Kids', 'Reference', 1],
  ['Holes', 'Louis Sachar', 'Fiction', 3],
  ['Bridge to Terabithia', 'Katherine Paterson', 'Fiction', 2],
];

export async function seedLibrary(tx: Tx, tenantId: string, k12: K12Result, rng: Random, today: Date) {
  const items = await tx
    .insert(resources)
    .values(
      CATALOGUE.map(([title, author, genre, copies], i) => ({
        tenantId,
        title,
        author,
        genre,
        resourceType: 'Book',
        callNumber: `${genre === 'Non-fiction' ? '600' : 'FIC'} ${author.split(' ').pop()!.slice(0, 3).toUpperCase()}`,
        location: `Shelf ${String.fromCharCode(65 + (i % 5))}`,
        totalCopies: copies,
        availableCopies: copies,
        isActive: true,
      })),
    )
    .returning({ resourceId: resources.resourceId, totalCopies: resources.totalCopies });
  const borrowers = rng.sample(k12.students, Math.min(k12.students.length, 12));
  const onLoan = new Map<number, number>();
  const loans = borrowers.map((student, i) => {
    const item = items[i % items.length]!;
    // Every third loan is overdue, every fourth already back; the rest are current.
    const started = addDays(today, i % 3 === 0 ? -30 : -rng.int(1, 10));
    const returned = i % 4 === 3;
    if (!returned) onLoan.set(item.resourceId, (onLoan.get(item.resourceId) ?? 0) + 1);
    return {
      tenantId,
      studentUsi: student.studentUSI,
      resourceId: item.resourceId,
      checkoutDate: isoDate(started),
      dueDate: isoDate(addDays(started, 14)),
      returnDate: returned ? isoDate(addDays(started, 7)) : null,
      checkoutStatus: returned ? 'Returned' : 'Checked Out',
      librarianId: 'demo',
    };
  });
  if (loans.length > 0) await tx.insert(checkouts).values(loans);
  for (const item of items) {
    const out = onLoan.get(item.resourceId) ?? 0;
    if (out > 0) {
      await tx
        .update(resources)
        .set({ availableCopies: (item.totalCopies ?? 0) - out })
        .where(and(eq(resources.tenantId, tenantId), eq(resources.resourceId, item.resourceId)));
    }
  }
  return { libraryItems: items.length, libraryLoans: loans.length };
}
