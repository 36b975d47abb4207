/**
 * `schola seed demo` and the first `npm start`: a deterministic demo world, sized by flags —
 * a K-12 district (Ed-Fi + OneRoster, seed 004), live classroom sessions in it (seed 000), and a
 * language school with classes, invoices and a CRM funnel (seed 002). Same seed, same data.
 */
import { seedHealth } from './health.js';
import { seedLibrary } from './library.js';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tenants } from '../platform/tenancy/tables.js';
import type { Database } from '../platform/db/database.js';
import { transaction } from '../platform/db/transaction.js';
import { tenantTransaction } from '../platform/db/tenant-transaction.js';
import { seedDefaultPolicies } from '../platform/auth/default-policies.js';
import { seedClassroom } from './classroom.js';
import { summarizeEndedSessions } from '../domains/classroom/index.js';
import { createAccessControl } from '../platform/auth/access.js';
import { runWork, systemPrincipal } from '../platform/service/work.js';
import { seedK12, type K12Result } from './k12.js';
import { seedK12Daily } from './k12-daily.js';
import { seedFinalGrades, seedK12Gradebooks } from './k12-grades.js';
import { DEMO_ADMIN_EMAIL, DEMO_EMAIL_DOMAIN, seedDemoAccounts, type DemoCredentials } from './accounts.js';
import { seedLanguageSchool } from './language-school.js';
import { seedLanguageSchoolBilling } from './language-school-billing.js';
import { seedLanguageSchoolBooks } from './language-school-books.js';
import { seedDemoNotifications, seedNotificationTemplates } from './notifications.js';
import { seedDemoCompliance } from './compliance.js';
import { Random } from './random.js';
import { timed } from './timed.js';

export interface DemoSize {
  students: number;
  schools: number;
  sectionsPerSchool: number;
  seed: number;
  tenantSlug: string;
  /** Ed-Fi school year (the calendar year the school year ends in). */
  schoolYear: number;
  languageSchoolStudents: number;
  /**
   * The first school's final grades, each school's own catalog (honors and AP courses only at a high
   * school: the GPA, transcript and course screens). Domain tests leave them out: they build their own.
   */
  finalGrades?: boolean;
}

/**
 * The Ed-Fi school year (the calendar year it ends in) whose calendar holds `today` or just ended: the
 * demo's year runs from mid-August to the end of May, so from August on it is the next calendar year's.
 * The demo is built around the current date (today's attendance, the grading period in progress).
 */
export function currentSchoolYear(today: Date = new Date()): number {
  return today.getUTCMonth() >= 7 ? today.getUTCFullYear() + 1 : today.getUTCFullYear();
}

export const DEFAULT_DEMO_SIZE: DemoSize = {
  students: 300,
  schools: 3,
  sectionsPerSchool: 12,
  seed: 42,
  tenantSlug: 'demo-district',
  schoolYear: currentSchoolYear(),
  languageSchoolStudents: 40,
};

export interface DemoSummary {
  districtTenantId: string;
  languageSchoolTenantId: string;
  counts: Record<string, number>;
  /** Demo sign-in accounts of the district (fixed demo password). */
  credentials: DemoCredentials;
  describe(): string;
}

export async function hasAnyTenant(database: Database): Promise<boolean> {
  const rows = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM platform.tenants');
  return (rows[0]?.n ?? 0) > 0;
}

export class DemoTenantExistsError extends Error {}

