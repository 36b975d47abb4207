/**
 * Final grades feed the course transcript (edfi.coursetranscript): credits attempted are the section's
 * availableCredits (1 when it has none), earned when the final letter is passing on the school's scale; the course's
 * GPA level goes with it.
 */
import { sql } from 'drizzle-orm';
import type { Work } from '../../../platform/service/work.js';
import { courseTranscript } from '../tables.js';
import { policyOf } from './policy.js';
import { levelOfLetter } from './rules.js';
import { storedGrades, type Target } from './stored-grades.js';
import type { SectionRow } from './section.js';

/** The course transcript rows of the section's students from their final grades (effective letters). */
export async function writeTranscripts(work: Work, section: SectionRow, t: Target, onlyStudent?: number) {
  const policy = await policyOf(work, section.schoolId);
  const finals = (await storedGrades(work, section, t)).filter(
    (r) => onlyStudent === undefined || Number(r.studentusi) === onlyStudent,
  );
  const credits = section.credits ?? 1;
  const rows = finals.flatMap((r) => {
    const letter = (r.letter as string | null) ?? null;
    const level = letter ? levelOfLetter(policy.scale, letter) : undefined;
    if (!letter) return [];
    return [
      {
        usi: Number(r.studentusi),
        letter,
        pct: r.pct === null ? null : Number(r.pct),
        points: level?.gradePoints ?? null,
        earned: level?.passing ? credits : 0,
      },
    ];
  });
  if (rows.length === 0) return;
  await work.tx.execute(sql`
    INSERT INTO edfi.coursetranscript AS c (tenant_id, studentusi, coursecode, courseeducationorganizationid,
           educationorganizationid, schoolyear, termdescriptorid, coursetitle, attemptedcredits, earnedcredits,
           finallettergradeearned, finalnumericgradeearned, gradepoints, gpalevel)
    SELECT ${work.tenantId}, x.usi, ${section.courseCode}, ${section.courseEdOrgId}, ${section.schoolId},
           ${section.schoolYear}, se.termdescriptorid, left(${section.courseTitle}, 60), ${credits}, x.earned,
           x.letter, x.pct, x.points, co.gpalevel
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS x(usi int, letter text, pct numeric, points numeric, earned numeric)
      JOIN edfi.session se ON se.tenant_id = ${work.tenantId} AND se.schoolid = ${section.schoolId}
       AND se.schoolyear = ${section.schoolYear} AND se.sessionname = ${section.sessionName}
      JOIN edfi.course co ON co.tenant_id = ${work.tenantId} AND co.coursecode = ${section.courseCode}
       AND co.educationorganizationid = ${section.courseEdOrgId}
    ON CONFLICT (tenant_id, studentusi, coursecode, courseeducationorganizationid, educationorganizationid, schoolyear,
                 termdescriptorid) DO UPDATE SET
      coursetitle = EXCLUDED.coursetitle, attemptedcredits = EXCLUDED.attemptedcredits,
      earnedcredits = EXCLUDED.earnedcredits, finallettergradeearned = EXCLUDED.finallettergradeearned,
      finalnumericgradeearned = EXCLUDED.finalnumericgradeearned,
      gradepoints = EXCLUDED.gradepoints, gpalevel = EXCLUDED.gpalevel, lastmodifieddate = now()
    WHERE (c.finallettergradeearned, c.finalnumericgradeearned, c.attemptedcredits, c.gpalevel)
      IS DISTINCT FROM (EXCLUDED.finallettergradeearned, EXCLUDED.finalnumericgradeearned, EXCLUDED.attemptedcredits,
                        EXCLUDED.gpalevel)`);
  await work.audit({
    table: courseTranscript,
    recordId: `${section.id}:transcript`,
    operation: 'UPDATE',
    newValues: Object.fromEntries(rows.map((r) => [r.usi, { letter: r.letter, earned: r.earned }])),
  });
}
