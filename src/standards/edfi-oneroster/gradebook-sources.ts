/**
 * The gradebook's sources, as sources.ts describes a source: Schola's categories, Ed-Fi gradebook entries and
 * their scores (line items and results), and Ed-Fi period and final grades (a line item per section, grading
 * period and grade type, a result per grade), with the categories OneRoster 1.2 requires of every line item.
 */
import { sql } from 'drizzle-orm';
import { idIn, META, SECTION_KEY, type Scope } from './sources.js';

// line_items: title, description, assign_date, due_date, class_sourced_id ----------------------------

/**
 * A gradebook entry with no Schola category (an Ed-Fi client's entry, such as Grand Bend's) is filed under its
 * class's category of its Ed-Fi entry type ("Homework", "Quiz"…; "Assignments" without one): OneRoster 1.2
 * requires a lineItem's category. The deterministic sourcedId of that category:
 */
const ENTRY_TYPE_CATEGORY = sql.raw(
  `md5('edfi:entryTypeCategory:' || se.id::text || ':' || coalesce(et.codevalue, ''))::uuid::text`,
);

/** Those categories, one per class and entry type; projected before the line items (projection.ts). */
export const entryTypeCategories = (s: Scope) => sql`
  SELECT DISTINCT ON (1) ${ENTRY_TYPE_CATEGORY} AS sourced_id, coalesce(et.codevalue, 'Assignments') AS title,
    NULL::numeric AS weight, c.school_sourced_id, c.sourced_id AS class_sourced_id,
    jsonb_build_object('source', 'edfi', 'gradebookEntryType', et.codevalue) AS metadata
  FROM edfi.gradebookentry g
  JOIN edfi.section se ON ${SECTION_KEY('g', 'se')}
  JOIN oneroster.classes c ON c.tenant_id = g.tenant_id AND c.sourced_id = se.id::text
  LEFT JOIN edfi.descriptor et ON et.descriptorid = g.gradebookentrytypedescriptorid
  WHERE g.tenant_id = ${s.tenantId} AND g.categoryid IS NULL${idIn(s, 'g.id')}`;

export const lineItems = (s: Scope) => sql`
  SELECT g.id::text AS sourced_id, g.title, g.description, g.dateassigned AS assign_date, g.duedate AS due_date,
    c.sourced_id AS class_sourced_id,
    CASE WHEN g.categoryid IS NULL THEN ${ENTRY_TYPE_CATEGORY} ELSE cat.sourced_id END AS category_sourced_id,
    gps.sourced_id AS grading_period_sourced_id, CASE WHEN g.maxpoints IS NOT NULL THEN 0 END AS result_value_min,
    g.maxpoints AS result_value_max, ${META} AS metadata
  FROM edfi.gradebookentry g
  JOIN edfi.section se ON ${SECTION_KEY('g', 'se')}
  JOIN oneroster.classes c ON c.tenant_id = g.tenant_id AND c.sourced_id = se.id::text
  LEFT JOIN oneroster.categories cat ON cat.tenant_id = g.tenant_id AND cat.sourced_id = g.categoryid::text
  LEFT JOIN edfi.descriptor et ON et.descriptorid = g.gradebookentrytypedescriptorid
  LEFT JOIN edfi.gradingperiod gp ON gp.tenant_id = g.tenant_id
    AND gp.gradingperioddescriptorid = g.gradingperioddescriptorid
    AND gp.schoolid = g.schoolid AND gp.schoolyear = g.schoolyear
  LEFT JOIN oneroster.academic_sessions gps ON gps.tenant_id = g.tenant_id AND gps.sourced_id = gp.id::text
  WHERE g.tenant_id = ${s.tenantId}${idIn(s, 'g.id')}`;

// categories (Schola's gradebook categories of a section): title, weight, school_sourced_id, class_sourced_id ---

export const categories = (s: Scope) => sql`
  SELECT k.id::text AS sourced_id, k.name AS title, k.weightpercent AS weight, c.school_sourced_id,
    c.sourced_id AS class_sourced_id, ${META} AS metadata
  FROM edfi.gradebookcategory k
  JOIN edfi.section se ON ${SECTION_KEY('k', 'se')}
  JOIN oneroster.classes c ON c.tenant_id = k.tenant_id AND c.sourced_id = se.id::text
  WHERE k.tenant_id = ${s.tenantId}${idIn(s, 'k.id')}`;

