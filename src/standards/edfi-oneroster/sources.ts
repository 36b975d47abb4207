/**
 * The SELECTs that derive OneRoster rows from edfi.* rows, one per source (see README.md for the
 * mapping). Each yields `sourced_id`, then the target columns in the order its step lists them, then
 * `metadata`. References to other OneRoster rows are INNER JOINs on the already projected target
 * rows: a source whose parent is not projected (yet) is skipped instead of failing a foreign key, so
 * a narrowed write-through never breaks an Ed-Fi write; the full projection runs kinds in dependency
 * order, so there every parent is present. The gradebook's sources (categories, line items, results, period and
 * final grades) are in gradebook-sources.ts; users, roles and enrollments in people-sources.ts.
 */
import { sql, type SQL } from 'drizzle-orm';

/** Which rows to derive: the tenant, optionally narrowed to Ed-Fi resource ids (uuid). */
export interface Scope {
  tenantId: string;
  ids?: readonly string[];
  /**
   * Read a source's own table from another relation with its columns (a CTE of the same statement:
   * `INSERT … RETURNING *`), for sources that support it (`tableOf`); table name → relation name.
   */
  from?: Readonly<Record<string, string>>;
}

/** The relation a source reads its own table from (see Scope.from). */
export const tableOf = (s: Scope, table: string) => sql.raw(s.from?.[table] ?? table);

/** The ids as one parameter (uuids hold no comma): one parameter for any number of ids. */
export function idList(scope: Scope): SQL {
  return sql`string_to_array(${(scope.ids ?? []).join(',')}, ',')`;
}

/** ` AND <column> = ANY(ids)` when narrowed (uuid comparison, index-served), nothing otherwise. */
export function idIn(scope: Scope, column: string): SQL {
  if (!scope.ids) return sql``;
  return sql` AND ${sql.raw(column)} = ANY(${idList(scope)}::uuid[])`;
}

/** The metadata of every projected row: it marks the row as the Ed-Fi record's face. */
export const META = sql.raw(`jsonb_build_object('source', 'edfi')`);

/** The deterministic sourcedId of the synthetic schoolYear session of year `expr`. */
export const yearId = (expr: string) => sql.raw(`md5('edfi:schoolYear:' || (${expr})::text)::uuid::text`);

/** Ed-Fi GradeLevelDescriptor code value → CEDS grade code used by OneRoster. */
export const GRADE = (expr: string) =>
  sql.raw(`CASE lower(${expr})
    WHEN 'infant/toddler' THEN 'IT' WHEN 'preschool' THEN 'PR' WHEN 'prekindergarten' THEN 'PK'
      WHEN 'preschool/prekindergarten' THEN 'PK'
    WHEN 'transitional kindergarten' THEN 'TK' WHEN 'kindergarten' THEN 'KG' WHEN 'first grade' THEN '01'
      WHEN 'second grade' THEN '02'
    WHEN 'third grade' THEN '03' WHEN 'fourth grade' THEN '04' WHEN 'fifth grade' THEN '05' WHEN 'sixth grade' THEN '06'
    WHEN 'seventh grade' THEN '07' WHEN 'eighth grade' THEN '08' WHEN 'ninth grade' THEN '09'
      WHEN 'tenth grade' THEN '10'
    WHEN 'eleventh grade' THEN '11' WHEN 'twelfth grade' THEN '12' WHEN 'grade 13' THEN '13'
      WHEN 'postsecondary' THEN 'PS'
    WHEN 'ungraded' THEN 'UG' WHEN 'other' THEN 'Other' END`);

/** The join condition of a row carrying a section's key columns (alias `a`) to edfi.section (alias `se`). */
export const SECTION_KEY = (a: string, se: string) =>
  sql.raw(
    `${se}.tenant_id = ${a}.tenant_id AND ${se}.sectionidentifier = ${a}.sectionidentifier
      AND ${se}.localcoursecode = ${a}.localcoursecode AND ${se}.schoolid = ${a}.schoolid
        AND ${se}.schoolyear = ${a}.schoolyear`,
  );