/** A stable UUID for a demo tenant: the same slug and seed always name the same tenant. */
function tenantUuid(slug: string, seed: number): string {
  const hex = createHash('sha256').update(`schola-demo:${seed}:${slug}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function seedDemo(database: Database, size: DemoSize = DEFAULT_DEMO_SIZE): Promise<DemoSummary> {
  const rng = new Random(size.seed);
  const languageSlug = `${size.tenantSlug}-language-school`.slice(0, 63);
  let k12Result: K12Result | undefined;
  const seeded = await transaction(database, async ({ tx }) => {
    for (const slug of [size.tenantSlug, languageSlug]) {
      const existing = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
      if (existing.length > 0)
        throw new DemoTenantExistsError(`A tenant with slug "${slug}" already exists; choose another with --tenant.`);
    }
    const [district] = await tx
      .insert(tenants)
      .values({
        id: tenantUuid(size.tenantSlug, size.seed),
        slug: size.tenantSlug,
        name: 'Schola Demo Independent School District',
        kind: 'district',
      })
      .returning({ id: tenants.id });
    const k12 = await timed('k12', () => seedK12(tx, district!.id, size, rng));
    k12Result = k12;
    const classroom = await timed('classroom', () => seedClassroom(tx, district!.id, k12, rng));
    const library = await timed('library', () => seedLibrary(tx, district!.id, k12, rng, new Date()));
    const health = await timed('health', () => seedHealth(tx, district!.id, k12, size.seed, new Date()));
    const daily = await timed('k12 daily', () =>
      seedK12Daily(tx, district!.id, k12, size.seed, new Date().toISOString().slice(0, 10)),
    );
    const gradebooks = await timed('gradebooks', () =>
      seedK12Gradebooks(tx, district!.id, size.seed, new Date().toISOString().slice(0, 10)),
    );
    const [school] = await tx
      .insert(tenants)
      .values({
        id: tenantUuid(languageSlug, size.seed),
        slug: languageSlug,
        name: 'Escola de Idiomas Horizonte',
        kind: 'language_school',
      })
      .returning({ id: tenants.id });
    const language = await timed('language school', () =>
      seedLanguageSchool(tx, school!.id, size.languageSchoolStudents, rng),
    );
    const counts: Record<string, number> = {
      ...k12.counts,
      ...classroom,
      ...library,
      ...health,
      ...daily,
      ...gradebooks,
      ...language,
    };
    return {
      districtTenantId: district!.id,
      languageSchoolTenantId: school!.id,
      counts,
      describe: () =>
        `district "${size.tenantSlug}" with ${counts.schools} schools, ${counts.students} students, ` +
        `${counts.staff} staff, ${counts.sections} sections, ${counts.classroomSessions} live classroom sessions; ` +
        `language school "${languageSlug}" with ${counts.languageStudents} students, ` +
        `${counts.languageClasses} classes, ${counts.invoices} invoices, ${counts.leads} leads`,
    };
  });
  // Accounts go through the identity service (its own tenant-confined units of work), after the
  // district's people exist.
  for (const tenantId of [seeded.districtTenantId, seeded.languageSchoolTenantId]) {
    await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  }
  // The language school's books go through the finance services (balanced by construction).
  await timed('books', () => seedLanguageSchoolBooks(database, seeded.languageSchoolTenantId));
  // Its invoices in cents, a few paid, the rest pending or overdue, through the billing service.
  await timed('billing', () => seedLanguageSchoolBilling(database, seeded.languageSchoolTenantId));
  const credentials = await timed('accounts', () =>
    seedDemoAccounts(database, seeded.districtTenantId, k12Result!, seeded.languageSchoolTenantId),
  );
  // The ended live sessions get their stored summary, as if the classroom service had ended them.
  await runWork(
    { database, access: createAccessControl() },
    systemPrincipal(seeded.districtTenantId, 'demo'),
    {},
    summarizeEndedSessions,
  );
  for (const tenantId of [seeded.districtTenantId, seeded.languageSchoolTenantId])
    await seedNotificationTemplates(database, tenantId);
  const child = k12Result!.students[0]!;
  await seedDemoNotifications(database, seeded.districtTenantId, credentials.accounts, {
    firstName: child.firstName,
    lastSurname: child.lastName,
  });
  // Retention policies with due data, a legal hold and pending records requests (the Compliance screens).
  const accountOf = (email: string) => credentials.accounts.find((a) => a.email === email)!.accountId;
  await timed('compliance', () =>
    seedDemoCompliance(database, seeded.districtTenantId, k12Result!, {
      adminAccountId: accountOf(DEMO_ADMIN_EMAIL),
      parentAccountId: accountOf(`parent@${DEMO_EMAIL_DOMAIN}`),
      childUsi: child.studentUSI,
    }),
  );
  // Every school's final grades (and so course transcripts and GPAs) through the grades service, after
  // the high schools' honors and AP courses got their levels (refused where there are no grades 9–12).
  if (size.finalGrades !== false) await timed('final grades', () => seedFinalGrades(database, seeded.districtTenantId));
  // Fresh statistics for everything just written: PGlite runs no autovacuum, so without this its
  // planner sees empty tables and picks nested loops (the section attendance rates took 97 s).
  await timed('analyze', () => database.exec('ANALYZE'));
  return {
    ...seeded,
    credentials,
    describe: () =>
      `${seeded.describe()}; ${credentials.accounts.length} demo accounts ` +
      `(e.g. ${DEMO_ADMIN_EMAIL}, password "${credentials.password}")`,
  };
}
