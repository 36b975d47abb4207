/**
 * The SELECTs that derive OneRoster users, roles and enrollments from Ed-Fi students, staff and their
 * associations (conventions in sources.ts: `sourced_id`, the step's columns in order, then `metadata`;
 * references are INNER JOINs on already projected rows).
 */
import { sql } from 'drizzle-orm';
import { GRADE, idIn, META, SCHOOL_ORG, SECTION_KEY, tableOf, type Scope } from './sources.js';

/** Primary org: the school of the current (not exited), primary, latest school association. */
export const students = (s: Scope) => sql`
  SELECT st.id::text AS sourced_id, true AS enabled_user, st.studentuniqueid AS username,
    jsonb_build_array(jsonb_build_object('type', 'studentUniqueId', 'identifier', st.studentuniqueid)) AS user_ids,
    st.firstname AS given_name, st.lastsurname AS family_name, st.middlename AS middle_name, st.preferredfirstname AS
      preferred_first_name,
    st.preferredlastsurname AS preferred_last_name, st.studentuniqueid AS identifier,
    CASE WHEN p.grade IS NULL THEN NULL ELSE ARRAY[p.grade]::text[] END AS grades, p.org AS primary_org_sourced_id,
      ${META} AS metadata
  FROM ${tableOf(s, 'edfi.student')} st
  LEFT JOIN LATERAL (
    SELECT o.sourced_id AS org, ${GRADE('d.codevalue')} AS grade
    FROM edfi.studentschoolassociation a
    ${SCHOOL_ORG('a.schoolid', 'o')}
    LEFT JOIN edfi.descriptor d ON d.descriptorid = a.entrygradeleveldescriptorid
    WHERE a.tenant_id = st.tenant_id AND a.studentusi = st.studentusi
    ORDER BY (a.exitwithdrawdate IS NULL) DESC, (a.primaryschool IS TRUE) DESC, a.entrydate DESC, a.schoolid
    LIMIT 1) p ON TRUE
  WHERE st.tenant_id = ${s.tenantId}${idIn(s, 'st.id')}`;

/** Primary org: the school of the latest section assignment, else of a school association. */
export const staff = (s: Scope) => sql`
  SELECT sf.id::text AS sourced_id, true AS enabled_user, coalesce(sf.loginid, sf.staffuniqueid) AS username,
    jsonb_build_array(jsonb_build_object('type', 'staffUniqueId', 'identifier', sf.staffuniqueid)) AS user_ids,
    sf.firstname AS given_name, sf.lastsurname AS family_name, sf.middlename AS middle_name, NULL::text AS
      preferred_first_name,
    NULL::text AS preferred_last_name, sf.staffuniqueid AS identifier, NULL::text[] AS grades, p.org AS
      primary_org_sourced_id, ${META} AS metadata
  FROM ${tableOf(s, 'edfi.staff')} sf
  LEFT JOIN LATERAL (
    SELECT o.sourced_id AS org
    FROM (SELECT a.tenant_id, a.schoolid, 0 AS rank, a.begindate AS since FROM edfi.staffsectionassociation a
      WHERE a.tenant_id = sf.tenant_id AND a.staffusi = sf.staffusi
          UNION ALL SELECT b.tenant_id, b.schoolid, 1, NULL FROM edfi.staffschoolassociation b
            WHERE b.tenant_id = sf.tenant_id AND b.staffusi = sf.staffusi) x
    ${SCHOOL_ORG('x.schoolid', 'o')}
    ORDER BY x.rank, x.since DESC NULLS LAST, x.schoolid
    LIMIT 1) p ON TRUE
  WHERE sf.tenant_id = ${s.tenantId}${idIn(s, 'sf.id')}`;

// roles: user_sourced_id, role_type, role, begin_date, end_date, org_sourced_id (no metadata column) --

/**
 * Student role at every school of its school associations; teacher role at every school of a staff
 * member's sections. The (user, org) pairs are materialized first and the user's primary org looked up
 * by key: without table statistics (right after a bulk load) a join to users was planned as a
 * nested loop over the whole aggregate per user.
 */