/** The projected org of an Ed-Fi school id column. */
export const SCHOOL_ORG = (schoolIdColumn: string, alias: string) =>
  sql.raw(`JOIN edfi.school ${alias}_s ON ${alias}_s.tenant_id = ${schoolIdColumn.split('.')[0]}.tenant_id
    AND ${alias}_s.schoolid = ${schoolIdColumn}
    JOIN oneroster.orgs ${alias} ON ${alias}.tenant_id = ${alias}_s.tenant_id
      AND ${alias}.sourced_id = ${alias}_s.id::text`);

// orgs: name, type, identifier, parent_sourced_id -------------------------------------------------

export const districts = (s: Scope) => sql`
  SELECT l.id::text AS sourced_id, eo.nameofinstitution AS name, 'district' AS type, l.localeducationagencyid::text AS
    identifier,
    (SELECT o.sourced_id FROM edfi.localeducationagency p JOIN oneroster.orgs o ON o.tenant_id = p.tenant_id
      AND o.sourced_id = p.id::text
      WHERE p.tenant_id = l.tenant_id AND p.localeducationagencyid = l.parentlocaleducationagencyid) AS
        parent_sourced_id, ${META} AS metadata
  FROM edfi.localeducationagency l
  JOIN edfi.educationorganization eo ON eo.tenant_id = l.tenant_id
    AND eo.educationorganizationid = l.localeducationagencyid
  WHERE l.tenant_id = ${s.tenantId}${idIn(s, 'l.id')}`;

export const schools = (s: Scope) => sql`
  SELECT sc.id::text AS sourced_id, eo.nameofinstitution AS name, 'school' AS type, sc.schoolid::text AS identifier,
    (SELECT o.sourced_id FROM edfi.localeducationagency p JOIN oneroster.orgs o ON o.tenant_id = p.tenant_id
      AND o.sourced_id = p.id::text
      WHERE p.tenant_id = sc.tenant_id AND p.localeducationagencyid = sc.localeducationagencyid) AS parent_sourced_id,
        ${META} AS metadata
  FROM edfi.school sc
  JOIN edfi.educationorganization eo ON eo.tenant_id = sc.tenant_id AND eo.educationorganizationid = sc.schoolid
  WHERE sc.tenant_id = ${s.tenantId}${idIn(s, 'sc.id')}`;

// academic_sessions: title, type, start_date, end_date, parent_sourced_id, school_year --------------

/**
 * One district schoolYear session per school year the sessions, grading periods and course offerings
 * use (never narrowed: a handful of rows): the root every school's sessions hang under.
 */
export const schoolYears = (s: Scope) => sql`
  SELECT ${yearId('y.schoolyear')} AS sourced_id, (y.schoolyear - 1)::text || '-' || y.schoolyear::text ||
    ' School Year' AS title, 'schoolYear' AS type,
    coalesce(min(se.begindate), make_date(y.schoolyear - 1, 8, 1)) AS start_date, coalesce(max(se.enddate),
      make_date(y.schoolyear, 7, 31)) AS end_date,
    NULL::text AS parent_sourced_id, y.schoolyear::text AS school_year, ${META} AS metadata
  FROM (SELECT schoolyear FROM edfi.session WHERE tenant_id = ${s.tenantId}
        UNION SELECT schoolyear FROM edfi.gradingperiod WHERE tenant_id = ${s.tenantId}
        UNION SELECT schoolyear FROM edfi.courseoffering WHERE tenant_id = ${s.tenantId}) y
  LEFT JOIN edfi.session se ON se.tenant_id = ${s.tenantId} AND se.schoolyear = y.schoolyear
  GROUP BY y.schoolyear`;

/**
 * OneRoster session type of an Ed-Fi TermDescriptor code value (Fall/Spring/Summer Semester, Year Round, Trimesters,
 * Quarters…).
 */
