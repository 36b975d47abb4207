/**
 * The audit trail searched by student in Chromium (headless, playwright-core) against a real server
 * with the demo: the district administrator picks a student by name (typeahead) and sees the rows
 * about that student's records — here a read of their allergy — and not another student's; the auditor
 * does the same (the default policies let an auditor read the student directory to pick a student, each
 * such read audited). axe-core and a screenshot under .tmp/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { demoSuite, demoEmail, DESKTOP, DISTRICT, idleCheckpoint, openFromMenu } from '../support/browser.js';

const suite = demoSuite('district', { jobs: false });
const { signIn } = suite;

interface Student {
  usi: number;
  name: string;
  allergyId: string;
}

/** Two students, each with an allergy the administrator has read (an audited read of health data). */
async function readAllergies(): Promise<[Student, Student]> {
  const [tenant] = await suite.world.database.query<{ id: string }>('SELECT id FROM platform.tenants WHERE slug = $1', [
    DISTRICT,
  ]);
  const students = await suite.world.database.query<{ usi: number; name: string }>(
    `SELECT studentusi AS usi, firstname || ' ' || lastsurname AS name FROM edfi.student
      WHERE tenant_id = $1 ORDER BY lastsurname, firstname LIMIT 2`,
    [tenant!.id],
  );
  const signedIn = await suite.world.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { tenant: DISTRICT, email: demoEmail('admin'), password: DEMO_PASSWORD },
  });
  const out: Student[] = [];
  for (const [i, s] of students.entries()) {
    const [allergy] = await suite.world.database.query<{ id: string }>(
      `INSERT INTO health.allergies (tenant_id, student_usi, allergen_name, severity)
       VALUES ($1, $2, $3, 'severe') RETURNING allergy_id::text AS id`,
      [tenant!.id, s.usi, i === 0 ? 'Peanuts' : 'Shellfish'],
    );
    const read = await suite.world.app.inject({
      method: 'GET',
      url: `/api/v1/health/allergies/${allergy!.id}`,
      headers: {
        authorization: `Bearer ${signedIn.json().sessionToken}`,
        'x-justification': 'emergency care plan review',
      },
    });
    expect(read.statusCode, read.body).toBe(200);
    out.push({ ...s, allergyId: allergy!.id });
  }
  return out as [Student, Student];
}

let read: [Student, Student] | undefined;
const allergiesRead = async () => (read ??= await readAllergies());

describe('the audit trail by student', () => {
  it('the administrator picks a student by name and sees the rows about their records only', async () => {
    const [mine, other] = await allergiesRead();
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'admin');
    await openFromMenu(page, 'Audit trail', 'Audit trail');
    const picker = page.getByRole('combobox', { name: 'Student' });
    await picker.fill(mine.name);
    await page.getByRole('option', { name: new RegExp(`^${mine.name} \\(`) }).click();
    await page.getByTestId('student-trail').waitFor();
    const allergyRows = page.getByRole('table').getByRole('row').filter({ hasText: 'health.allergies' });
    await expect.poll(() => allergyRows.count()).toBe(1);
    expect(await allergyRows.getByRole('cell').last().textContent()).toBe(mine.allergyId);
    expect(other.allergyId).not.toBe(mine.allergyId);
    await idleCheckpoint(page, 'admin-audit-student');
    await context.close();
  }, 180_000);

  it('the auditor picks a student too (name, id and school), and that lookup is itself audited', async () => {
    const [mine] = await allergiesRead();
    const context = await suite.world.newContext({ viewport: DESKTOP, locale: 'en' });
    const page = await signIn(context, 'auditor');
    expect(new URL(page.url()).pathname).toBe('/audit');
    const picker = page.getByRole('combobox', { name: 'Student' });
    await picker.fill(mine.name);
    const option = page.getByRole('option', { name: new RegExp(`^${mine.name} \\(`) });
    // The option names the school, so namesakes are told apart.
    expect(await option.textContent()).toMatch(/\) · \S/);
    await option.click();
    await page.getByTestId('student-trail').waitFor();
    const allergyRows = page.getByRole('table').getByRole('row').filter({ hasText: 'health.allergies' });
    await expect.poll(() => allergyRows.count()).toBe(1);
    const looked = await suite.world.database.query<{ record_id: string }>(
      `SELECT l.record_id FROM compliance.audit_logs l JOIN identity.accounts a ON a.id::text = l.user_id
        WHERE a.email = $1 AND l.table_name = 'edfi.student' AND l.operation = 'SELECT'`,
      [demoEmail('auditor')],
    );
    expect(looked.some((r) => r.record_id.split(',').includes(String(mine.usi)))).toBe(true);
    await idleCheckpoint(page, 'auditor-audit-student');
    await context.close();
  }, 180_000);
});
