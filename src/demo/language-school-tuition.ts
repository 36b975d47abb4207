/**
 * The language school's first tuition (seed 002): products, discounts, and the term's first month of tuition
 * invoices in integer cents with the transactions of those paid.
 */
import * as finance from '../domains/finance/tables.js';
import { insertAll } from './bulk.js';
import type { DemoSchool, Person } from './language-school-context.js';

/** Issues the invoices; answers how many. Draws from `rng` in the order the seed always has. */
export async function seedLanguageSchoolTuition(
  { tx, tenantId, organizationId, rng, id, cal }: DemoSchool,
  { students, parents, enrollments }: { students: Person[]; parents: Person[]; enrollments: Person[] },
): Promise<number> {
  const tuition = {
    tenantId,
    id: id(),
    organizationId,
    name: 'Mensalidade',
    description: 'Mensalidade do curso regular',
    price: 450,
    type: 'tuition',
    recurrence: 'monthly',
    isActive: true,
  };
  const material = {
    tenantId,
    id: id(),
    organizationId,
    name: 'Material didático',
    price: 220,
    type: 'material',
    recurrence: 'once',
    isActive: true,
  };
  await insertAll(tx, finance.products, [tuition, material]);
  await insertAll(tx, finance.discounts, [
    {
      tenantId,
      id: id(),
      organizationId,
      name: 'Irmãos',
      type: 'percentage',
      value: 10,
      conditions: { siblings: 2 },
      isActive: true,
    },
    {
      tenantId,
      id: id(),
      organizationId,
      name: 'Pagamento antecipado',
      type: 'fixed',
      value: 25,
      conditions: { daysBeforeDue: 5 },
      isActive: true,
    },
  ]);
  // The term's first month in integer cents, as the billing service issues them (one per enrolment and
  // month, net = gross with no discount), most paid and the rest overdue; the billing step issues the next.
  const tuitionCents = Math.round(tuition.price * 100);
  const invoices = students.flatMap((s, i) =>
    [-2].map((delta) => {
      const paid = rng.chance(0.9);
      const period = cal.month(delta);
      const due = cal.day(delta, 10);
      const method = rng.pick(['pix', 'boleto', 'card'] as const);
      const invoiceId = id();
      const externalId = `gw_${rng.int(100000, 999999)}`;
      // The draws of the second month the demo once issued here, kept: the same seed still gives the same
      // funnel, referrers and referral rewards after it (tests rely on which families get a discount).
      rng.chance(0.4);
      rng.pick(['pix', 'boleto', 'card'] as const);
      id();
      rng.int(100000, 999999);
      return {
        tenantId,
        id: invoiceId,
        organizationId,
        payerId: i % 2 === 0 ? parents[i / 2]!.id : s.id,
        studentId: s.id,
        enrollmentId: enrollments[i]!.id,
        period,
        amount: tuition.price,
        discountAmount: 0,
        grossCents: tuitionCents,
        discountCents: 0,
        feeCents: 0,
        creditCents: 0,
        netCents: tuitionCents,
        paidCents: paid ? tuitionCents : 0,
        dueDate: due,
        paidAt: paid ? new Date(`${due}T15:00:00-03:00`) : null,
        status: paid ? 'paid' : 'overdue',
        paymentMethod: method,
        externalId,
        items: [{ productId: tuition.id, description: tuition.name, amount: tuition.price }],
      };
    }),
  );
  await insertAll(tx, finance.invoices, invoices);
  await insertAll(
    tx,
    finance.transactions,
    invoices
      .filter((v) => v.status === 'paid')
      .map((v) => ({
        tenantId,
        id: id(),
        organizationId,
        invoiceId: v.id,
        amount: v.amount,
        amountCents: v.netCents,
        payerId: v.payerId,
        type: 'income',
        method: v.paymentMethod,
        externalId: v.externalId,
        processedAt: v.paidAt,
      })),
  );
  return invoices.length;
}