const SESSION_TYPE = (code: string) =>
  sql.raw(
    `CASE WHEN ${code} ILIKE '%semester%' THEN 'semester' WHEN ${code} ILIKE 'year%round' THEN 'schoolYear'
      ELSE 'term' END`,
  );

/**
 * The session of school `school`, year `year`, that most narrowly contains [begin, end] (`self` excluded,
 * a session with the very same dates never counts): the parent of a session or grading period. Ed-Fi
 * 5.2 links sessions to grading periods, but the data model keeps no such link, so containment of dates
 * decides — Fall Semester under the school's Year Round session, a six-weeks period under its semester.
 * Only sessions already projected, or in this same statement (`inStatement`), are eligible.
 */
const containingSession = (a: string, self: SQL, inStatement: SQL) => sql`(
    SELECT c.id::text FROM edfi.session c
    WHERE c.tenant_id = ${sql.raw(a)}.tenant_id AND c.schoolid = ${sql.raw(a)}.schoolid
      AND c.schoolyear = ${sql.raw(a)}.schoolyear
      AND c.begindate <= ${sql.raw(a)}.begindate AND c.enddate >= ${sql.raw(a)}.enddate
      AND (c.begindate, c.enddate) <> (${sql.raw(a)}.begindate, ${sql.raw(a)}.enddate) AND ${self}
      AND (${inStatement} OR EXISTS (SELECT 1 FROM oneroster.academic_sessions p WHERE p.tenant_id = c.tenant_id
        AND p.sourced_id = c.id::text))
    ORDER BY c.enddate - c.begindate, c.sessionname LIMIT 1)`;

/**
 * Ed-Fi sessions by their term descriptor: semesters, terms (trimesters, quarters, …), and Year Round
 * sessions as schoolYear sessions of their school. Parent: the narrowest session of the school that
 * contains it, else the district's school year. Sessions of the same projection statement may be
 * parents (foreign keys are checked at its end): all of them for a whole-tenant run, the written ones
 * for a write-through.
 */
export const terms = (s: Scope) => sql`
  SELECT se.id::text AS sourced_id, se.sessionname AS title, ${SESSION_TYPE('d.codevalue')} AS type,
    se.begindate AS start_date, se.enddate AS end_date,
    coalesce(${containingSession('se', sql`c.id <> se.id`, s.ids ? sql`c.id = ANY(${idList(s)}::uuid[])` : sql`TRUE`)},
      yr.sourced_id) AS parent_sourced_id,
    se.schoolyear::text AS school_year, ${META} AS metadata
  FROM edfi.session se
  JOIN edfi.descriptor d ON d.descriptorid = se.termdescriptorid
  JOIN oneroster.academic_sessions yr ON yr.tenant_id = se.tenant_id AND yr.sourced_id = ${yearId('se.schoolyear')}
  WHERE se.tenant_id = ${s.tenantId}${idIn(s, 'se.id')}`;

/**
 * Grading periods: title = the descriptor ("First Six Weeks") and school year; parent = the narrowest projected session
 * containing it, else the school year.
 */
export const gradingPeriods = (s: Scope) => sql`
  SELECT gp.id::text AS sourced_id, d.codevalue || ' ' || (gp.schoolyear - 1)::text || '-' || gp.schoolyear::text AS
    title, 'gradingPeriod' AS type,
    gp.begindate AS start_date, gp.enddate AS end_date,
    coalesce(${containingSession('gp', sql`TRUE`, sql`FALSE`)}, yr.sourced_id) AS parent_sourced_id,
    gp.schoolyear::text AS school_year, ${META} AS metadata
  FROM edfi.gradingperiod gp
  JOIN edfi.descriptor d ON d.descriptorid = gp.gradingperioddescriptorid
  JOIN oneroster.academic_sessions yr ON yr.tenant_id = gp.tenant_id AND yr.sourced_id = ${yearId('gp.schoolyear')}
  WHERE gp.tenant_id = ${s.tenantId}${idIn(s, 'gp.id')}`;