export const roles = (s: Scope) => sql`
  WITH x AS MATERIALIZED (
    SELECT st.id::text AS user_id, o.sourced_id AS org, 'student' AS role, min(a.entrydate) AS begin_date,
      CASE WHEN bool_and(a.exitwithdrawdate IS NOT NULL) THEN max(a.exitwithdrawdate) END AS end_date, false AS
        district_wide
    FROM edfi.student st
    JOIN edfi.studentschoolassociation a ON a.tenant_id = st.tenant_id AND a.studentusi = st.studentusi
    ${SCHOOL_ORG('a.schoolid', 'o')}
    WHERE st.tenant_id = ${s.tenantId}${idIn(s, 'st.id')}
    GROUP BY st.id, o.sourced_id
    UNION ALL
    -- A OneRoster user needs a role: a student with no school association (yet) is a student of the
    -- district (the tenant's one Ed-Fi local education agency), as its SIS record says.
    SELECT st.id::text, d.sourced_id, 'student', NULL::date, NULL::date, true
    FROM edfi.student st
    JOIN LATERAL (
      SELECT o.sourced_id FROM oneroster.orgs o
      WHERE o.tenant_id = st.tenant_id AND o.type = 'district' AND o.metadata->>'source' = 'edfi' ORDER BY o.sourced_id
        LIMIT 1
    ) d ON true
    WHERE st.tenant_id = ${s.tenantId}${idIn(s, 'st.id')}
      AND NOT EXISTS (SELECT 1 FROM edfi.studentschoolassociation a WHERE a.tenant_id = st.tenant_id
        AND a.studentusi = st.studentusi)
    UNION ALL
    SELECT sf.id::text, o.sourced_id, 'teacher', min(a.begindate), CASE
      WHEN bool_and(a.enddate IS NOT NULL) THEN max(a.enddate) END, false
    FROM edfi.staff sf
    JOIN edfi.staffsectionassociation a ON a.tenant_id = sf.tenant_id AND a.staffusi = sf.staffusi
    ${SCHOOL_ORG('a.schoolid', 'o')}
    WHERE sf.tenant_id = ${s.tenantId}${idIn(s, 'sf.id')}
    GROUP BY sf.id, o.sourced_id)
  SELECT md5('edfi:role:' || x.user_id || ':' || x.org || ':' || x.role)::uuid::text AS sourced_id, x.user_id AS
    user_sourced_id,
    CASE WHEN x.district_wide OR x.org = (SELECT u.primary_org_sourced_id FROM oneroster.users u
      WHERE u.tenant_id = ${s.tenantId} AND u.sourced_id = x.user_id)
      THEN 'primary' ELSE 'secondary' END AS role_type, x.role, x.begin_date, x.end_date, x.org AS org_sourced_id
  FROM x`;

// enrollments: user_sourced_id, class_sourced_id, school_sourced_id, role, primary_enrollment, begin_date, end_date

export const enrollments = (s: Scope) => sql`
  SELECT a.id::text AS sourced_id, u.sourced_id AS user_sourced_id, c.sourced_id AS class_sourced_id,
    c.school_sourced_id, 'student' AS role,
    false AS primary_enrollment, a.begindate AS begin_date, a.enddate AS end_date, ${META} AS metadata
  FROM edfi.studentsectionassociation a
  JOIN edfi.student st ON st.tenant_id = a.tenant_id AND st.studentusi = a.studentusi
  JOIN oneroster.users u ON u.tenant_id = a.tenant_id AND u.sourced_id = st.id::text
  JOIN edfi.section se ON ${SECTION_KEY('a', 'se')}
  JOIN oneroster.classes c ON c.tenant_id = a.tenant_id AND c.sourced_id = se.id::text
  WHERE a.tenant_id = ${s.tenantId}${idIn(s, 'a.id')}
  UNION ALL
  SELECT a.id::text, u.sourced_id, c.sourced_id, c.school_sourced_id, 'teacher', coalesce(lower(d.codevalue) =
    'teacher of record', false), a.begindate, a.enddate, ${META}
  FROM edfi.staffsectionassociation a
  JOIN edfi.staff sf ON sf.tenant_id = a.tenant_id AND sf.staffusi = a.staffusi
  JOIN oneroster.users u ON u.tenant_id = a.tenant_id AND u.sourced_id = sf.id::text
  JOIN edfi.section se ON ${SECTION_KEY('a', 'se')}
  JOIN oneroster.classes c ON c.tenant_id = a.tenant_id AND c.sourced_id = se.id::text
  LEFT JOIN edfi.descriptor d ON d.descriptorid = a.classroompositiondescriptorid
  WHERE a.tenant_id = ${s.tenantId}${idIn(s, 'a.id')}`;
