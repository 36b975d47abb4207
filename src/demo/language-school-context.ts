/** What the language school's seeding steps share: the transaction, tenant, organization and draws. */
import type { Tx } from '../platform/db/transaction.js';
import type { languageSchoolCalendar } from './language-school-dates.js';
import type { Random } from './random.js';

export interface DemoSchool {
  tx: Tx;
  tenantId: string;
  organizationId: string;
  rng: Random;
  /** The next row id (a fixed clock: the same seed names the same rows). */
  id: () => string;
  cal: ReturnType<typeof languageSchoolCalendar>;
}

export interface Person {
  id: string;
}