// results: line_item_sourced_id, student_sourced_id, score_status, score, score_date, comment ---------

/** The letter grade is OneRoster's textScore (beside the numeric score when both are given). */
export const results = (s: Scope) => sql`
  SELECT r.id::text AS sourced_id, li.sourced_id AS line_item_sourced_id, u.sourced_id AS student_sourced_id,
    CASE WHEN r.exempt THEN 'exempt'
         WHEN r.numericgradeearned IS NOT NULL OR r.pointsearned IS NOT NULL OR r.lettergradeearned IS NOT NULL
           THEN 'fully graded'
         ELSE 'not submitted' END AS score_status,
    coalesce(r.pointsearned, r.numericgradeearned) AS score, date_trunc('milliseconds', r.datefulfilled) AS score_date,
    r.diagnosticstatement AS comment, r.lettergradeearned AS text_score, r.late, r.missing, ${META} AS metadata
  FROM edfi.studentgradebookentry r
  JOIN edfi.gradebookentry g ON g.tenant_id = r.tenant_id AND g.gradebookentryidentifier = r.gradebookentryidentifier
    AND g.namespace = r.namespace
  JOIN oneroster.line_items li ON li.tenant_id = r.tenant_id AND li.sourced_id = g.id::text
  JOIN edfi.student st ON st.tenant_id = r.tenant_id AND st.studentusi = r.studentusi
  JOIN oneroster.users u ON u.tenant_id = r.tenant_id AND u.sourced_id = st.id::text
  WHERE r.tenant_id = ${s.tenantId}${idIn(s, 'r.id')}`;

// period and final grades (Ed-Fi Grade rows): one line item per section, grading period and grade type ------------

/** The deterministic sourcedId of the line item of a section's grades of one grading period and grade type. */
const GRADE_ITEM = sql.raw(
  `md5('edfi:grade:' || se.id::text || ':' || gp.id::text || ':' || g.gradetypedescriptorid::text)::uuid::text`,
);
const GRADE_JOINS = sql`JOIN edfi.section se ON ${SECTION_KEY('g', 'se')}
  JOIN edfi.gradingperiod gp ON gp.tenant_id = g.tenant_id
    AND gp.gradingperioddescriptorid = g.gradingperioddescriptorid
    AND gp.schoolid = g.gradingperiodschoolid AND gp.schoolyear = g.gradingperiodschoolyear`;

/** Which grade category a grade's line item belongs to: 'final' (the Final grade type) or 'period' (any other). */
const GRADE_KIND_SQL = `CASE WHEN t.codevalue = 'Final' THEN 'final' ELSE 'period' END`;
const GRADE_KIND = sql.raw(GRADE_KIND_SQL);
/** The deterministic sourcedId of a class's category of final grades or of grading-period grades. */
const GRADE_CATEGORY = sql.raw(`md5('edfi:gradeCategory:' || se.id::text || ':' || ${GRADE_KIND_SQL})::uuid::text`);

/**
 * OneRoster 1.2 requires a lineItem's category: the class's "Final grade" or "Grading period grade"
 * category (one each per class that has such grades; no weight, they are not assignments). Projected in
 * the same step as, and before, the grade line items (projection.ts), so every path that projects a
 * grade's line item projects its category first.
 */
export const gradeCategories = (s: Scope) => sql`
  SELECT DISTINCT ON (1) ${GRADE_CATEGORY} AS sourced_id,
    CASE WHEN t.codevalue = 'Final' THEN 'Final grade' ELSE 'Grading period grade' END AS title,
    NULL::numeric AS weight, c.school_sourced_id, c.sourced_id AS class_sourced_id,
    jsonb_build_object('source', 'edfi', 'gradeCategory', ${GRADE_KIND}) AS metadata
  FROM edfi.grade g
  ${GRADE_JOINS}
  JOIN oneroster.classes c ON c.tenant_id = g.tenant_id AND c.sourced_id = se.id::text
  JOIN edfi.descriptor t ON t.descriptorid = g.gradetypedescriptorid
  WHERE g.tenant_id = ${s.tenantId}${idIn(s, 'g.id')}`;