// courses: title, school_year_sourced_id, course_code, subjects, org_sourced_id ----------------------

export const courses = (s: Scope) => sql`
  SELECT c.id::text AS sourced_id, c.coursetitle AS title, yr.sourced_id AS school_year_sourced_id, c.coursecode AS
    course_code,
    CASE WHEN d.codevalue IS NULL THEN NULL ELSE ARRAY[d.codevalue]::text[] END AS subjects, o.sourced_id AS
      org_sourced_id, ${META} AS metadata
  FROM edfi.course c
  LEFT JOIN edfi.descriptor d ON d.descriptorid = c.academicsubjectdescriptorid
  LEFT JOIN edfi.school sc ON sc.tenant_id = c.tenant_id AND sc.schoolid = c.educationorganizationid
  LEFT JOIN edfi.localeducationagency l ON l.tenant_id = c.tenant_id
    AND l.localeducationagencyid = c.educationorganizationid
  JOIN oneroster.orgs o ON o.tenant_id = c.tenant_id AND o.sourced_id = coalesce(sc.id, l.id)::text
  JOIN oneroster.academic_sessions yr ON yr.tenant_id = c.tenant_id AND yr.sourced_id = ${yearId(
    `coalesce(
      (SELECT max(co.schoolyear) FROM edfi.courseoffering co WHERE co.tenant_id = c.tenant_id AND ` +
      `co.educationorganizationid = c.educationorganizationid AND co.coursecode = c.coursecode),
      (SELECT max(x.schoolyear) FROM edfi.session x WHERE x.tenant_id = c.tenant_id))`,
  )}
  WHERE c.tenant_id = ${s.tenantId}${idIn(s, 'c.id')}`;

// classes: title, class_code, class_type, subjects, course_sourced_id, school_sourced_id, term_sourced_ids

export const classes = (s: Scope) => sql`
  SELECT se.id::text AS sourced_id, coalesce(se.sectionname, co.localcoursetitle, c.coursetitle) AS title,
    se.sectionidentifier AS class_code,
    'scheduled' AS class_type, oc.subjects, oc.sourced_id AS course_sourced_id, os.sourced_id AS school_sourced_id,
    ARRAY[coalesce(term.sourced_id, yr.sourced_id)]::text[] AS term_sourced_ids, ${META} AS metadata
  FROM edfi.section se
  JOIN edfi.courseoffering co ON co.tenant_id = se.tenant_id AND co.localcoursecode = se.localcoursecode
    AND co.schoolid = se.schoolid AND co.schoolyear = se.schoolyear
    AND co.sessionname = se.sessionname
  JOIN edfi.course c ON c.tenant_id = co.tenant_id AND c.coursecode = co.coursecode
    AND c.educationorganizationid = co.educationorganizationid
  JOIN oneroster.courses oc ON oc.tenant_id = c.tenant_id AND oc.sourced_id = c.id::text
  ${SCHOOL_ORG('se.schoolid', 'os')}
  JOIN oneroster.academic_sessions yr ON yr.tenant_id = se.tenant_id AND yr.sourced_id = ${yearId('se.schoolyear')}
  -- The class runs in its offering's session (a term); the school year only if that term is not projected.
  LEFT JOIN edfi.session ss ON ss.tenant_id = se.tenant_id AND ss.sessionname = se.sessionname
    AND ss.schoolid = se.schoolid AND ss.schoolyear = se.schoolyear
  LEFT JOIN oneroster.academic_sessions term ON term.tenant_id = se.tenant_id AND term.sourced_id = ss.id::text
  WHERE se.tenant_id = ${s.tenantId}${idIn(s, 'se.id')}`;

// users: enabled_user, username, user_ids, given_name, family_name, middle_name, preferred_first_name,
// preferred_last_name, identifier, grades, primary_org_sourced_id -------------------------------------