/**
 * A section's period grades ("First Quarter grade", under that grading period) and final grade ("Final
 * grade", under the class's term): a line item on 0–100 in its grade category, whose metadata names the
 * Ed-Fi grade type. The category is an inner join: a line item is never written without its category.
 */
export const gradeLineItems = (s: Scope) => sql`
  SELECT DISTINCT ON (1) ${GRADE_ITEM} AS sourced_id,
    CASE WHEN t.codevalue = 'Final' THEN 'Final grade' ELSE p.codevalue || ' grade' END AS title,
    'Ed-Fi grade (' || t.codevalue || ') of ' || se.sectionidentifier AS description, NULL::date AS assign_date,
    gp.enddate AS due_date, c.sourced_id AS class_sourced_id, cat.sourced_id AS category_sourced_id,
    CASE WHEN t.codevalue = 'Final' THEN coalesce(c.term_sourced_ids[1], gps.sourced_id) ELSE gps.sourced_id END
      AS grading_period_sourced_id, 0 AS result_value_min, 100 AS result_value_max,
    jsonb_build_object('source', 'edfi', 'gradeType', t.codevalue, 'gradingPeriod', p.codevalue) AS metadata
  FROM edfi.grade g
  ${GRADE_JOINS}
  JOIN oneroster.classes c ON c.tenant_id = g.tenant_id AND c.sourced_id = se.id::text
  JOIN edfi.descriptor t ON t.descriptorid = g.gradetypedescriptorid
  JOIN edfi.descriptor p ON p.descriptorid = g.gradingperioddescriptorid
  JOIN oneroster.categories cat ON cat.tenant_id = g.tenant_id AND cat.sourced_id = ${GRADE_CATEGORY}
  LEFT JOIN oneroster.academic_sessions gps ON gps.tenant_id = g.tenant_id AND gps.sourced_id = gp.id::text
  WHERE g.tenant_id = ${s.tenantId}${idIn(s, 'g.id')}`;

/**
 * A student's period or final grade: score = the percent, textScore = the effective letter (after an override).
 * Each grade's line item sourcedId is computed once, in a subquery the planner may not flatten (OFFSET 0), and
 * then matched by equality: flattened, the md5 could only be compared once section, grading period and grade were
 * all joined, and with line_items looking empty (statistics taken before the projection filled it, as in the demo
 * seed) the planner paired every grade with every line item of the tenant and ran the md5 for each pair (3 s for
 * the demo's 3,600 grades, instead of tens of milliseconds).
 */
export const gradeResults = (s: Scope) => sql`
  SELECT g.id::text AS sourced_id, li.sourced_id AS line_item_sourced_id, u.sourced_id AS student_sourced_id,
    CASE WHEN g.numericgradeearned IS NOT NULL OR g.lettergradeearned IS NOT NULL THEN 'fully graded'
         ELSE 'not submitted' END AS score_status,
    g.numericgradeearned AS score,
    -- Milliseconds, as OneRoster's ISO date-times carry them: the CSV export and re-import then agree exactly.
    date_trunc('milliseconds', g.lastmodifieddate) AS score_date, g.diagnosticstatement AS comment,
    g.lettergradeearned AS text_score, NULL::boolean AS late, NULL::boolean AS missing,
    jsonb_build_object('source', 'edfi', 'computedLetter', g.computedlettergrade,
      'overridden', g.overriddenat IS NOT NULL) AS metadata
  FROM (SELECT g.*, ${GRADE_ITEM} AS line_item_id FROM edfi.grade g ${GRADE_JOINS}
         WHERE g.tenant_id = ${s.tenantId}${idIn(s, 'g.id')} OFFSET 0) g
  JOIN oneroster.line_items li ON li.tenant_id = g.tenant_id AND li.sourced_id = g.line_item_id
  JOIN edfi.student st ON st.tenant_id = g.tenant_id AND st.studentusi = g.studentusi
  JOIN oneroster.users u ON u.tenant_id = g.tenant_id AND u.sourced_id = st.id::text`;
